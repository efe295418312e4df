"""The ownership rule, applied inside the transaction that confirms a referral.

The first *confirmed* referral of a candidate for a job owns the pair for the window
(``REFERRAL_OWNERSHIP_DAYS``): ``(:ReferralOwnership {key: "jobId|candidateId",
referralId, since, until})``, unique by key. A referral confirmed later is marked
``owner: false`` with the owner's dates, and kept. After the window a new confirmation
takes over, but only from an idle owner (``submitted`` or ``not_selected``), so a
candidate in the middle of interviews keeps their referrer.
"""
from __future__ import annotations

from graph.referrals.stages import IDLE_OWNER_STAGES, iso_after

# Taking the ownership node's write lock first serialises every confirmation of the same
# candidate for the same job; the state is read after the lock, in a second statement.
LOCK_OWNERSHIP = """
MERGE (o:ReferralOwnership {key: $key})
  ON CREATE SET o.createdAt = $now
SET o._lock = true
REMOVE o._lock
"""

MATCH_OWNERSHIP = """
MATCH (o:ReferralOwnership {key: $key})
OPTIONAL MATCH (holder:Referral {id: o.referralId})
RETURN o.referralId AS holderId, o.since AS since, o.until AS until,
       holder.status AS holderStatus
"""

TAKE_OWNERSHIP = """
MATCH (o:ReferralOwnership {key: $key}), (r:Referral {id: $id})
OPTIONAL MATCH (old:Referral {id: o.referralId})
SET o.referralId = $id, o.since = $now, o.until = $until,
    r.owner = true, r.ownedSince = $now, r.ownedUntil = $until
FOREACH (x IN CASE WHEN old IS NULL OR old = r THEN [] ELSE [old] END |
  SET x.owner = false, x.ownershipEndedAt = $now)
"""

MARK_NOT_OWNER = """
MATCH (r:Referral {id: $id})
SET r.owner = false, r.ownedSince = $since, r.ownedUntil = $until
"""


def take_ownership(tx, referral_id: str, job_id: str, candidate_id: str, now: str,
                   days: int) -> dict:
    """Apply the ownership rule to a referral just confirmed. Returns ``{owner, since,
    until}``: this referral's window when it owns, else the owner's."""
    key = f"{job_id}|{candidate_id}"
    tx.run(LOCK_OWNERSHIP, key=key, now=now).consume()
    held = tx.run(MATCH_OWNERSHIP, key=key).single()
    free = (held["holderId"] is None or held["holderStatus"] is None
            or (held["until"] <= now and held["holderStatus"] in IDLE_OWNER_STAGES))
    if free or held["holderId"] == referral_id:
        until = iso_after(now, days)
        tx.run(TAKE_OWNERSHIP, key=key, id=referral_id, now=now, until=until).consume()
        return {"owner": True, "since": now, "until": until}
    tx.run(MARK_NOT_OWNER, id=referral_id, since=held["since"], until=held["until"]).consume()
    return {"owner": False, "since": held["since"], "until": held["until"]}
