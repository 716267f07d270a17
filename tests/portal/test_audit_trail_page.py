"""The secretariat's audit trail (issue 20, item 1): who changed what, when, through which use
case, before and after; filtered by record, person, organisation, use case and date; paginated
by keyset, one event table a query, at the same number of queries on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance_portal.audit_trail import AuditFilters, audit_trail_page
from alliance_portal.roles import Role
from members import services
from members.models import Organisation

URL = "/secretariat/audit-trail/"


def _describe(world, count: int, actor) -> None:
    for number in range(count):
        organisation = Organisation.objects.get(pk=world.own.pk)
        services.organisation_update(
            actor=actor, organisation=organisation, changes={"description": f"Version {number}"}
        )


def test_a_change_shows_who_when_which_use_case_and_before_and_after(world) -> None:
    staff = world.users[Role.SECRETARIAT]
    _describe(world, 2, staff)
    page = world.client_for(Role.SECRETARIAT).get(
        f"{URL}?object_type=members.organisation&object_id={world.own.pk}"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "organisation update" in text
    assert staff.email in text
    assert "Version 0 → Version 1" in text
    assert "None" not in text.split("<main", 1)[-1]


def test_the_filters_narrow_to_one_person_use_case_organisation_and_day(world) -> None:
    staff, rep = world.users[Role.SECRETARIAT], world.users[Role.ORGANISATION_REPRESENTATIVE]
    _describe(world, 1, staff)
    _describe(world, 1, rep)
    base = AuditFilters(object_type="members.organisation", object_id=str(world.own.pk))
    everyone = audit_trail_page(filters=base).rows
    by_rep = audit_trail_page(
        filters=AuditFilters(object_type="members.organisation", user_id=rep.pk)
    ).rows
    assert len(by_rep) == 1
    assert rep.email in by_rep[0].who
    assert len(everyone) >= 2
    by_use_case = audit_trail_page(
        filters=AuditFilters(object_type="members.organisation", use_case="organisation_update")
    ).rows
    assert len(by_use_case) == 2
    of_other = audit_trail_page(
        filters=AuditFilters(
            object_type="members.organisation",
            use_case="organisation_update",
            organisation_id=world.other.pk,
        )
    ).rows
    assert of_other == []
    tomorrow = timezone.localdate() + timedelta(days=1)
    later = audit_trail_page(
        filters=AuditFilters(object_type="members.organisation", on_or_after=tomorrow)
    ).rows
    assert later == []
    # An organisation's people: records owned through organisation_id.
    of_own_people = audit_trail_page(
        filters=AuditFilters(object_type="members.person", organisation_id=world.own.pk)
    ).rows
    assert of_own_people
    assert all(row.object_label == "Person" for row in of_own_people)


def test_keyset_pages_cost_the_same_queries_and_never_repeat_a_row(world) -> None:
    _describe(world, 60, world.users[Role.SECRETARIAT])
    staff = world.client_for(Role.SECRETARIAT)
    query = f"object_type=members.organisation&object_id={world.own.pk}"
    staff.get(f"{URL}?{query}")
    first = audit_trail_page(
        filters=AuditFilters(object_type="members.organisation", object_id=str(world.own.pk))
    )
    assert len(first.rows) == 25
    assert first.next_before is not None
    second = audit_trail_page(
        filters=AuditFilters(object_type="members.organisation", object_id=str(world.own.pk)),
        before=first.next_before,
    )
    assert {row.event_id for row in first.rows}.isdisjoint(row.event_id for row in second.rows)
    assert max(row.event_id for row in second.rows) < min(row.event_id for row in first.rows)
    with CaptureQueriesContext(connection) as page_one:
        assert staff.get(f"{URL}?{query}").status_code == 200
    with CaptureQueriesContext(connection) as page_two:
        assert staff.get(f"{URL}?{query}&older_than={first.next_before}").status_code == 200
    assert len(page_two) == len(page_one)
    sql = " ".join(item["sql"] for item in page_two.captured_queries)
    assert "OFFSET" not in sql
    assert "UNION" not in sql


def test_the_page_reads_one_event_table_whatever_the_filters(world) -> None:
    _describe(world, 3, world.users[Role.SECRETARIAT])
    with CaptureQueriesContext(connection) as queries:
        audit_trail_page(
            filters=AuditFilters(
                object_type="members.organisation",
                user_id=world.users[Role.SECRETARIAT].pk,
                use_case="organisation_update",
            )
        )
    assert len(queries) == 3  # the events, the earlier snapshots, the people


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER]
)
def test_only_the_secretariat_reads_the_audit_trail(world, role) -> None:
    assert world.client_for(role).get(URL).status_code == 403


def test_a_bad_filter_says_what_to_change(world) -> None:
    page = world.client_for(Role.SECRETARIAT).get(f"{URL}?object_type=nothing.here")
    assert page.status_code == 200
    assert b"Choose the kind of record from the list" in page.content
