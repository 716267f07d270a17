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


def _report(world, key: str, *, api: bool = False) -> str:
    pk = _m(world)["reports"][key].pk
    return f"/api/v1/rs-reports/{pk}/" if api else f"/standards/reporting/reports/{pk}/"


ANSWERS_OF = {
    "own": frozenset({"Zmkanswerownsecretariat", "Zmkanswerownpublic"}),
    "other": frozenset({"Zmkanswerothermembers", "Zmkanswerothersecretariat"}),
}


def _slug(world, index: int) -> str:
    return str(_m(world)["noted_concepts"][index].slug)


def _meeting(level: str, *, api: bool = False) -> Callable[[Any], str]:
    def url(world) -> str:
        pk = _m(world)["meetings"][level].pk
        return f"/api/v1/meetings/{pk}/" if api else f"/governance/meetings/{pk}/"

    return url


ORGS = frozenset({"Zmkapplicantorg"})
DOCUMENTS = frozenset(
    {
        "Zmkdocpublic",
        "Zmkdocmembers",
        "Zmkdocsecretariat",
        "Zmkdocsharedown",
        "Zmkdocsharedother",
        "Zmkdocheld",
    }
)
RISKS = frozenset({"Zmkriskpublic", "Zmkriskmembers", "Zmkrisksecretariat"})
PROPOSALS = frozenset({"Zmkpublicproposal", "Zmkmembersproposal"})
COMMENTS = frozenset({"Zmkshowncomment", "Zmkheldcomment", "Zmkrejectedcomment"})
CONCEPTS = frozenset({"Zmkagreedconcept", "Zmkproposedconcept"})
CERTS_OF = {
    "own": frozenset({"Zmkcertownsecretariat", "Zmkcertownpublic"}),
    "other": frozenset({"Zmkcertothermembers", "Zmkcertothersecretariat"}),
}
CERTS = CERTS_OF["own"] | CERTS_OF["other"]
STANDING_OF_A = frozenset({"Zmkcertownpublic"})
DEMANDS = frozenset({"Zmkdemandown", "Zmkdemandother"})
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
TIERS = frozenset({"Zmktierdraft", "Zmktieradopted"})
AGENDA = frozenset({"Zmkagendaheld", "Zmkagendareleased"})
REQUESTS = frozenset({"Zmkrequestbyrep", "Zmkrequestbyoutsider"})
READS_OF = {owner: frozenset({f"Zmkreadreason{owner}"}) for owner in ("own", "other")}
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
    # A member's standing: public certifications only, whoever reads (A's public one shows;
    # B has none that is public); see also test_the_standing_states_public_items_only below.
    "standing A": Output(lambda w: f"/members/{w.own.slug}/standing/", STANDING_OF_A),
    "standing A json": Output(lambda w: f"/members/{w.own.slug}/standing.json", STANDING_OF_A),
    "api standing A": Output(
        lambda w: f"/api/v1/organisations/{w.own.slug}/standing/", STANDING_OF_A
    ),
    "standing B": Output(lambda w: f"/members/{w.other.slug}/standing/", frozenset()),
    "api standing B": Output(
        lambda w: f"/api/v1/organisations/{w.other.slug}/standing/", frozenset()
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
    "documents": Output(_fixed("/documents/"), DOCUMENTS),
    "documents search": Output(_fixed("/documents/?q=Matrixlibraryword"), DOCUMENTS),
    "api documents": Output(_fixed(f"/api/v1/documents/{PAGE}"), DOCUMENTS),
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
    # Commitment tiers: the list, the API, the directory's tier filter (adopted tiers only).
    "tiers": Output(_fixed("/standards/tiers/"), TIERS),
    "api tiers": Output(_fixed("/api/v1/tiers/"), TIERS),
    "directory tier filter": Output(_fixed("/members/"), frozenset({"Zmktieradopted"})),
    # RS reports: each report's page and API answer, answer by answer by disclosure; the
    # aggregates page counts them and shows no answer. (B's draft is a 404 for every role
    # here: tests/standards/test_reports.py.)
    "report A": Output(lambda w: _report(w, "own"), ANSWERS_OF["own"]),
    "report B": Output(lambda w: _report(w, "other"), ANSWERS_OF["other"]),
    "api report A": Output(lambda w: _report(w, "own", api=True), ANSWERS_OF["own"]),
    "api report B": Output(lambda w: _report(w, "other", api=True), ANSWERS_OF["other"]),
    "api reports": Output(_fixed(f"/api/v1/rs-reports/{PAGE}"), frozenset()),
    "reporting cycle": Output(lambda w: _m(w)["reports"]["cycle"].get_absolute_url(), frozenset()),
    "report aggregates": Output(
        lambda w: f"/standards/reporting/{_m(w)['reports']['cycle'].pk}/aggregates/", frozenset()
    ),
    # Downstream demands: the buyers' own lists and the API in full (notes); the aggregates,
    # page and API, name no buyer (the applicant buyer's name is a marker). Value chains: counts.
    "demand aggregate": Output(_fixed("/standards/demands/"), frozenset()),
    "demand aggregate gold": Output(_fixed("/standards/demands/?material=gold"), frozenset()),
    "api demand aggregate": Output(_fixed("/api/v1/demands/aggregate/"), frozenset()),
    "api demands": Output(_fixed(f"/api/v1/demands/{PAGE}"), DEMANDS),
    "demands of A": Output(
        lambda w: f"/standards/demands/organisations/{w.own.slug}/",
        frozenset({"Zmkdemandown"}),
    ),
    "demands of B": Output(
        lambda w: f"/standards/demands/organisations/{w.other.slug}/",
        frozenset({"Zmkdemandother"}),
    ),
    # The access log (planted reads with the reason "other"): A's own, B's, the whole log.
    "access log A": Output(
        lambda w: f"/members/{w.own.slug}/access-log/?reason=other", READS_OF["own"]
    ),
    "access log A csv": Output(
        lambda w: f"/members/{w.own.slug}/access-log.csv?reason=other", READS_OF["own"]
    ),
    "api access log A": Output(
        lambda w: f"/api/v1/organisations/{w.own.slug}/access-log/?reason=other",
        READS_OF["own"],
    ),
    "access log B": Output(
        lambda w: f"/members/{w.other.slug}/access-log/?reason=other", READS_OF["other"]
    ),
    "whole access log": Output(
        _fixed("/secretariat/access-log/?reason=other"), READS_OF["own"] | READS_OF["other"]
    ),
    "value chains": Output(_fixed("/standards/value-chains/"), frozenset()),
    "value chain gold": Output(_fixed("/standards/value-chains/gold/"), frozenset()),
    "api value chains": Output(_fixed("/api/v1/value-chains/"), frozenset()),
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
    "meeting agenda": Output(_meeting("public"), AGENDA),
    "api meeting agenda": Output(_meeting("public", api=True), AGENDA),
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


@pytest.mark.security
def test_the_standing_states_public_items_only(matrix_world) -> None:
    """A standing is public and the same for every reader: A's secretariat-level certification
    is in it for nobody, not A's own people, not the secretariat, not the superuser."""
    world = matrix_world
    slug = world.own.slug
    urls = (
        f"/members/{slug}/standing/",
        f"/members/{slug}/standing.json",
        f"/api/v1/organisations/{slug}/standing/",
    )
    shown = []
    for role in Role:
        client = world.client_for(role)
        for url in urls:
            body = _body(client.get(url)).lower()
            assert "zmkcertownpublic" in body, f"{url} as {role}: nothing to check"
            shown += [
                f"{url} as {role} shows {marker}"
                for marker in ("Zmkcertownsecretariat", "own secretariat person")
                if marker.lower() in body
            ]
    assert shown == [], "\n".join(shown)
