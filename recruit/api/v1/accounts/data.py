"""Account settings and data rights: your name, the archive of your data (asked for,
prepared in the background, downloaded), and deleting your account. The same helpers as
``recruit/account`` (``archives.start_archive``, ``deletion.delete_account``)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from graph.errors import NotFound

from ....account.archives import archive_download, start_archive
from ....account.deletion import delete_account, password_is_right
from ....account.forms import DeleteAccountForm, NameForm
from ....auth.tokens import now_iso
from ....extensions import graph
from ...common import TIME, IdempotencyHeader, once, problems, validated
from ...operations import operation
from ...problems import FormInvalid

blp = Blueprint("api_account_data", __name__,
                description="Account settings, your data archive, deleting your account.")


class NameBody(Schema):
    name = fields.String(required=True, metadata={"example": "Li Wei"})


class NameSchema(Schema):
    name = fields.String(required=True, metadata={"example": "Li Wei"})


class Archive(Schema):
    id = fields.String(required=True, metadata={"example": "6d7e..."})
    status = fields.String(required=True, metadata={"enum": ["queued", "ready", "failed"],
                                                    "example": "ready"})
    requestedAt = fields.String(required=True, metadata=TIME)
    readyAt = fields.String(allow_none=True, metadata=TIME)
    expiresAt = fields.String(allow_none=True, metadata=TIME)
    size = fields.Integer(allow_none=True, metadata={"description": "Bytes, once ready.",
                                                     "example": 20480})


class ArchiveList(Schema):
    items = fields.List(fields.Nested(Archive), required=True)


class DeleteBody(Schema):
    current = fields.String(data_key="password", required=True,
                            metadata={"example": "correct horse battery"})
    confirm = fields.Boolean(required=True, metadata={
        "description": "Must be true: you understand that your account and what "
                       "identifies you will be erased.", "example": True})


class DeletionScheduled(Schema):
    dueAt = fields.String(allow_none=True, metadata={
        **TIME, "description": "When the account is erased (log in before then to keep "
                               "it); null when it was erased at once."})


@operation(blp, "PUT", "/me/name", NameSchema, body=NameBody)
def rename(body):
    """Change the name other members see."""
    form = validated(NameForm, body)
    return {"name": graph().credentials.rename(current_user.id, form.name.data)}


@operation(blp, "GET", "/me/data-archives", ArchiveList)
def archives():
    """The archives of your data you asked for and that have not expired, newest first."""
    return {"items": graph().data_archives.list(current_user.id, now_iso())}


@operation(blp, "POST", "/me/data-archives", Archive, status=202, headers=IdempotencyHeader,
           errors=(404, 409))
def request_archive(headers):
    """Ask for an archive of your data (JSON), prepared in the background; you are
    notified when it is ready. One at a time (409) and a few a day (429). A retry with
    the same ``Idempotency-Key`` answers with the archive the first call asked for (404
    once that one has expired)."""
    archive_id = once(lambda key: start_archive(current_user.id, request_id=key)[0],
                      headers["idempotency_key"])
    found = [row for row in graph().data_archives.list(current_user.id, now_iso())
             if row["id"] == archive_id]
    if not found:
        raise NotFound("That archive has expired; ask for a new one.")
    return found[0]


@blp.route("/me/data-archives/<archive_id>", methods=["GET"])
@blp.response(200, {"type": "object"}, description="Your data archive (JSON).")
@problems(blp, 404)
def download_archive(archive_id: str):
    """Download one of your ready archives (404 for anyone else's, alike)."""
    return archive_download(current_user.id, archive_id)


@operation(blp, "POST", "/me/deletion", DeletionScheduled, status=202, body=DeleteBody)
def delete(body):
    """Delete your account: after the grace period (every session and API token ends
    now; logging in again before then keeps the account), or at once when there is none.
    Needs your password."""
    form = validated(DeleteAccountForm, body)
    if not password_is_right(current_user.id, form.current.data):
        raise FormInvalid({"password": ["That is not your password."]})
    return {"dueAt": delete_account(current_user.id, current_user.name, current_user.email)}
