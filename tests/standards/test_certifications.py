"""Certifications (issue 18, item 1): an organisation's representative records its own, nobody
else's; what a reader sees follows the disclosure level everywhere (list, page, API, profile,
country page); only current certifications give baseline coverage, the best of them per
requirement; the wording is "recognised under", never "compliant"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members.models import FocusCountry
from standards import services
from standards.models import Certification, CertificationStatus, Standard, StandardVersion
from standards.selectors.certifications import organisation_coverage
from standards.selectors.coverage import CoverageClass
from tests.guided import guided
from tests.standards.conftest import api_for

TODAY = timezone.localdate()
LAST_YEAR = TODAY - timedelta(days=365)
NEXT_YEAR = TODAY + timedelta(days=365)


def certify(organisation, version, **fields) -> Certification:
    fields.setdefault("valid_from", LAST_YEAR)
    fields.setdefault("valid_until", NEXT_YEAR)
    return services.certification_record(
        actor=SYSTEM,
        organisation=organisation,
        fields=services.CertificationFields(version=version, **fields),
    )


def form_data(version, **overrides) -> dict:
    return {
        "version": version.pk,
        "status": CertificationStatus.CERTIFIED,
        "valid_from": LAST_YEAR.isoformat(),
        "valid_until": NEXT_YEAR.isoformat(),
        "sites": "North pit\nSouth pit",
        "materials": ["cobalt"],
        "evidence_url": "https://certifier.example.org/certificates/42",
        "disclosure": DisclosureLevel.PUBLIC,
        **overrides,
    }


# --- Who records -----------------------------------------------------------------------------


def test_a_representative_records_a_certification_of_its_own_organisation(world, crosswalk):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:certification-create", args=[world.own.slug])
    response = client.post(url, form_data(crosswalk.alpha))
    certification = Certification.objects.get(organisation=world.own)
    assert response.status_code == 302
    assert response.url == certification.get_absolute_url()
    assert certification.site_list == ["North pit", "South pit"]
    assert certification.recorded_by == world.users[Role.ORGANISATION_REPRESENTATIVE]
    page = client.get(certification.get_absolute_url()).content.decode()
    assert "Own Organisation is recognised under this standard" in page
    assert "Change this certification" in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.EXTERNAL_STAKEHOLDER, Role.ANONYMOUS])
def test_nobody_else_records_or_changes_one(world, crosswalk, role):
    certification = certify(world.own, crosswalk.alpha)
    client = world.client_for(role)
    create = client.post(
        reverse("standards:certification-create", args=[world.own.slug]),
        form_data(crosswalk.alpha),
    )
    edit = client.post(
        reverse("standards:certification-edit", args=[certification.pk]),
        form_data(crosswalk.alpha, status=CertificationStatus.SUSPENDED),
    )
    assert create.status_code in (302, 403)
    assert edit.status_code in (302, 403)
    if role != Role.ANONYMOUS:
        assert create.status_code == edit.status_code == 403
    assert Certification.objects.count() == 1
    certification.refresh_from_db()
    assert certification.status == CertificationStatus.CERTIFIED


def test_another_organisations_representative_is_refused_through_the_api(world, crosswalk):
    certification = certify(world.other, crosswalk.alpha)
    api = api_for(world, Role.ORGANISATION_REPRESENTATIVE)
    body = {"standard": "alpha", "version": "2.0", "valid_from": LAST_YEAR.isoformat()}
    created = api.post("/api/v1/certifications/", {**body, "organisation": world.other.slug})
    changed = api.put(
        f"/api/v1/certifications/{certification.pk}/", {**body, "status": "suspended"}
    )
    assert created.status_code == changed.status_code == 403
    assert Certification.objects.count() == 1
    certification.refresh_from_db()
    assert certification.status == CertificationStatus.CERTIFIED
    own = api.post("/api/v1/certifications/", {**body, "organisation": world.own.slug})
    assert own.status_code == 201, own.content
    assert own.json()["recognised"] is True
    assert own.json()["standing"] == "Recognised"


def test_the_secretariat_changes_a_certification_and_the_trail_keeps_the_old_state(
    world, crosswalk
):
    certification = certify(world.own, crosswalk.alpha)
    client = world.client_for(Role.SECRETARIAT)
    response = client.post(
        reverse("standards:certification-edit", args=[certification.pk]),
        form_data(crosswalk.alpha, status=CertificationStatus.SUSPENDED),
    )
    assert response.status_code == 302
    certification.refresh_from_db()
    assert certification.status == CertificationStatus.SUSPENDED
    events = certification.events.order_by("pgh_id")  # type: ignore[attr-defined]
    assert [event.status for event in events] == ["certified", "suspended"]
    assert events.last().pgh_context.metadata["use_case"] == "certification_update"


# --- What the form says when it refuses ----------------------------------------------------


def test_the_form_says_what_to_fix_and_keeps_what_was_typed(world, crosswalk):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = client.post(
        reverse("standards:certification-create", args=[world.own.slug]),
        form_data(
            crosswalk.alpha,
            valid_from="",
            valid_until=(LAST_YEAR - timedelta(days=1)).isoformat(),
            evidence_url="https://certifier.example.org/kept",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    guided(html, {"Enter the day the certification took effect.": "id_valid_from"})
    assert "https://certifier.example.org/kept" in html
    assert not Certification.objects.exists()


def test_the_baseline_and_draft_versions_are_not_certifications(world, crosswalk):
    gamma = Standard.objects.create(
        code="gamma", title="Gamma", short_name="GAMMA", issuing_body="Issuer", kind="regulation"
    )
    draft = StandardVersion.objects.create(standard=gamma, label="0.1", status="draft")
    for version, message in (
        (crosswalk.baseline, "members are not certified under the alliance baseline"),
        (draft, "This version is draft"),
    ):
        with pytest.raises(Exception, match=message):
            certify(world.own, version)
    assert not Certification.objects.exists()


# --- Who sees what --------------------------------------------------------------------------


@pytest.fixture
def levels(world, crosswalk) -> dict[str, Certification]:
    return {
        level: certify(world.other, crosswalk.alpha if level != "members" else crosswalk.beta,
                       disclosure=level, sites=f"{level} site")
        for level in DisclosureLevel.values
    }  # fmt: skip


SEES = {
    Role.ANONYMOUS: {"public"},
    Role.EXTERNAL_STAKEHOLDER: {"public"},
    Role.MEMBER: {"public", "members"},
    Role.SECRETARIAT: {"public", "members", "secretariat"},
}


@pytest.mark.parametrize("role", list(SEES))
def test_each_reader_sees_the_levels_it_may_on_the_list_the_api_and_the_profile(
    world, levels, role
):
    client, api = world.client_for(role), api_for(world, role)
    listed = client.get(reverse("standards:certification-list")).content.decode()
    profile = client.get(world.other.get_absolute_url()).content.decode()
    answered = {row["sites"][0] for row in api.get("/api/v1/certifications/").json()["results"]}
    for level, certification in levels.items():
        seen = level in SEES[role]
        assert (certification.get_absolute_url() in listed) is seen, (level, "list")
        assert (certification.get_absolute_url() in profile) is seen, (level, "profile")
        assert (f"{level} site" in answered) is seen, (level, "api")
        detail = client.get(certification.get_absolute_url())
        assert (detail.status_code == 200) is seen, (level, "page")


def test_an_organisations_own_people_see_all_of_its_certifications(world, crosswalk):
    hidden = certify(world.own, crosswalk.alpha, disclosure=DisclosureLevel.SECRETARIAT)
    client = world.client_for(Role.MEMBER)
    assert client.get(hidden.get_absolute_url()).status_code == 200
    api = api_for(world, Role.MEMBER)
    assert api.get(f"/api/v1/certifications/{hidden.pk}/").status_code == 200


def test_a_country_page_lists_the_current_certifications_of_organisations_working_there(
    world, crosswalk
):
    FocusCountry.objects.create(country="CD", role="producer")
    world.own.headquarters_country = "CD"
    world.own.save()
    current = certify(world.own, crosswalk.alpha)
    certify(world.own, crosswalk.beta, disclosure=DisclosureLevel.MEMBERS)
    page = world.client_for(Role.ANONYMOUS).get("/countries/CD/").content.decode()
    assert current.get_absolute_url() in page
    assert "recognised under" in page
    assert "BETA" not in page
    assert "Beta" not in page


# --- Coverage --------------------------------------------------------------------------------


def test_coverage_takes_the_best_class_of_the_current_certifications(
    world, crosswalk, make_mapping
):
    make_mapping("B-1.1", "equal", "1.1")  # alpha covers B-1.1 fully
    make_mapping("B-1.2", "intersects_with", "1.2")  # and B-1.2 partly
    make_mapping(
        "Art. 1", "superset_of", "B-1.2", mapping_set=crosswalk.to_beta
    )  # beta: B-1.2 subset_of Art. 1, fully
    certify(world.own, crosswalk.alpha)
    certify(world.own, crosswalk.beta)
    coverage = organisation_coverage(user=world.users[Role.SECRETARIAT], organisation=world.own)
    by_ref = {standing.requirement.ref: standing for standing in coverage.requirements}
    assert by_ref["B-1.1"].coverage == CoverageClass.FULLY_COVERED
    assert by_ref["B-1.2"].coverage == CoverageClass.FULLY_COVERED
    assert [v.standard.code for v in by_ref["B-1.2"].versions] == ["beta"]
    assert by_ref["B-2.1"].coverage == CoverageClass.UNMAPPED
    assert coverage.counts == {
        "fully_covered": 2,
        "partly_covered": 0,
        "not_covered": 0,
        "unmapped": 3,
    }


def test_expired_suspended_and_unseen_certifications_give_no_coverage(
    world, crosswalk, make_mapping
):
    make_mapping("B-1.1", "equal", "1.1")
    certify(world.own, crosswalk.alpha, valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1))
    certify(world.own, crosswalk.beta, status=CertificationStatus.SUSPENDED)
    secretariat = world.users[Role.SECRETARIAT]
    assert organisation_coverage(user=secretariat, organisation=world.own).versions == []
    page = world.client_for(Role.ANONYMOUS).get(world.own.get_absolute_url()).content.decode()
    assert "Expired" in page
    assert "Suspended" in page
    assert "Coverage of the alliance baseline" not in page
    hidden = certify(world.other, crosswalk.alpha, disclosure=DisclosureLevel.MEMBERS)
    anonymous = organisation_coverage(user=world.users[Role.ANONYMOUS], organisation=world.other)
    assert anonymous.versions == []
    assert anonymous.counts["fully_covered"] == 0
    member = organisation_coverage(user=world.users[Role.MEMBER], organisation=world.other)
    assert member.versions == [hidden.version]
    assert member.counts["fully_covered"] == 1


def test_the_coverage_api_matches_the_profile(world, crosswalk, make_mapping):
    make_mapping("B-1.1", "equal", "1.1")
    make_mapping("B-1.3", "intersects_with", "1.2")
    certify(world.own, crosswalk.alpha)
    api = api_for(world, Role.ANONYMOUS).get(
        f"/api/v1/organisations/{world.own.slug}/baseline-coverage/"
    )
    data = api.json()
    assert data["recognised_under"] == ["alpha 2.0"]
    assert data["counts"] == {
        "fully_covered": 1,
        "partly_covered": 1,
        "not_covered": 0,
        "unmapped": 3,
    }
    page = world.client_for(Role.ANONYMOUS).get(world.own.get_absolute_url()).content.decode()
    assert "Fully covered: 1 of 5 requirements (20.0 %)" in page
    assert "Partly covered: 1 of 5 requirements (20.0 %)" in page


def test_profiles_say_recognised_under_never_compliant(world, crosswalk):
    certify(world.own, crosswalk.alpha)
    page = world.client_for(Role.ANONYMOUS).get(world.own.get_absolute_url()).content.decode()
    assert "recognised under" in page
    assert "is compliant" not in page.lower()
    assert "compliant with" not in page.lower()


# --- Query budgets ---------------------------------------------------------------------------


def test_the_list_page_and_the_api_read_in_a_fixed_number_of_queries(
    world, crosswalk, django_assert_max_num_queries
):
    for index in range(12):
        certify(world.own if index % 2 else world.other, crosswalk.alpha, sites=f"Site {index}")
    client, api = world.client_for(Role.MEMBER), api_for(world, Role.MEMBER)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("standards:certification-list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/certifications/").status_code == 200


def test_the_certification_form_says_what_is_shared_with_whom(world, crosswalk):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:certification-create", args=[world.own.slug])
    page = client.get(url).content.decode()
    assert "What you share, and with whom" in page
    assert "1 certification</strong> at level “Public”: read by anyone" in page
    assert "future commercial plans" in page
    bad = client.post(url, form_data(crosswalk.alpha, disclosure="secretariat", valid_from=""))
    assert "1 certification</strong> at level “Secretariat”" in bad.content.decode()
