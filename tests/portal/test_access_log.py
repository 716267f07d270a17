"""Reads of confidential (secretariat-level) material leave a row in the access log."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliance_portal.models import AccessLogEntry, User
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.consultations import services as consultation_services
from governance.consultations.models import Comment
from governance.proposals.models import ProposalStatus
from members import services
from members.models import MembershipApplication, MembershipStatus, Organisation
from tests.conftest import create_user
from tests.governance.factories import make_proposal, member_comment


def test_staff_reading_secretariat_level_material_is_logged(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    assert staff.get(world.applicant.get_absolute_url()).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.user == world.users[Role.SECRETARIAT]
    assert entry.object_repr == "Applicant Organisation"
    assert entry.path == world.applicant.get_absolute_url()
    # Reading public material leaves nothing.
    staff.get(world.other.get_absolute_url())
    world.client_for(Role.MEMBER).get(world.other.get_absolute_url())
    assert AccessLogEntry.objects.count() == 1


def test_the_access_log_cannot_be_edited(world) -> None:
    world.client_for(Role.SECRETARIAT).get(world.applicant.get_absolute_url())
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.update(object_repr="nothing to see")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().object_repr == "Applicant Organisation"


# --- Lists, the API and the admin: one row per confidential object shown (issue 14, defect 8) ---


def _applications(chamber, count: int, start: int = 0) -> list[MembershipApplication]:
    return MembershipApplication.objects.bulk_create(
        MembershipApplication(
            organisation_name=f"Applicant {number:02}",
            chamber=chamber,
            kind="company",
            headquarters_country="FI",
            value_chain_stages=["processing"],
            sectors=["minerals_metals"],
            materials=["nickel"],
            description="We make cathodes.",
            motivation="Our buyers ask.",
            representative_name="Aino Rep",
            representative_email=f"rep{number}@applicant.example",
            representative_position="Manager",
            commitment_signatory_name="Mika Boss",
            commitment_signatory_position="CEO",
            commitment_signed_on=date(2026, 11, 1),
            commitment_letter="commitments/letter.pdf",
        )
        for number in range(start, start + count)
    )


def _logged(model) -> list[str]:
    return sorted(
        AccessLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", flat=True)
    )


def test_the_applications_list_logs_each_application_of_the_page_shown(world) -> None:
    applications = _applications(world.own.chamber, 30)
    staff = world.client_for(Role.SECRETARIAT)
    first = staff.get("/members/applications/")
    assert first.status_code == 200
    assert AccessLogEntry.objects.count() == 25  # the first page, one row per application
    assert set(AccessLogEntry.objects.values_list("path", flat=True)) == {"/members/applications/"}
    assert AccessLogEntry.objects.filter(user=world.users[Role.SECRETARIAT]).count() == 25
    staff.get("/members/applications/?page=2")
    assert _logged(MembershipApplication) == sorted(
        [str(application.pk) for application in applications[:25]]
        + [str(application.pk) for application in applications[25:]]
    )
    assert AccessLogEntry.objects.count() == 30


def test_the_applications_list_costs_the_same_queries_for_any_number_of_rows(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    _applications(world.own.chamber, 2)
    staff.get("/members/applications/")  # warm the caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        staff.get("/members/applications/")
    _applications(world.own.chamber, 20, start=2)
    with CaptureQueriesContext(connection) as many:
        staff.get("/members/applications/")
    assert len(many) == len(few)
    inserts = [query for query in many if "INSERT INTO" in query["sql"]]
    assert len(inserts) == 1  # one insert for the 22 rows shown


def test_the_admin_logs_its_lists_and_change_pages_of_confidential_rows(world) -> None:
    applications = _applications(world.own.chamber, 3)
    staff = world.client_for(Role.SECRETARIAT)
    assert staff.get("/admin/members/membershipapplication/").status_code == 200
    assert AccessLogEntry.objects.count() == 3
    change = staff.get(f"/admin/members/membershipapplication/{applications[0].pk}/change/")
    assert change.status_code == 200
    assert AccessLogEntry.objects.count() == 4
    # Organisations: only the applicant is secretariat-level; the members' rows are public.
    assert staff.get("/admin/members/organisation/").status_code == 200
    assert _logged(Organisation) == [str(world.applicant.pk)]
    staff.get(f"/admin/members/organisation/{world.other.pk}/change/")
    assert _logged(Organisation) == [str(world.applicant.pk)]
    staff.get(f"/admin/members/organisation/{world.applicant.pk}/change/")
    assert _logged(Organisation) == [str(world.applicant.pk)] * 2


def test_api_lists_log_the_secretariat_level_rows_they_include(world, make_organisation) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    applicants = staff.get("/api/v1/organisations/?status=applicant")
    assert [row["slug"] for row in applicants.json()["results"]] == [world.applicant.slug]
    assert _logged(Organisation) == [str(world.applicant.pk)]
    # The whole list: still one row, for the applicant; the members' rows are public.
    staff.get("/api/v1/organisations/")
    assert _logged(Organisation) == [str(world.applicant.pk)] * 2
    # A member sees no applicant, and leaves no row.
    world.client_for(Role.MEMBER).get("/api/v1/organisations/")
    assert AccessLogEntry.objects.count() == 2
    # A paginated list logs the page shown only, with the same queries for more rows.
    for number in range(6):
        make_organisation(f"Applicant {number}", membership_status=MembershipStatus.APPLICANT)
    before = AccessLogEntry.objects.count()
    staff.get("/api/v1/organisations/?status=applicant&page_size=3")
    assert AccessLogEntry.objects.count() == before + 3
    with CaptureQueriesContext(connection) as few:
        staff.get("/api/v1/organisations/?status=applicant&page_size=2")
    with CaptureQueriesContext(connection) as many:
        staff.get("/api/v1/organisations/?status=applicant&page_size=7")
    assert len(many) == len(few)


def test_held_and_rejected_comments_in_the_api_are_logged_shown_ones_are_not(world) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION, public_consultation=True)
    member_comment(proposal, world.own, "Shown at once.")
    external = world.users[Role.EXTERNAL_STAKEHOLDER]
    held = consultation_services.comment_post(actor=external, proposal=proposal, text="Held.")
    rejected = consultation_services.comment_post(actor=external, proposal=proposal, text="No.")
    consultation_services.comment_moderate(
        actor=SYSTEM, comment=rejected, decision="reject", reason="Advertising."
    )
    url = f"/api/v1/proposals/{proposal.pk}/comments/"
    shown = world.client_for(Role.SECRETARIAT).get(url).json()["results"]
    assert len(shown) == 3
    assert _logged(Comment) == sorted([str(held.pk), str(rejected.pk)])
    assert {entry.object_repr for entry in AccessLogEntry.objects.all()} == {
        f"Comment {held.pk} (held for moderation)",
        f"Comment {rejected.pk} (rejected in moderation)",
    }
    # Everyone else sees the shown comment only: no row.
    for role in (Role.ANONYMOUS, Role.MEMBER, Role.CIVIL_SOCIETY_REVIEWER):
        world.client_for(role).get(url)
    assert AccessLogEntry.objects.count() == 2
    # The proposal page shows the secretariat the same two.
    world.client_for(Role.SECRETARIAT).get(proposal.get_absolute_url())
    assert AccessLogEntry.objects.count() == 4


def test_people_reading_their_own_applicant_organisation_leave_no_row(world) -> None:
    services.person_add(
        actor=SYSTEM, organisation=world.applicant, user=create_user("founder@applicant.example")
    )
    founder = Client()
    founder.force_login(User.objects.get(email="founder@applicant.example"))
    assert founder.get(world.applicant.get_absolute_url()).status_code == 200
    assert founder.get(f"/api/v1/organisations/{world.applicant.slug}/").status_code == 200
    assert not AccessLogEntry.objects.exists()
