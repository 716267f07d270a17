"""Rows leaked through lists, feeds, exports and search: every such output, fetched as every
role, holds no marker row (``tests/access/markers.py``) the role may not see.

Each output also names the markers it lists for the superuser (who sees everything), and the
test checks they are there: a marker that never shows would make the leak check pass on nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from alliance_portal.roles import Role
from tests.access.markers import SEEN_BY
from tests.security import figures

PAGE = "?page_size=200"


@dataclass(frozen=True)
class Output:
    url: Callable[[Any], str]
    shows: frozenset[str]  # markers the superuser must find there


def _fixed(url: str) -> Callable[[Any], str]:
    return lambda world: url


def _m(world) -> dict[str, Any]:
    return world.extra["markers"]


def _initiative(world) -> int:
    return int(world.extra["initiatives"]["public"].pk)


def _slug(world, index: int) -> str:
    return str(_m(world)["noted_concepts"][index].slug)


def _meeting(level: str, *, api: bool = False) -> Callable[[Any], str]:
    def url(world) -> str:
        pk = _m(world)["meetings"][level].pk
        return f"/api/v1/meetings/{pk}/" if api else f"/governance/meetings/{pk}/"

    return url


ORGS = frozenset({"Zmkapplicantorg"})
RISKS = frozenset({"Zmkriskpublic", "Zmkriskmembers", "Zmkrisksecretariat"})
PROPOSALS = frozenset({"Zmkpublicproposal", "Zmkmembersproposal"})
COMMENTS = frozenset({"Zmkshowncomment", "Zmkheldcomment", "Zmkrejectedcomment"})
CONCEPTS = frozenset({"Zmkagreedconcept", "Zmkproposedconcept"})
CERTS_OF = {
    "own": frozenset({"Zmkcertownsecretariat", "Zmkcertownpublic"}),
    "other": frozenset({"Zmkcertothermembers", "Zmkcertothersecretariat"}),
}
CERTS = CERTS_OF["own"] | CERTS_OF["other"]
ACCEPTANCE = frozenset(
    {
        "Zmkacceptdraftown",
        "Zmkacceptdraftother",
        "Zmkacceptpublic",
        "Zmkacceptmembers",
        "Zmkacceptsecretariat",
    }
)
ACTIONS = frozenset(
    {"Zmkactionpublic", "Zmkactionmembers", "Zmkactionothersecretariat", "Zmkactionownsecretariat"}
)
INITIATIVES = frozenset({"Zmkpublicinitiative", "Zmkmembersinitiative"})
MINUTES = {
    level: frozenset({f"Zmkminutes{level}"}) for level in ("public", "members", "secretariat")
}
REQUESTS = frozenset({"Zmkrequestbyrep", "Zmkrequestbyoutsider"})
PEOPLE_OF = {
    owner: frozenset(f"{owner} {level} person" for level in ("public", "members", "secretariat"))
    for owner in ("own", "other")
}

OUTPUTS: dict[str, Output] = {
    # Members: the directory, its search, the API list and its filters, the profiles' people.
    "directory": Output(_fixed("/members/"), ORGS),
    "directory search": Output(_fixed("/members/?q=Zmk"), ORGS),
    "api organisations": Output(_fixed(f"/api/v1/organisations/{PAGE}"), ORGS),
    "api organisations applicants": Output(
        _fixed(f"/api/v1/organisations/{PAGE}&status=applicant"), ORGS
    ),
    "api organisations search": Output(_fixed("/api/v1/organisations/?q=Zmk"), ORGS),
    "coverage": Output(_fixed("/members/coverage/"), frozenset()),
    "coverage csv": Output(_fixed("/members/coverage.csv"), frozenset()),
    "profile A": Output(lambda w: f"/members/{w.own.slug}/", PEOPLE_OF["own"] | CERTS_OF["own"]),
    "profile B": Output(
        lambda w: f"/members/{w.other.slug}/", PEOPLE_OF["other"] | CERTS_OF["other"]
    ),
    # Countries: the index and a country's page with its risk notes.
    "countries": Output(_fixed("/countries/"), frozenset()),
    "country page": Output(_fixed("/countries/cd/"), RISKS | ACTIONS),
    "api country": Output(_fixed("/api/v1/countries/cd/"), RISKS),
    # Governance: proposals (lists, search, dashboard, home), comments, the decision feed.
    "home": Output(_fixed("/"), PROPOSALS),
    "dashboard": Output(_fixed("/governance/"), PROPOSALS),
    "proposals": Output(_fixed("/governance/proposals/"), PROPOSALS),
    "proposals search": Output(_fixed("/governance/proposals/?q=Zmk"), PROPOSALS),
    "api proposals": Output(_fixed(f"/api/v1/proposals/{PAGE}"), PROPOSALS),
    "api proposals search": Output(_fixed(f"/api/v1/proposals/{PAGE}&q=Zmk"), PROPOSALS),
    "proposal comments": Output(
        lambda w: f"/governance/proposals/{_m(w)['public_proposal'].pk}/", COMMENTS
    ),
    "api proposal comments": Output(
        lambda w: f"/api/v1/proposals/{_m(w)['public_proposal'].pk}/comments/{PAGE}", COMMENTS
    ),
    # Initiatives: lists, pages, API and the country section; B's pledge amount only to
    # members.
    "initiatives": Output(_fixed("/governance/initiatives/"), INITIATIVES),
    "initiative page": Output(
        lambda w: f"/governance/initiatives/{_initiative(w)}/",
        frozenset({"Zmkpublicinitiative", "48,213.57"}),
    ),
    "api initiatives": Output(_fixed(f"/api/v1/initiatives/{PAGE}"), INITIATIVES),
    "api initiative": Output(
        lambda w: f"/api/v1/initiatives/{_initiative(w)}/",
        frozenset({"Zmkpublicinitiative", "48213.57"}),
    ),
    "api initiative pledges": Output(
        lambda w: f"/api/v1/initiatives/{_initiative(w)}/pledges/", frozenset({"48213.57"})
    ),
    "country page initiatives": Output(_fixed("/countries/cd/"), INITIATIVES),
    "decision feed": Output(_fixed("/governance/decisions/feed/"), frozenset()),
    "api decision log": Output(_fixed(f"/api/v1/decision-log/{PAGE}"), frozenset()),
    # Standards: certifications (their sites) in the list, the API and their filters.
    "certifications": Output(_fixed("/standards/certifications/"), CERTS),
    "certifications current": Output(_fixed("/standards/certifications/?current=on"), CERTS),
    "api certifications": Output(_fixed(f"/api/v1/certifications/{PAGE}"), CERTS),
    "api certifications current": Output(
        _fixed(f"/api/v1/certifications/{PAGE}&current=true"), CERTS
    ),
    # Acceptance requests (their statements): the list, its filters, the API.
    "acceptance requests": Output(_fixed("/standards/acceptance-requests/"), ACCEPTANCE),
    "acceptance requests by status": Output(
        _fixed("/standards/acceptance-requests/?status=draft"),
        frozenset({"Zmkacceptdraftown", "Zmkacceptdraftother"}),
    ),
    "api acceptance requests": Output(_fixed(f"/api/v1/acceptance-requests/{PAGE}"), ACCEPTANCE),
    "api acceptance requests by organisation": Output(
        lambda w: f"/api/v1/acceptance-requests/{PAGE}&organisation={w.other.slug}",
        ACCEPTANCE - {"Zmkacceptdraftown"},
    ),
    # Actions after decisions: the list, its filters, the API, the decision page.
    "actions": Output(_fixed("/governance/actions/"), ACTIONS),
    "actions overdue filter": Output(_fixed("/governance/actions/?overdue=no"), ACTIONS),
    "api actions": Output(_fixed(f"/api/v1/actions/{PAGE}"), ACTIONS),
    "api actions by country": Output(_fixed(f"/api/v1/actions/{PAGE}&country=CD"), ACTIONS),
    "decision actions": Output(lambda w: _m(w)["action_decision"].get_absolute_url(), ACTIONS),
    # Meetings: the lists, each meeting's page and API answer with its minutes, the requests
    # (the secretariat's list, the requester's own), the equal-access figures.
    "meetings": Output(_fixed("/governance/meetings/"), frozenset()),
    "api meetings": Output(_fixed(f"/api/v1/meetings/{PAGE}"), frozenset()),
    **{f"meeting minutes {level}": Output(_meeting(level), MINUTES[level]) for level in MINUTES},
    **{
        f"api meeting minutes {level}": Output(_meeting(level, api=True), MINUTES[level])
        for level in MINUTES
    },
    "meeting requests": Output(_fixed("/governance/meeting-requests/"), REQUESTS),
    "api meeting requests": Output(_fixed(f"/api/v1/meeting-requests/{PAGE}"), REQUESTS),
    "meeting requests search": Output(
        _fixed("/governance/meeting-requests/?status=pending"), frozenset({"Zmkrequestbyoutsider"})
    ),
    "meeting request figures": Output(_fixed("/governance/meeting-requests/figures/"), frozenset()),
    "api meeting request figures": Output(_fixed("/api/v1/meeting-requests/figures/"), frozenset()),
    "body page": Output(_fixed("/governance/bodies/general-assembly/"), frozenset()),
    # Glossary: lists, search, autocomplete, exports, feed, revisions, usage notes.
    "glossary": Output(_fixed("/glossary/"), CONCEPTS),
    "glossary search": Output(_fixed("/glossary/?q=Zmk"), CONCEPTS),
    "glossary autocomplete": Output(_fixed("/glossary/autocomplete/?q=Zmk"), CONCEPTS),
    "api concepts": Output(_fixed(f"/api/v1/glossary/concepts/{PAGE}"), CONCEPTS),
    "api glossary search": Output(_fixed("/api/v1/glossary/search/?q=Zmk"), CONCEPTS),
    "api revisions": Output(_fixed(f"/api/v1/glossary/revisions/{PAGE}"), CONCEPTS),
    "revisions": Output(_fixed("/glossary/revisions/"), CONCEPTS),
    "glossary feed": Output(_fixed("/glossary/feed/"), frozenset({"Zmkagreedconcept"})),
    "export turtle": Output(_fixed("/glossary/export.ttl"), frozenset({"Zmkagreedconcept"})),
    "export json-ld": Output(_fixed("/glossary/export.jsonld"), frozenset({"Zmkagreedconcept"})),
    "export csv": Output(_fixed("/glossary/export.csv"), frozenset({"Zmkagreedconcept"})),
    "export tbx": Output(_fixed("/glossary/export.tbx"), frozenset({"Zmkagreedconcept"})),
    "concept notes": Output(
        lambda w: f"/glossary/{_slug(w, 0)}/",
        frozenset({"Zmknoteownsecretariat", "Zmknoteothersecretariat"}),
    ),
    "concept notes 2": Output(
        lambda w: f"/glossary/{_slug(w, 1)}/",
        frozenset({"Zmknoteothermembers", "Zmknoteownpublic"}),
    ),
    "api usage notes": Output(
        lambda w: f"/api/v1/glossary/concepts/{_slug(w, 0)}/usage-notes/{PAGE}",
        frozenset({"Zmknoteownsecretariat", "Zmknoteothersecretariat"}),
    ),
    "api usage notes 2": Output(
        lambda w: f"/api/v1/glossary/concepts/{_slug(w, 1)}/usage-notes/{PAGE}",
        frozenset({"Zmknoteothermembers", "Zmknoteownpublic"}),
    ),
}


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.mark.security
@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_no_row_leaks(matrix_world, name: str) -> None:
    world = matrix_world
    output = OUTPUTS[name]
    url = output.url(world)
    leaks = []
    for role in Role:
        response = world.client_for(role).get(url)
        body = _body(response).lower()
        if role == Role.SUPERUSER:
            assert response.status_code == 200, f"{url} as the superuser: {response.status_code}"
            missing = {marker for marker in output.shows if marker.lower() not in body}
            assert missing == set(), f"{url} does not list {sorted(missing)}: nothing to check"
        leaks += [
            f"{url} as {role} shows {marker!r}"
            for marker, seen_by in SEEN_BY.items()
            if role not in seen_by and marker.lower() in body
        ]
    figures.record("matrix.rows_leaked", len(leaks))
    assert leaks == [], "\n".join(leaks)
