"""Server-side sessions in Neo4j: the cookie carries only a random id.

Flask's default session is a signed cookie: logging out cannot revoke a copy of it. Here
the session's contents (flask-login's user id, the CSRF token, flashed messages) live on
a ``(:Session)`` node keyed by the SHA-256 digest of the cookie's 256-bit random id (see
``graph/accounts/sessions.py``). Deleting the node ends the session everywhere.

- A session belongs to at most one member. When the member in the session changes (log
  in, log out, session protection), the old record is deleted and a new id issued, so a
  fixed or replayed id never carries over a login or outlives a logout.
- "Keep me logged in" (``remember_session()``) puts a second random token in the
  ``remember_token`` cookie; only its digest is stored, on the same node. When the
  session's idle time has run out the token resumes it once: the session then gets a new
  id and a new token (rotation), so a stolen token that was already used opens nothing.
- Idle and absolute limits come from ``SESSION_IDLE_MINUTES``, ``SESSION_ABSOLUTE_HOURS``
  and ``REMEMBER_DAYS``. Anonymous visitors get a record only once something is stored for
  them (a CSRF token); ``flask purge-sessions`` deletes the expired ones.
"""
from __future__ import annotations

import hashlib
import secrets
import time
from datetime import datetime, timezone

from flask import Flask, Request, Response, request, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from graph.accounts.sessions import SessionRepository
from graph.people import new_id

from ..errors import DATABASE_UNREACHABLE
from .devices import coarse_place, describe_device

TOUCH_SECONDS = 60  # "last seen" is written at most once a minute per session
MAX_TOKEN_LENGTH = 100


def token_digest(token: str) -> str:
    """The stored form of a session id or remember token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ServerSession(CallbackDict, SessionMixin):
    """The session's contents plus what the interface needs to know to store them."""

    def __init__(self, initial=None, sid: str | None = None, person_id: str | None = None,
                 last_seen: int = 0):
        def on_update(self_):
            self_.modified = True
            self_.accessed = True
        super().__init__(initial, on_update)
        self.sid = sid                  # the clear id in the cookie; None until stored
        self.person_id = person_id      # the member the stored record belongs to
        self.last_seen = last_seen
        self.stored_data = ""           # the serialised contents as loaded
        self.modified = False
        self.accessed = False
        self.remember = False           # set by remember_session() at login
        self.new_remember_token: str | None = None  # after a resume: the rotated token
        self.cookie_sent = False        # the request carried a session cookie
        self.forget_remember = False    # the request's remember token was refused
        self.readonly = False           # static files: never stored
        self.store_error: Exception | None = None  # the store was unreachable at open


def remember_session() -> None:
    """Keep the session that is being logged in alive across browser restarts."""
    session.remember = True


def current_session_key() -> str | None:
    """The digest of this request's stored session, or None."""
    sid = getattr(session, "sid", None)
    return token_digest(sid) if sid else None


def _now() -> tuple[int, str]:
    now = time.time()
    return int(now), datetime.fromtimestamp(int(now), timezone.utc).isoformat(timespec="seconds")


class Neo4jSessionInterface(SessionInterface):
    """Loads and stores ``ServerSession``s through ``SessionRepository``."""

    serializer = TaggedJSONSerializer()

    def _repository(self, app: Flask) -> SessionRepository:
        return app.extensions["graph"].sessions

    @staticmethod
    def _idle(app: Flask) -> int:
        return app.config["SESSION_IDLE_MINUTES"] * 60

    def _from_record(self, record: dict, sid: str) -> ServerSession:
        data = self.serializer.loads(record["data"]) if record["data"] else {}
        loaded = ServerSession(data, sid=sid, person_id=data.get("_user_id"),
                               last_seen=record["lastSeenEpoch"])
        loaded.stored_data = record["data"] or ""
        return loaded

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        # Static files need no session; the JSON API authenticates with bearer tokens
        # only (recruit/api/auth.py), so a browser's cookie must open nothing there.
        if request.endpoint == "static" or request.path.startswith("/api/"):
            anonymous = ServerSession()
            anonymous.readonly = True
            return anonymous
        try:
            return self._open(app, request)
        except DATABASE_UNREACHABLE as exc:
            # Flask's error handlers do not see exceptions raised while opening the
            # session: keep the error for ``raise_store_error`` (the request's first
            # step), which turns it into the 503 page; nothing is stored or cleared.
            unavailable = ServerSession()
            unavailable.readonly = True
            unavailable.store_error = exc
            return unavailable

    def _open(self, app: Flask, request: Request) -> ServerSession:
        repository = self._repository(app)
        now, now_iso = _now()
        sid = request.cookies.get(self.get_cookie_name(app))
        if sid and len(sid) <= MAX_TOKEN_LENGTH:
            record = repository.load(token_digest(sid), now, self._idle(app))
            if record is not None:
                return self._from_record(record, sid)
        token = request.cookies.get(app.config["SESSION_REMEMBER_COOKIE_NAME"])
        if token and len(token) <= MAX_TOKEN_LENGTH:
            new_sid, new_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            record = repository.resume(token_digest(token), token_digest(new_sid),
                                       token_digest(new_token), now, now_iso)
            if record is not None:
                resumed = self._from_record(record, new_sid)
                resumed.new_remember_token = new_token
                return resumed
        fresh = ServerSession()
        fresh.cookie_sent = bool(sid)
        fresh.forget_remember = bool(token)
        return fresh

    def save_session(self, app: Flask, session: ServerSession, response: Response) -> None:
        if session.readonly:
            return
        response.vary.add("Cookie")  # every page depends on who is asking
        member = session.get("_user_id")
        if session.sid is not None and member != session.person_id:
            self._replace(app, session, response, old_key=token_digest(session.sid))
        elif session.sid is None and session:
            self._replace(app, session, response, old_key=None)
        elif session.sid is None:
            if session.cookie_sent:
                self._delete_cookie(app, response, self.get_cookie_name(app))
        else:
            self._update(app, session, response)
        if session.forget_remember and not session.remember:
            self._delete_cookie(app, response, app.config["SESSION_REMEMBER_COOKIE_NAME"])

    def _replace(self, app: Flask, session: ServerSession, response: Response,
                 old_key: str | None) -> None:
        """Store the session under a new id (deleting ``old_key``'s record)."""
        repository = self._repository(app)
        now, now_iso = _now()
        if not session and old_key is not None:
            repository.delete(old_key)
            self._delete_cookie(app, response, self.get_cookie_name(app))
            self._delete_cookie(app, response, app.config["SESSION_REMEMBER_COOKIE_NAME"])
            return
        remember = session.remember and session.get("_user_id") is not None
        lifetime = (app.config["REMEMBER_DAYS"] * 86400 if remember
                    else app.config["SESSION_ABSOLUTE_HOURS"] * 3600)
        sid = secrets.token_urlsafe(32)
        token = secrets.token_urlsafe(32) if remember else None
        repository.create(
            key=token_digest(sid), session_id=new_id(), data=self.serializer.dumps(dict(session)),
            person_id=session.get("_user_id"), now=now, now_iso=now_iso,
            expires_epoch=now + lifetime, device=describe_device(request.user_agent.string),
            place=coarse_place(request.remote_addr),
            remember_digest=token_digest(token) if token else None, old_key=old_key)
        session.sid = sid
        self._set_cookie(app, response, self.get_cookie_name(app), sid, None)
        if token:
            self._set_cookie(app, response, app.config["SESSION_REMEMBER_COOKIE_NAME"], token,
                             app.config["REMEMBER_DAYS"] * 86400)
        elif old_key is not None:
            self._delete_cookie(app, response, app.config["SESSION_REMEMBER_COOKIE_NAME"])

    def _update(self, app: Flask, session: ServerSession, response: Response) -> None:
        now, now_iso = _now()
        data = self.serializer.dumps(dict(session))
        # flask-login rewrites keys on many requests without changing anything: only a
        # real change, a stale "last seen" or a rotation costs a write.
        if data != session.stored_data or now - session.last_seen >= TOUCH_SECONDS \
                or session.new_remember_token:
            stored = self._repository(app).save(
                key=token_digest(session.sid), data=data,
                now=now, now_iso=now_iso, device=describe_device(request.user_agent.string),
                place=coarse_place(request.remote_addr))
            if not stored:  # ended from another device during this request
                self._delete_cookie(app, response, self.get_cookie_name(app))
                return
        if session.new_remember_token:
            self._set_cookie(app, response, self.get_cookie_name(app), session.sid, None)
            self._set_cookie(app, response, app.config["SESSION_REMEMBER_COOKIE_NAME"],
                             session.new_remember_token, app.config["REMEMBER_DAYS"] * 86400)

    def _set_cookie(self, app: Flask, response: Response, name: str, value: str,
                    max_age: int | None) -> None:
        response.set_cookie(name, value, max_age=max_age, domain=self.get_cookie_domain(app),
                            path=self.get_cookie_path(app), secure=self.get_cookie_secure(app),
                            httponly=True, samesite=self.get_cookie_samesite(app))

    def _delete_cookie(self, app: Flask, response: Response, name: str) -> None:
        response.delete_cookie(name, domain=self.get_cookie_domain(app),
                               path=self.get_cookie_path(app), secure=self.get_cookie_secure(app),
                               httponly=True, samesite=self.get_cookie_samesite(app))


def raise_store_error() -> None:
    """First thing in every request: a session that could not be loaded because the
    database is away makes the request answer 503 (before CSRF or login look at it)."""
    error = getattr(session, "store_error", None)
    if error is not None:
        raise error


def init_sessions(app: Flask) -> None:
    """Store ``app``'s sessions in Neo4j."""
    app.session_interface = Neo4jSessionInterface()
    app.before_request_funcs.setdefault(None, []).insert(0, raise_store_error)
