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
    return result


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
