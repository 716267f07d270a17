"""Bad input never makes a server error (issue 14, defect 5).

A NUL byte anywhere in the path or the query string, and JSON nested far too deep, are refused
with a 400 that says what is wrong, once, in a shared place: ``NulByteMiddleware`` for the
address, the API's JSON parser for the body. The walks below cover every URL pattern (each of
its parameters in turn) and every JSON endpoint of the schema, so a new route is covered too.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import get_resolver
from drf_spectacular.generators import SchemaGenerator

from alliance_portal.roles import Role
from tests.access.test_matrix import ALL_PAGES, API, _build_matrix_world, _walk

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
DEFAULTS = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}
DEEP = 1000


def _template(route: str) -> str:
    """``api/v1/x/<int:pk>/`` → ``/api/v1/x/{pk}/``, as the API cases name their paths."""
    return "/" + PARAMETER.sub(lambda m: "{" + m["name"] + "}", route)


def _sample_kwargs(world, name: str | None, route: str) -> dict[str, Any]:
    """Real arguments from the access matrix's cases, so a NUL reaches as deep as it can."""
    cases = ALL_PAGES.get(name or "") or API.get(("get", _template(route))) or []
    return cases[0].kwargs(world) if cases else {}


def _fill(match: re.Match[str], *, kwargs: dict[str, Any], nul: str | None) -> str:
    if match["name"] == nul:
        return "%00"
    return quote(str(kwargs.get(match["name"], DEFAULTS.get(match["converter"] or "", "x"))))


def _urls_with_nul(world) -> list[str]:
    urls = []
    for name, route in _walk(get_resolver().url_patterns):
        if "(?P" in route or route.startswith("^"):
            continue  # the admin's regular-expression routes: covered by the literal list
        parameters = list(PARAMETER.finditer(route))
        kwargs = _sample_kwargs(world, name, route)

        for target in [p["name"] for p in parameters] or [None]:
            path = "/" + PARAMETER.sub(partial(_fill, kwargs=kwargs, nul=target), route)
            urls.append(path if target else path + "?q=%00&%00=1")
    return urls


def _client(world, role: Role) -> Client:
    client = world.client_for(role)
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
def test_a_nul_byte_in_any_path_parameter_or_query_is_a_400() -> None:
    world = _build_matrix_world()
    urls = [
        *_urls_with_nul(world),
        "/countries/%00%00/",
        "/admin/%00/",
        "/members/?q=%00",
        "/api/v1/organisations/?search=%00",
    ]
    assert len(urls) > 100
    assert "/countries/%00/" in urls
    failures = []
    for role in (Role.ANONYMOUS, Role.SUPERUSER):
        client = _client(world, role)
        for url in urls:
            response = client.get(url)
            if response.status_code != 400:
                failures.append(f"GET {url} as {role}: {response.status_code}")
    assert failures == [], "\n".join(failures)


def test_the_answer_to_a_nul_byte_says_what_to_do(client: Client, db) -> None:
    page = client.get("/countries/%00%00/")
    assert page.status_code == 400
    assert "NUL" in page.content.decode()
    assert "<html" in page.content.decode()
    api = client.get("/api/v1/countries/%00/")
    assert api.status_code == 400
    assert "NUL" in api.json()["detail"]


def _json_write_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if method in {"post", "put", "patch"} and "application/json" in content:
                operations.append((method, path))
    return operations


def _deep(kind: str) -> str:
    if kind == "array":
        return "[" * DEEP + "]" * DEEP
    return '{"a":' * DEEP + "1" + "}" * DEEP


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400_on_every_json_endpoint() -> None:
    world = _build_matrix_world()
    operations = _json_write_operations()
    assert ("post", "/api/v1/auth/token/") in operations
    failures = []
    for role in (Role.ANONYMOUS, Role.SUPERUSER):
        client = _client(world, role)
        for method, path in operations:
            case = next(iter(API.get((method, path), [])), None)
            url = path.format(**(case.kwargs(world) if case else {}))
            for kind in ("array", "object"):
                send = getattr(client, method)
                response = send(url, _deep(kind), content_type="application/json")
                if response.status_code >= 500:
                    failures.append(
                        f"{method.upper()} {url} {kind} as {role}: {response.status_code}"
                    )
    assert failures == [], "\n".join(failures)


def test_deep_json_answer_says_what_to_do(client: Client, db) -> None:
    response = client.post("/api/v1/auth/token/", _deep("object"), content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]
    # Nesting of an ordinary depth still parses (and fails only for the wrong credentials).
    response = client.post(
        "/api/v1/auth/token/", {"username": "x", "password": "y"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" not in response.json()
