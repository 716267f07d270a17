"""The OpenAPI schema says what the API answers (issue 14, defect 11).

Every GET operation of the schema is called with the access matrix's sample arguments, as an
anonymous visitor and as the superuser (who sees every row), plus bad query parameters; each
answer's status must be documented for the operation and its body must validate against the
documented schema (``nullable`` honoured, ``format: uri`` meaning an absolute URI).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from alliance_portal.roles import Role
from tests.access.test_matrix import API, _build_matrix_world

# Query parameters the API must refuse with a documented 400 (never ignore, never 500).
BAD_QUERIES = [
    "/api/v1/coverage/?material=AAA",
    "/api/v1/organisations/?page_size=abc",
    "/api/v1/organisations/?page_size=0",
    "/api/v1/standards/?page_size=1.5",
    "/api/v1/proposals/?page_size=x",
]


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable`` in JSON Schema terms."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


format_checker = jsonschema.FormatChecker(formats=())


@format_checker.checks("uri")
def _absolute_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(urlsplit(value).scheme and urlsplit(value).netloc)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _violations(schema: dict[str, Any], path: str, url: str, response) -> list[str]:
    operation = schema["paths"][path]["get"]
    documented = operation["responses"]
    status = str(response.status_code)
    if status not in documented:
        return [f"{url}: {status} is not documented (only {sorted(documented)})"]
    body_schema = documented[status].get("content", {}).get("application/json", {}).get("schema")
    if body_schema is None or not response.get("Content-Type", "").startswith("application/json"):
        return []
    root = {**_json_schema(body_schema), "components": _json_schema(schema["components"])}
    validator = jsonschema.Draft202012Validator(root, format_checker=format_checker)
    return [
        f"{url} [{status}] at {'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
        for error in validator.iter_errors(response.json())
    ][:3]


@pytest.mark.django_db
def test_every_get_answer_matches_the_schema(schema) -> None:
    world = _build_matrix_world()
    failures: list[str] = []
    for role in (Role.ANONYMOUS, Role.SUPERUSER):
        client = world.client_for(role)
        client.raise_request_exception = False
        for (method, path), cases in sorted(API.items()):
            if method != "get":
                continue
            for case in cases:
                url = path.format(**case.kwargs(world))
                failures += _violations(schema, path, url, client.get(url))
        for url in BAD_QUERIES:
            path = urlsplit(url).path
            response = client.get(url)
            if response.status_code != 400:
                failures.append(f"{url}: {response.status_code}, expected 400")
            failures += _violations(schema, path, url, response)
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("RSIssue", "objective"),
        ("ProposalListItem", "proposed_by"),
        ("ProposalDetail", "proposed_by"),
        ("ProposalCommentWithModeration", "organisation"),
        ("StakeholderGroup", "chamber"),
    ],
)
def test_fields_that_may_be_empty_are_nullable(schema, component: str, field: str) -> None:
    assert schema["components"]["schemas"][component]["properties"][field].get("nullable")


def test_page_size_is_documented_as_bounded(schema) -> None:
    parameters = schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert "400" in schema["paths"]["/api/v1/coverage/"]["get"]["responses"]
