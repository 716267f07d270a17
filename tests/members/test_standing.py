"""A member's standing (issue 18, item 8): a public, stable page per member organisation and
its JSON twins, stating as of a day (today by default) member since, chamber, agreements
accepted, certifications recognised (public ones, current that day) and the decisions that name
it; its figures recomputed, never typed in; parts added by higher apps through the standing
registry. The issue's check: the standing recomputed from the API matches the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from alliance_portal.standing import StandingPart, register_part, unregister_part
from governance.decision_log.canonical import timestamp
from governance.decision_log.services import decision_log_append
from members.models import AgreementAcceptance, AgreementKind, Organisation
from members.services import agreement_publish, agreements_accept
from standards import services as standards
from standards.models import (
    Certification,
    CertificationStatus,
    Standard,
    StandardKind,
    StandardVersion,
    current_q,
)

TODAY = timezone.localdate()
LAST_YEAR = TODAY - timedelta(days=365)
LONG_AGO = TODAY - timedelta(days=800)


def words(day) -> str:
    return f"{day.day} {day:%B %Y}"


def standing_url(organisation: Organisation, **query: str) -> str:
    url = reverse("members:organisation-standing", args=[organisation.slug])
    return f"{url}?as_of={query['as_of']}" if query else url


def json_url(organisation: Organisation, **query: str) -> str:
    url = reverse("members:organisation-standing-json", args=[organisation.slug])
    return f"{url}?as_of={query['as_of']}" if query else url


def api_url(organisation: Organisation, **query: str) -> str:
    url = f"/api/v1/organisations/{organisation.slug}/standing/"
    return f"{url}?as_of={query['as_of']}" if query else url


def version(code: str = "irma", title: str = "IRMA Standard for Responsible Mining") -> Any:
    standard = Standard.objects.create(
        code=code,
        title=title,
        short_name=code.upper(),
        issuing_body="A certifier",
        kind=StandardKind.CERTIFICATION_STANDARD,
    )
    return StandardVersion.objects.create(standard=standard, label="1.0", status="current")


def certify(organisation, standard_version, **fields) -> Certification:
    fields.setdefault("valid_from", LAST_YEAR)
    return standards.certification_record(
        actor=SYSTEM,
        organisation=organisation,
        fields=standards.CertificationFields(version=standard_version, **fields),
    )


def decision(title: str, *, electorate: list[Organisation], decided_at: datetime) -> Any:
    return decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": 1, "title": title},
            "body": {"slug": "general-assembly", "name": "General Assembly"},
            "outcome": "adopted",
            "decided_at": timestamp(decided_at),
            "electorate": [
                {
                    "organisation": {"slug": o.slug, "name": o.name},
                    "chamber": o.chamber.slug,
                    "recused": False,
                }
                for o in electorate
            ],
        },
    )


@pytest.fixture
def standing_world(world) -> Any:
    """A: joined two years ago, its people accepted the charter (not the protocol), recognised
    under one public certification, named by one decision; other certifications of A that the
    standing must leave out (members- and secretariat-level, expired, suspended, future)."""
    Organisation.objects.filter(pk=world.own.pk).update(joined_on=LONG_AGO)
    world.own.refresh_from_db()
    charter = agreement_publish(
        actor=SYSTEM, kind=AgreementKind.CHARTER, title="Charter", text="We work together."
    )
    agreement_publish(
        actor=SYSTEM, kind=AgreementKind.PROTOCOL, title="Protocol", text="No prices."
    )
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    agreements_accept(actor=representative, person=representative.person, agreements=[charter])
    irma = version()
    world.extra["public"] = certify(world.own, irma, sites="Zmkstandingpublic pit")
    other = version("rmi", "RMI Responsible Minerals Assurance Process")
    for level in (DisclosureLevel.MEMBERS, DisclosureLevel.SECRETARIAT):
        certify(world.own, other, disclosure=level, sites=f"Zmkstanding{level} pit")
    certify(world.own, other, valid_until=TODAY - timedelta(days=1), sites="Zmkexpired pit")
    certify(world.own, other, status=CertificationStatus.SUSPENDED, sites="Zmksuspended pit")
    certify(world.own, other, valid_from=TODAY + timedelta(days=9), sites="Zmkfuture pit")
    decision(
        "Adopt the cobalt rule",
        electorate=[world.own, world.other],
        decided_at=datetime.now(UTC) - timedelta(days=30),
    )
    decision(
        "Adopt the lithium rule",
        electorate=[world.other],
        decided_at=datetime.now(UTC) - timedelta(days=20),
    )
    return world


# --- What the page states --------------------------------------------------------------------


def test_the_page_states_membership_agreements_certifications_and_decisions(standing_world):
    world = standing_world
    response = world.client_for(Role.ANONYMOUS).get(standing_url(world.own))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"As of {words(TODAY)}" in page
    assert f"Member since</dt><dd>{words(LONG_AGO)}" in page
    assert world.own.chamber.name in page
    assert "Membership charter</strong>, version 1" in page
    assert f"accepted, first on {words(TODAY)}" in page
    assert "not accepted by then" in page  # the protocol
    assert "IRMA Standard for Responsible Mining 1.0" in page
    assert "Zmkstandingpublic pit" in page
    for left_out in ("standingmembers", "standingsecretariat", "expired", "suspended", "future"):
        assert f"Zmk{left_out} pit" not in page
    assert "1 published decision taken by" in page
    assert f"?organisation={world.own.slug}" in page
    assert "How this is computed" in page
    assert "None" not in page
    assert "is compliant" not in page.lower()


def test_the_profile_links_to_the_standing(world):
    page = world.client_for(Role.ANONYMOUS).get(world.own.get_absolute_url()).content.decode()
    assert standing_url(world.own) in page


def test_a_past_day_reads_the_records_for_that_day(standing_world):
    world = standing_world
    before = LAST_YEAR - timedelta(days=1)
    data = (
        world.client_for(Role.ANONYMOUS).get(json_url(world.own, as_of=before.isoformat())).json()
    )
    assert data["as_of"] == before.isoformat()
    assert data["parts"]["membership"]["joined_by_then"] is True
    assert data["parts"]["certifications"] == {"count": 0, "recognised_under": []}
    # The agreements were published today: none was in force then.
    assert "agreements" not in data["parts"]
    assert data["parts"]["decision_log"]["decisions"] == 0
    page = world.client_for(Role.ANONYMOUS).get(standing_url(world.own, as_of=before.isoformat()))
    text = page.content.decode()
    assert f"As of {words(before)}" in text
    assert "No public certification of Own Organisation was valid on" in text
    assert data["url"] == standing_url(world.own, as_of=before.isoformat())


@pytest.mark.parametrize("bad", ["tomorrow", "2026-13-01", "1999-12-31", "future"])
def test_a_day_that_cannot_be_stated_is_refused_with_a_message(world, bad):
    as_of = (TODAY + timedelta(days=1)).isoformat() if bad == "future" else bad
    client = world.client_for(Role.ANONYMOUS)
    page = client.get(standing_url(world.own, as_of=as_of))
    assert page.status_code == 400
    text = page.content.decode()
    assert "The standing could not be stated for that day" in text
    assert "Member since" not in text
    json_answer = client.get(json_url(world.own, as_of=as_of))
    api_answer = APIClient().get(api_url(world.own, as_of=as_of))
    assert json_answer.status_code == api_answer.status_code == 400
    assert list(json_answer.json()) == list(api_answer.json()) == ["as_of"]


def test_an_applicants_standing_is_not_published(world):
    for url in (standing_url(world.applicant), json_url(world.applicant)):
        anonymous = world.client_for(Role.ANONYMOUS).get(url)
        assert anonymous.status_code == 302
        assert anonymous.url.startswith("/accounts/login/")
        assert world.client_for(Role.MEMBER).get(url).status_code == 404
        assert world.client_for(Role.SECRETARIAT).get(url).status_code == 200
    answer = APIClient().get(api_url(world.applicant))
    assert answer.status_code in (401, 403, 404)
    assert world.applicant.name not in answer.content.decode()


# --- Public only, the same for every reader --------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_no_reader_gets_a_certification_that_is_not_public(standing_world, role):
    world = standing_world
    client = world.client_for(role)
    api = APIClient()
    if world.users[role] is not None:
        api.force_authenticate(world.users[role])
    for body in (
        client.get(standing_url(world.own)).content.decode(),
        client.get(json_url(world.own)).content.decode(),
        api.get(api_url(world.own)).content.decode(),
    ):
        assert "Zmkstandingpublic" in body
        assert "Zmkstandingmembers" not in body
        assert "Zmkstandingsecretariat" not in body


def test_the_json_twins_are_one_object(standing_world):
    world = standing_world
    twin = world.client_for(Role.ANONYMOUS).get(json_url(world.own))
    assert twin["Content-Type"].startswith("application/json")
    api = APIClient().get(api_url(world.own))
    secretariat = world.client_for(Role.SECRETARIAT).get(json_url(world.own))
    assert twin.json() == api.json() == secretariat.json()
    assert set(twin.json()["parts"]) == {
        "membership",
        "agreements",
        "certifications",
        "decision_log",
    }


# --- The check: recomputed from the API, it matches the page ------------------------


def test_the_standing_recomputed_from_the_api_matches_the_page_and_the_json(standing_world):
    world = standing_world
    api = APIClient()
    listed = api.get(
        "/api/v1/certifications/",
        {"organisation": world.own.slug, "current": "true", "page_size": 200},
    ).json()["results"]
    recomputed = {
        (item["id"], item["standard_title"], item["version"])
        for item in listed
        if item["recognised"] and item["disclosure"] == "public"
    }
    assert recomputed  # something to compare
    stated = api.get(api_url(world.own)).json()["parts"]["certifications"]
    assert stated["count"] == len(recomputed)
    assert {
        (item["id"], item["standard_title"], item["version"]) for item in stated["recognised_under"]
    } == recomputed
    page = world.client_for(Role.ANONYMOUS).get(standing_url(world.own)).content.decode()
    assert f"recognised under {len(recomputed)} standard version" in page
    for _pk, title, label in recomputed:
        assert f"{title} {label}" in page
    # The decisions that name it, recomputed from the decision log's API.
    log = api.get("/api/v1/decision-log/", {"organisation": world.own.slug}).json()
    decisions = [entry for entry in log["results"] if entry["kind"] == "decision"]
    assert api.get(api_url(world.own)).json()["parts"]["decision_log"]["decisions"] == len(
        decisions
    )
    # The agreements, recomputed from the acceptances.
    accepted = AgreementAcceptance.objects.filter(person__organisation=world.own).count()
    agreements = api.get(api_url(world.own)).json()["parts"]["agreements"]["agreements"]
    assert sum(agreement["accepted"] for agreement in agreements) == accepted == 1


# --- The registry: a higher app adds a part --------------------------------------------------


def test_a_registered_part_shows_on_the_page_and_in_the_json(world):
    def example(organisation, as_of, user) -> dict[str, Any] | None:
        if organisation.pk != world.own.pk:
            return None
        return {"decisions": 3, "url": "/governance/decisions/", "api_url": "/api/v1/"}

    register_part(
        StandingPart(
            key="example",
            title="An example part",
            template="governance/standing/decision_log.html",
            data=example,
            order=30,
            note="Zmkexamplenote",
        )
    )
    try:
        client = world.client_for(Role.ANONYMOUS)
        page = client.get(standing_url(world.own)).content.decode()
        assert "An example part" in page
        assert "Zmkexamplenote" in page
        data = client.get(json_url(world.own)).json()
        assert data["parts"]["example"]["decisions"] == 3
        keys = list(data["parts"])
        assert keys.index("membership") < keys.index("example") < keys.index("certifications")
        assert "example" not in client.get(json_url(world.other)).json()["parts"]
    finally:
        unregister_part("example")


# --- The decision log names an organisation's decisions --------------------------------------


def test_the_decision_log_filters_by_the_organisation_it_names(standing_world):
    world = standing_world
    client = world.client_for(Role.ANONYMOUS)
    page = client.get(reverse("governance:decision-list"), {"organisation": world.own.slug})
    text = page.content.decode()
    assert "Adopt the cobalt rule" in text
    assert "Adopt the lithium rule" not in text
    by_name = client.get(reverse("governance:decision-list"), {"organisation": "Own Organisation"})
    assert "Adopt the cobalt rule" in by_name.content.decode()
    assert "Adopt the lithium rule" not in by_name.content.decode()
    unknown = client.get(reverse("governance:decision-list"), {"organisation": "Nobody at all"})
    assert "There is no member organisation called" in unknown.content.decode()
    applicant = APIClient().get("/api/v1/decision-log/", {"organisation": world.applicant.slug})
    assert applicant.status_code == 400
    assert "organisation" in applicant.json()
    # The select offers the organisations the decisions name.
    assert (
        f'<option value="{world.own.slug}"'
        in client.get(reverse("governance:decision-list")).content.decode()
    )


def test_a_dissent_or_an_endorsement_names_its_organisation(standing_world):
    world = standing_world
    nickel = decision(
        "Adopt the nickel rule", electorate=[world.other], decided_at=datetime.now(UTC)
    )
    decision_log_append(
        kind="dissent",
        amends=nickel.seq,
        record={"organisation": {"slug": world.own.slug, "name": world.own.name}, "text": "No."},
    )
    page = world.client_for(Role.ANONYMOUS).get(
        reverse("governance:decision-list"), {"organisation": world.own.slug}
    )
    assert "Adopt the nickel rule" in page.content.decode()
    data = APIClient().get(api_url(world.own)).json()
    assert data["parts"]["decision_log"]["decisions"] == 2


def test_the_schema_documents_every_part() -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    parts = schema["components"]["schemas"]["StandingParts"]["properties"]
    assert {"membership", "agreements", "certifications", "decision_log"} <= set(parts)
    operation = schema["paths"]["/api/v1/organisations/{slug}/standing/"]["get"]
    assert "400" in operation["responses"]


# --- Query budgets ---------------------------------------------------------------------------


def test_the_page_and_the_json_read_in_a_fixed_number_of_queries(
    standing_world, django_assert_max_num_queries
):
    world = standing_world
    irma = StandardVersion.objects.get(standard__code="irma")
    for index in range(8):
        certify(world.own, irma, sites=f"Extra site {index}")
    client, api = world.client_for(Role.ANONYMOUS), APIClient()
    client.get(standing_url(world.own))  # warm up the process caches
    with django_assert_max_num_queries(8):
        assert client.get(standing_url(world.own)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(json_url(world.own)).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get(api_url(world.own)).status_code == 200


# --- The demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_members_standing_matches_the_api(demo) -> None:
    """In the demo, a member recognised under public certifications: its standing states them
    all, as the certifications API lists them, and the decisions that name it."""
    certified = (
        Certification.objects.filter(
            current_q(TODAY),
            disclosure=DisclosureLevel.PUBLIC,
            organisation__membership_status="active",
        )
        .values_list("organisation__slug", flat=True)
        .first()
    )
    assert certified is not None, "the demo has no public certification"
    organisation = Organisation.objects.get(slug=certified)
    api = APIClient()
    listed = api.get(
        "/api/v1/certifications/",
        {"organisation": organisation.slug, "current": "true", "page_size": "200"},
    ).json()["results"]
    public = sorted(item["id"] for item in listed if item["disclosure"] == "public")
    stated = api.get(api_url(organisation)).json()
    assert public
    assert sorted(item["id"] for item in stated["parts"]["certifications"]["recognised_under"]) == (
        public
    )
    assert stated["parts"]["membership"]["member_since"] == organisation.joined_on.isoformat()
    page = APIClient().get(standing_url(organisation))
    assert page.status_code == 200
    assert f"As of {words(TODAY)}" in page.content.decode()
