"""An organisation's access log (issue 20, item 1): its own people see who at the secretariat
read its confidential material, when and why, on the page, in CSV and in the API; nobody else
does. The secretariat reads the whole log, filtered."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance_portal.models import AccessLogEntry
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role

REASON = {"HTTP_X_ACCESS_REASON": "other", "HTTP_X_ACCESS_REASON_DETAIL": "Spot check"}


def _certification(world, organisation, level: str, sites: str):
    from standards import services
    from standards.models import Standard, StandardKind, StandardVersion

    standard, _ = Standard.objects.get_or_create(
        code="log-standard",
        defaults={
            "title": "A standard",
            "short_name": "LOG",
            "issuing_body": "A certifier",
            "kind": StandardKind.CERTIFICATION_STANDARD,
        },
    )
    version, _ = StandardVersion.objects.get_or_create(
        standard=standard, label="1.0", defaults={"status": "current"}
    )
    return services.certification_record(
        actor=SYSTEM,
        organisation=organisation,
        fields=services.CertificationFields(
            version=version, valid_from=date(2026, 1, 1), disclosure=level, sites=sites
        ),
    )


def _read_as_secretariat(world, **headers) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    assert staff.get("/api/v1/certifications/?page_size=200", **headers).status_code == 200


def test_the_owning_organisation_sees_who_read_its_confidential_item_and_why(world) -> None:
    _certification(world, world.own, "secretariat", "Own secret site")
    _certification(world, world.other, "secretariat", "Other secret site")
    _certification(world, world.own, "public", "Own public site")
    _read_as_secretariat(world)
    rows = AccessLogEntry.objects.order_by("owner_organisation_id")
    assert {(row.owner_organisation_id, row.reason) for row in rows} == {
        (world.own.pk, "review"),
        (world.other.pk, "review"),
    }
    member = world.client_for(Role.MEMBER)
    page = member.get(f"/members/{world.own.slug}/access-log/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Review" in text
    assert world.users[Role.SECRETARIAT].email not in text  # a name, never an email
    api = member.get(f"/api/v1/organisations/{world.own.slug}/access-log/").json()
    assert api["count"] == 1
    assert api["results"][0]["reason"] == "review"
    assert api["results"][0]["why"] == "Review"
    # B's read is not A's to see.
    assert api["results"][0]["item"] == str(
        AccessLogEntry.objects.get(owner_organisation_id=world.own.pk).object_repr
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.MEMBER, 403),
        (Role.ORGANISATION_REPRESENTATIVE, 403),
        (Role.CIVIL_SOCIETY_REVIEWER, 403),
        (Role.EXTERNAL_STAKEHOLDER, 403),
    ],
)
def test_nobody_reads_another_organisations_log(world, role, status) -> None:
    _certification(world, world.other, "secretariat", "Other secret site")
    _read_as_secretariat(world)
    item = AccessLogEntry.objects.get().object_repr
    client = world.client_for(role)
    for url in (
        f"/members/{world.other.slug}/access-log/",
        f"/members/{world.other.slug}/access-log.csv",
        f"/api/v1/organisations/{world.other.slug}/access-log/",
    ):
        answer = client.get(url)
        assert answer.status_code == status, url
        assert item not in answer.content.decode()


def test_anonymous_visitors_sign_in_and_an_applicant_is_a_404_to_members(world) -> None:
    from django.test import Client

    anonymous = Client().get(f"/members/{world.own.slug}/access-log/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    member = world.client_for(Role.MEMBER)
    assert member.get(f"/members/{world.applicant.slug}/access-log/").status_code == 404


def test_the_csv_export_and_the_filters(world) -> None:
    _certification(world, world.own, "secretariat", "Own secret site")
    _read_as_secretariat(world)
    _read_as_secretariat(world, **REASON)
    member = world.client_for(Role.MEMBER)
    export = member.get(f"/members/{world.own.slug}/access-log.csv")
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith("attachment;")
    table = list(csv.reader(io.StringIO(export.content.decode())))
    assert table[0] == ["read_at_utc", "reader", "item_type", "item", "reason", "reason_detail"]
    assert sorted(row[4] for row in table[1:]) == ["other", "review"]
    assert [row[5] for row in table[1:] if row[4] == "other"] == ["Spot check"]
    only_other = member.get(f"/api/v1/organisations/{world.own.slug}/access-log/?reason=other")
    assert only_other.json()["count"] == 1
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    later = member.get(f"/members/{world.own.slug}/access-log/?on_or_after={tomorrow}")
    assert b"No read matches these filters." in later.content
    wrong = member.get(f"/api/v1/organisations/{world.own.slug}/access-log/?reason=curiosity")
    assert wrong.status_code == 400
    assert "reason" in wrong.json()


def test_the_page_costs_the_same_queries_for_any_number_of_rows(world) -> None:
    _certification(world, world.own, "secretariat", "Site 1")
    _read_as_secretariat(world)
    member = world.client_for(Role.MEMBER)
    url = f"/members/{world.own.slug}/access-log/"
    member.get(url)
    with CaptureQueriesContext(connection) as few:
        assert member.get(url).status_code == 200
    for number in range(2, 22):
        _certification(world, world.own, "secretariat", f"Site {number}")
    _read_as_secretariat(world)
    with CaptureQueriesContext(connection) as many:
        member.get(url)
    assert AccessLogEntry.objects.count() == 22
    assert len(many) == len(few)


def test_the_secretariat_reads_the_whole_log_filtered(world) -> None:
    _certification(world, world.own, "secretariat", "Own secret site")
    _certification(world, world.other, "secretariat", "Other secret site")
    _read_as_secretariat(world)
    _read_as_secretariat(world, **REASON)
    staff = world.client_for(Role.SECRETARIAT)
    whole = staff.get("/secretariat/access-log/")
    assert whole.status_code == 200
    assert whole.content.decode().count("<tr>") == 1 + 4
    by_org = staff.get(f"/secretariat/access-log/?organisation={world.other.slug}")
    assert by_org.content.decode().count("<tr>") == 1 + 2
    by_reason = staff.get("/secretariat/access-log/?reason=other")
    assert by_reason.content.decode().count("<tr>") == 1 + 2
    by_person = staff.get(f"/secretariat/access-log/?person={world.users[Role.SUPERUSER].pk}")
    assert b"No read matches these filters." in by_person.content
    by_type = staff.get("/secretariat/access-log/?item_type=standards.certification")
    assert by_type.content.decode().count("<tr>") == 1 + 4
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER):
        assert world.client_for(role).get("/secretariat/access-log/").status_code == 403
    with CaptureQueriesContext(connection) as queries:
        staff.get("/secretariat/access-log/")
    assert len(queries) <= 12
