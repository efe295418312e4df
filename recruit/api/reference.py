"""The API's human-readable reference at ``/api/v1/docs``: rendered on the server from the
generated OpenAPI document, so it needs no script and nothing from a CDN."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

bp = Blueprint("api_reference", __name__)

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(spec: dict) -> list[dict]:
    """The document's operations by tag, in path order, schema references left as names."""
    rows = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = (operation.get("requestBody") or {}).get("content", {})
            rows.append({
                "method": method.upper(), "path": path,
                "tag": (operation.get("tags") or ["other"])[0],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": operation.get("parameters", []),
                "body": _schema_name(next(iter(body.values()), {}).get("schema")),
                "responses": {status: _schema_name(next(iter(r.get("content", {}).values()),
                                                        {}).get("schema"))
                              for status, r in operation.get("responses", {}).items()},
                "public": operation.get("security") == [],
            })
    return rows


def _schema_name(schema: dict | None) -> str:
    if not schema:
        return ""
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else schema.get("type", "")


def _type_of(about: dict) -> str:
    """A schema property's type in words: ``string``, ``string | null``, ``list of X``."""
    if "$ref" in about:
        return _schema_name(about)
    kind = about.get("type", "")
    kind = " | ".join(kind) if isinstance(kind, list) else kind
    item = about.get("items")
    return f"{kind} of {_type_of(item)}" if isinstance(item, dict) else kind


def _schemas(spec: dict) -> list[dict]:
    """Each component schema's fields: name, type, required, example."""
    rows = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        rows.append({"name": name, "fields": [
            {"name": field, "type": _type_of(about), "required": field in required,
             "example": about.get("example"), "has_example": "example" in about}
            for field, about in schema.get("properties", {}).items()]})
    return rows


@bp.route("/api/v1/docs")
def reference():
    """The reference page: every operation, its parameters and answers, and the schemas."""
    spec = current_app.extensions["api"].spec.to_dict()
    return render_template("api/reference.html", spec=spec, operations=_operations(spec),
                           schemas=_schemas(spec))
