"""Conversations between a candidate (as their pseudonym) and a real-name counterpart:
starting one from either side, messages, threads, the inbox and unread counts.

Queries are in ``conversation_queries``; who may reach what is decided inside them.
"""
from __future__ import annotations

import logging
import secrets

from graph.candidates import conversation_queries as q
from graph.candidates.visibility import (SEEKING, ScopedRepository, key_from_settings,
                                         resolve_public_id, visibility_params)
from graph.errors import Forbidden, Invalid, NotFound
from graph.hiring.outreach import check_outreach
from graph.i18n import N_
from graph.idempotency import write_key
from graph.notices.conversations import notify
from graph.people.members import new_id

logger = logging.getLogger(__name__)

MAX_BODY = 2000
SHOWN_MESSAGES = 200

NO_PSEUDONYM = N_("You have no active pseudonym. Set your job status to \"Actively looking\" "
                "or \"Open to offers\" to get one.")
AT_EMPLOYER = N_("They work at, recruit for or administer your current employer. As a "
               "candidate you stay hidden from your employer, so you cannot write to them "
               "under your pseudonym.")
NOT_SEEKING = N_("Your job status is \"Not looking\", so your pseudonym is hidden. Set it to "
               "looking or open to continue this conversation.")


def pair_key(pseudonym_id: str, counterpart_id: str, job_id: str | None) -> str:
    """The key that makes one conversation per pseudonym, counterpart and job."""
    return f"{pseudonym_id}|{counterpart_id}|{job_id or '-'}"


def clean_body(body: str | None) -> str:
    """The message text, trimmed; ``Invalid`` when empty or longer than ``MAX_BODY``."""
    text = (body or "").strip()
    if not text:
        raise Invalid("Write a message first.")
    if len(text) > MAX_BODY:
        raise Invalid("A message can be at most %(max)s characters.", max=MAX_BODY)
    return text


def _append(tx, conversation_id, from_candidate, body, now):
    tx.run(q.APPEND_MESSAGE, conversationId=conversation_id, id=new_id(),
           fromCandidate=from_candidate, body=body, now=now).consume()


def _open(tx, scopes, row, from_candidate, body, now):
    """Find or create the conversation for ``row`` and add the first message; a new
    conversation is announced to the other side (a counterpart by the name their scope
    knows the pseudonym by)."""
    merged = tx.run(q.MERGE_CONVERSATION, pseudonymId=row["pseudonymId"],
                    counterpartId=row["counterpartId"], jobId=row["jobId"],
                    pairKey=pair_key(row["pseudonymId"], row["counterpartId"], row["jobId"]),
                    id=secrets.token_urlsafe(18), now=now).single()
    _append(tx, merged["id"], from_candidate, body, now)
    if merged["created"]:
        recipient = row["counterpartId"] if from_candidate else row["candidateId"]
        actor = (scopes.label(row["scope"], row["pseudonym"]) if from_candidate
                 else row["counterpartName"])
        notify(tx, recipient, "conversation", actor, merged["id"], now)
    return merged["id"]


def _check_contact(row):
    if row is None:
        raise Invalid(NO_PSEUDONYM)
    if row["counterpartId"] is None:
        raise NotFound("No such member.")
    if row["conflict"]:
        raise Forbidden(AT_EMPLOYER)
    if row["degree"] > 2:
        raise Forbidden("Under your pseudonym you can write to your 1st- and 2nd-degree "
                        "contacts, and to recruiters about their jobs.")
    return row


def _check_job(row):
    if row is None:
        raise Invalid(NO_PSEUDONYM)
    if row["jobId"] is None:
        raise NotFound("No such open job.")
    if row["own"]:
        raise Invalid("This is your own job.")
    if row["conflict"]:
        raise Forbidden(AT_EMPLOYER)
    return row


def _check(tx, scopes, query, params, checker):
    row = checker(tx.run(query, params).single()).data()
    # The candidate is shown the name they will go by with this counterpart.
    row["pseudonym"] = scopes.present(row.pop("scope"), row["pseudonym"])
    return row


def _start_as_counterpart(tx, scopes, params, body):
    scope, pseudonym_id = resolve_public_id(tx, scopes, params["viewerId"],
                                            params["publicId"])
    params = {**params, "scope": scope, "pseudonymId": pseudonym_id}
    row = tx.run(q.CHECK_COUNTERPART_START, params).single()
    if row is None:
        raise NotFound("No such candidate.")
    if params["jobId"] and row["jobId"] is None:
        raise NotFound("No such open job of yours.")
    key = pair_key(pseudonym_id, params["viewerId"], row["jobId"])
    opening = tx.run(q.MATCH_CONVERSATION_EXISTS, pairKey=key).single() is None
    check_outreach(tx, params["viewerId"], pseudonym_id, body, params["now"],
                   params["newPerDay"], params["identicalPerDay"], opening)
    return _open(tx, scopes, row.data(), False, body, params["now"])


def _start_as_candidate(tx, scopes, query, params, checker, body):
    row = checker(tx.run(query, params).single())
    return _open(tx, scopes, row.data(), True, body, params["now"])


def _post(tx, params, body):
    access = tx.run(q.LOCK_THREAD, params).single()
    if access is None:
        raise NotFound("No such conversation.")
    if access["side"] == "candidate" and not access["seeking"]:
        raise Forbidden(NOT_SEEKING)
    if access["side"] != "candidate":
        check_outreach(tx, params["viewerId"], None, body, params["now"],
                       params["newPerDay"], params["identicalPerDay"], opening=False)
    _append(tx, params["conversationId"], access["side"] == "candidate", body, params["now"])


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class ConversationRepository(ScopedRepository):
    """Threads between pseudonyms and real-name members."""

    def __init__(self, driver, database, scope_key: bytes | None = None,
                 new_per_day: int = 20, identical_per_day: int = 5):
        super().__init__(driver, database, scope_key)
        # Anti-spam caps on those who write to pseudonyms (graph.hiring.outreach).
        self.caps = {"newPerDay": new_per_day, "identicalPerDay": identical_per_day}

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, key_from_settings(settings),
                   settings.get("OUTREACH_NEW_PER_DAY", 20),
                   settings.get("OUTREACH_IDENTICAL_PER_DAY", 5))

    def start_as_counterpart(self, viewer_id: str, pseudonym_id: str, body: str,
                             job_id: str | None = None) -> str:
        """A recruiter or contact writes to a pseudonym they may see (optionally about one
        of their open jobs). Returns the conversation id; ``NotFound`` when the pseudonym
        is hidden from them or does not exist. ``pseudonym_id`` is the id as the viewer's
        scope sees it (another company's id is not found)."""
        params = {"viewerId": viewer_id, "publicId": pseudonym_id, "jobId": job_id or None,
                  **visibility_params(), **self.caps}
        return self._write(_start_as_counterpart, self.scopes, params, clean_body(body))

    def check_contact(self, viewer_id: str, target_id: str) -> dict:
        """Whether the viewer may write, as their pseudonym, to ``target_id``; raises
        the error that explains why not."""
        return self._read(_check, self.scopes, q.CHECK_CANDIDATE_TO_CONTACT,
                          {"viewerId": viewer_id, "targetId": target_id,
                           "seeking": list(SEEKING)}, _check_contact)

    def start_with_contact(self, viewer_id: str, target_id: str, body: str) -> str:
        """The viewer, as their pseudonym, writes to a 1st/2nd-degree contact."""
        params = {"viewerId": viewer_id, "targetId": target_id, **visibility_params()}
        return self._write(_start_as_candidate, self.scopes, q.CHECK_CANDIDATE_TO_CONTACT,
                           params, _check_contact, clean_body(body))

    def check_job(self, viewer_id: str, job_id: str) -> dict:
        """Whether the viewer may write, as their pseudonym, to the recruiter of a job."""
        return self._read(_check, self.scopes, q.CHECK_CANDIDATE_TO_JOB,
                          {"viewerId": viewer_id, "jobId": job_id, "seeking": list(SEEKING)},
                          _check_job)

    def start_about_job(self, viewer_id: str, job_id: str, body: str) -> str:
        """The viewer, as their pseudonym, writes to the recruiter who posted a job."""
        params = {"viewerId": viewer_id, "jobId": job_id, **visibility_params()}
        return self._write(_start_as_candidate, self.scopes, q.CHECK_CANDIDATE_TO_JOB,
                           params, _check_job, clean_body(body))

    def post(self, viewer_id: str, conversation_id: str, body: str,
             request_id: str | None = None) -> None:
        """Add a message to a conversation the viewer takes part in. With a
        ``request_id``, a repeat raises ``AlreadyApplied`` (graph.idempotency)."""
        params = {"viewerId": viewer_id, "conversationId": conversation_id,
                  **visibility_params(), **self.caps}
        self._write_once(write_key("message", viewer_id, request_id), _post, params,
                         clean_body(body))

    def thread(self, viewer_id: str, conversation_id: str) -> dict:
        """The conversation as the viewer may see it: their side, the pseudonym, the job,
        the last ``SHOWN_MESSAGES`` messages (oldest first), their unread count, and the
        candidate's identity only for a counterpart after the reveal."""
        row = self._read(_single, q.MATCH_THREAD,
                         {"viewerId": viewer_id, "conversationId": conversation_id,
                          "shown": SHOWN_MESSAGES, **visibility_params()})
        if row is None:
            raise NotFound("No such conversation.")
        row["messages"].reverse()
        row["pseudonym"] = self.scopes.present(row.pop("scope"), row["pseudonym"])
        conversation = row["conversation"]
        row["unread"] = conversation["messageCount"] - conversation[row["side"] + "Read"]
        return row

    def mark_read(self, viewer_id: str, conversation_id: str) -> None:
        """Mark every message of the conversation read for the viewer's side."""
        row = self._write(_single, q.MARK_READ,
                          {"viewerId": viewer_id, "conversationId": conversation_id,
                           **visibility_params()})
        if row is None:
            raise NotFound("No such conversation.")

    def inbox(self, viewer_id: str, skip: int, limit: int) -> tuple[list[dict], int, int]:
        """A page of the viewer's conversations (latest activity first), how many there
        are, and how many unread messages they hold."""
        row = self._read(_single, q.MATCH_INBOX,
                         {"viewerId": viewer_id, "skip": skip, "limit": limit,
                          **visibility_params()})
        rows = [{**c, "pseudonym": self.scopes.present(c["scope"], c["pseudonym"])}
                for c in row["conversations"]]
        for conversation in rows:
            del conversation["scope"]
        return rows, row["total"], row["unread"]

    def counts(self, viewer_id: str) -> dict:
        """Unread messages and notifications, and the viewer's active pseudonym."""
        row = self._read(_single, q.MATCH_COUNTS,
                         {"viewerId": viewer_id, **visibility_params()})
        return row or {"unreadMessages": 0, "unreadNotifications": 0, "pseudonym": None}
