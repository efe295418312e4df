"""One import, start to finish: read the upload (capped), parse it, digest the values,
match and record. Nothing is written when the file cannot be read; cards or rows that
cannot be read are skipped and counted. Local phone numbers are read in the uploader's
own region (their confirmed phone's country, else ``PHONE_DEFAULT_REGION``)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from flask import current_app, request
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from graph.people.members import new_id

from ..extensions import graph
from .digests import secret_from_config
from .matching import Prepared, prepare
from .parsing import Limits, ParseError, read_address_book, read_follow_list
from .phones import region_for_number

MAX_REGIONS = 3  # the uploader's own, and up to two picked for unplaced numbers

logger = logging.getLogger(__name__)


def limits() -> Limits:
    """The caps from the configuration."""
    config = current_app.config
    return Limits(max_bytes=config["CONTACT_IMPORT_MAX_BYTES"],
                  max_entries=config["CONTACT_IMPORT_MAX_ENTRIES"])


def _now_precise() -> str:
    """Microseconds, so two imports in the same second still list in upload order."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def upload_key() -> str:
    """The upload rate limit's key: the member (shared by the pages and the API)."""
    return "contact-upload:" + (current_user.get_id() or request.remote_addr or "")


def upload_limit() -> str:
    """The upload rate limit (``CONTACT_UPLOAD_LIMIT``)."""
    return current_app.config["CONTACT_UPLOAD_LIMIT"]


def since_one_day_ago() -> str:
    """The timestamp 24 hours back: the daily limit is a rolling day."""
    moment = datetime.now(timezone.utc) - timedelta(days=1)
    return moment.isoformat(timespec="seconds")


def read_upload(upload: FileStorage) -> bytes:
    """The uploaded bytes. The request as a whole is already capped by
    ``MAX_CONTENT_LENGTH`` (413 above it), so reading all of it is bounded, and the
    parser can tell the member the file's real size when it is over the import cap."""
    return upload.stream.read()


def uploader_region(me_id: str) -> str:
    """The region local numbers in ``me_id``'s uploads are read in: the country of the
    phone they confirmed, else the configured ``PHONE_DEFAULT_REGION``."""
    hint = graph().match_keys.keys(me_id).get("phone")
    return region_for_number(hint or "") or current_app.config["PHONE_DEFAULT_REGION"]


def reading_regions(*regions: str) -> list[str]:
    """``regions`` without repeats, at most ``MAX_REGIONS``, in order."""
    unique = list(dict.fromkeys(r.upper() for r in regions if r))
    return unique[:MAX_REGIONS]


def import_file(me_id: str, kind: str, upload: FileStorage, regions: list[str],
                network: str | None = None,
                replaces: str | None = None) -> tuple[dict, Prepared]:
    """Parse, digest, match and record one upload for ``me_id``, reading local numbers
    in ``regions`` (in order). ``replaces`` is an import this one reads again.
    Raises ``ParseError`` (nothing written), ``TooManyImports`` or ``NotFound``.
    Returns the recorded import and the summary of what was read."""
    caps = limits()
    data = read_upload(upload)
    filename = upload.filename or ""
    reader = read_address_book if kind == "address_book" else read_follow_list
    parsed = reader(filename, data, caps)
    prepared = prepare(parsed, secret_from_config(current_app.config), regions,
                       network if kind == "follow_list" else None)
    recorded = graph().contact_imports.record(
        me_id, import_id=new_id(), kind=kind, layout=prepared.layout, network=network,
        entries=prepared.entries, digests=[key["digest"] for key in prepared.keys],
        now=_now_precise(), since=since_one_day_ago(),
        daily_limit=current_app.config["CONTACT_IMPORTS_PER_DAY"],
        regions=list(regions) if kind == "address_book" else [],
        unplaced=prepared.unplaced, skipped=len(prepared.skipped), replaces=replaces)
    logger.info("contact import recorded: %d entries, %d matched",
                prepared.entries, recorded["matched"])
    return recorded, prepared


__all__ = ["ParseError", "import_file", "limits", "reading_regions", "since_one_day_ago",
           "uploader_region"]
