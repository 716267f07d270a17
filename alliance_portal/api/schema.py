"""The schema's error answers, documented once for every operation (a drf-spectacular
post-processing hook): what the API's exception handler may answer besides success."""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "`detail` says what went wrong; a 400 may instead name each field with "
    "its errors.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
WHY = {
    "400": "The query parameters or the body are not valid: the answer says what to change.",
    "401": "Authentication failed or is needed: sign in or send a valid token.",
    "403": "Your account may not do this.",
    "404": "Nothing here, or nothing you may see.",
    "429": "Too many requests: wait the number of seconds the Retry-After header gives.",
}


def document_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for item in result.get("paths", {}).values():
        for operation in item.values():
            parameters = {(p["in"], p["name"]) for p in operation.get("parameters", [])}
            codes = ["401", "403"]
            if any(where == "query" for where, _ in parameters) or "requestBody" in operation:
                codes.append("400")
            if any(where == "path" for where, _ in parameters) or ("query", "page") in parameters:
                codes.append("404")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": WHY[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    _document_throttles(result, generator)
    _document_read_reason(result)
    return result


READ_REASON_PARAMETERS = {
    "AccessReason": {
        "in": "header",
        "name": "X-Access-Reason",
        "required": False,
        "description": "Staff only: why you read confidential (secretariat-level) material, "
        "recorded with every read in the access log that the owning organisation sees. "
        "Without it (and without a reason kept in your browser session) a staff read of "
        "confidential material is refused with 403 and code `access_reason_required`; a "
        "value not in the list is a 400.",
        "schema": {
            "type": "string",
            "enum": ["review", "verification", "member_request", "legal", "other"],
        },
    },
    "AccessReasonDetail": {
        "in": "header",
        "name": "X-Access-Reason-Detail",
        "required": False,
        "description": 'The reason in your words (required with "other"; at most 300 characters).',
        "schema": {"type": "string", "maxLength": 300},
    },
}


def _document_read_reason(result: dict[str, Any]) -> None:
    """The reason headers, on every read (GET) operation: any of them may return
    confidential rows to staff (alliance_portal.read_reasons)."""
    result.setdefault("components", {}).setdefault("parameters", {}).update(READ_REASON_PARAMETERS)
    refs = [{"$ref": f"#/components/parameters/{name}"} for name in READ_REASON_PARAMETERS]
    for item in result.get("paths", {}).values():
        operation = item.get("get")
        if operation is not None:
            operation.setdefault("parameters", []).extend(refs)


def _document_throttles(result: dict[str, Any], generator: Any) -> None:
    """A 429 (with ``Retry-After``) on every operation a scoped throttle may refuse."""
    paths = result.get("paths", {})
    for path, _regex, method, callback in getattr(generator, "endpoints", None) or []:
        view = getattr(callback, "cls", None)
        if not getattr(view, "throttle_scope", None):
            continue
        methods = getattr(view, "throttle_methods", None)
        if methods is not None and method.upper() not in methods:
            continue
        # drf-spectacular names a path's primary key {id}.
        item = paths.get(path) or paths.get(path.replace("{pk}", "{id}"), {})
        operation = item.get(method.lower())
        if operation is None:
            continue
        operation.setdefault("responses", {}).setdefault(
            "429",
            {
                "description": WHY["429"],
                "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                "content": {"application/json": {"schema": ERROR_REF}},
            },
        )
