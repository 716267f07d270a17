"""A secretariat read of a confidential RS report answer (issue 20, item 1): the access log
gets a row with the reason, filed under the reporting organisation, whose people see it and
no other organisation's do."""

from __future__ import annotations

from django.test import Client

from alliance_portal.models import AccessLogEntry
from alliance_portal.roles import Role
from standards.models import Answer
from tests.standards.test_reports import mixed_report, open_cycle, other_representative

REASON = {"HTTP_X_ACCESS_REASON": "verification"}


def test_a_secretariat_read_of_a_confidential_answer_is_logged_for_its_owner_only(
    world, crosswalk
) -> None:
    cycle = open_cycle()
    b_rep = other_representative(world)
    report = mixed_report(world, crosswalk, cycle, world.other, b_rep)
    secret = Answer.objects.filter(version__report=report, disclosure="secretariat")
    assert secret.count() == 2
    staff = world.client_for(Role.SECRETARIAT)
    staff.post("/accounts/read-reason/", {"reason": "verification", "next": "/"})
    assert staff.get(f"/standards/reporting/reports/{report.pk}/").status_code == 200
    rows = AccessLogEntry.objects.all()
    assert {row.object_id for row in rows} == {str(answer.pk) for answer in secret}
    assert {(row.owner_organisation_id, row.reason) for row in rows} == {
        (world.other.pk, "verification")
    }
    # The API logs the same way, with the header's reason.
    api = world.client_for(Role.SECRETARIAT)
    assert api.get(f"/api/v1/rs-reports/{report.pk}/", **REASON).status_code == 200
    assert AccessLogEntry.objects.filter(reason="verification").count() == 4
    # B's people see the four reads; A's people see nothing of them, anywhere.
    b_person = Client()
    b_person.force_login(b_rep)
    assert (
        b_person.get(f"/api/v1/organisations/{world.other.slug}/access-log/").json()["count"] == 4
    )
    page = b_person.get(f"/members/{world.other.slug}/access-log/").content.decode()
    assert page.count("<td>Verification</td>") == 4
    assert b_person.get(f"/standards/reporting/reports/{report.pk}/").status_code == 200
    member_of_a = world.client_for(Role.MEMBER)
    assert (
        member_of_a.get(f"/api/v1/organisations/{world.own.slug}/access-log/").json()["count"] == 0
    )
    assert (
        member_of_a.get(f"/api/v1/organisations/{world.other.slug}/access-log/").status_code == 403
    )
    # Public answers leave no row; neither do B's own people reading their own report.
    assert AccessLogEntry.objects.count() == 4
