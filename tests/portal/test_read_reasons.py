"""Staff say why before their first read of confidential material in a session (issue 20,
item 1): a page interrupts the read and comes back to it, the API takes a header, the admin's
change pages ask too; the access-log row carries the reason. The log is append-only in the
database: UPDATE, DELETE and TRUNCATE are each refused."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from rest_framework.test import APIClient

from alliance_portal.models import AccessLogEntry
from alliance_portal.read_reasons import SESSION_KEY
from alliance_portal.roles import Role

pytestmark = pytest.mark.no_read_reason


def _staff(world, role: Role = Role.SECRETARIAT) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.SUPERUSER])
def test_a_page_asks_why_then_comes_back_to_the_read(world, role) -> None:
    staff = _staff(world, role)
    url = world.applicant.get_absolute_url()
    asked = staff.get(url)
    assert asked.status_code == 302
    assert asked["Location"].startswith("/accounts/read-reason/?next=")
    assert not AccessLogEntry.objects.exists()  # nothing read, nothing logged
    page = staff.get(asked["Location"])
    assert page.status_code == 200
    assert b"Why are you reading confidential material?" in page.content
    back = staff.post("/accounts/read-reason/", {"reason": "verification", "next": url})
    assert back.status_code == 302
    assert back["Location"] == url
    assert staff.get(url).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.reason, entry.reason_detail) == ("verification", "")
    assert entry.owner_organisation_id == world.applicant.pk
    # Kept for the session: the next read asks nothing.
    assert staff.get(url).status_code == 200
    assert list(AccessLogEntry.objects.values_list("reason", flat=True)) == ["verification"] * 2


def test_other_needs_words_and_nothing_is_kept_without_them(world) -> None:
    staff = _staff(world)
    url = world.applicant.get_absolute_url()
    refused = staff.post("/accounts/read-reason/", {"reason": "other", "next": url})
    assert refused.status_code == 200
    assert b"Say in a few words why you read it" in refused.content
    assert SESSION_KEY not in staff.session
    staff.post(
        "/accounts/read-reason/", {"reason": "other", "detail": "Audit by counsel", "next": url}
    )
    staff.get(url)
    entry = AccessLogEntry.objects.get()
    assert (entry.reason, entry.reason_detail) == ("other", "Audit by counsel")


def test_the_reason_page_never_sends_elsewhere(world) -> None:
    staff = _staff(world)
    answer = staff.post(
        "/accounts/read-reason/", {"reason": "review", "next": "https://evil.example/"}
    )
    assert answer["Location"] == "/"


def test_a_new_session_asks_again(world) -> None:
    staff = _staff(world)
    staff.post("/accounts/read-reason/", {"reason": "legal", "next": "/"})
    staff.logout()
    staff.force_login(world.users[Role.SECRETARIAT])
    assert staff.get(world.applicant.get_absolute_url()).status_code == 302


def test_only_staff_give_reasons_and_members_are_never_asked(world) -> None:
    assert Client().get("/accounts/read-reason/").status_code == 302  # sign in first
    member = Client()
    member.force_login(world.users[Role.MEMBER])
    assert member.get("/accounts/read-reason/").status_code == 403
    # A member reading public material is never asked.
    assert member.get(world.other.get_absolute_url()).status_code == 200


def test_the_admin_change_page_of_a_confidential_row_asks_in_place(world) -> None:
    staff = _staff(world)
    url = f"/admin/members/organisation/{world.applicant.pk}/change/"
    asked = staff.get(url)
    assert asked.status_code == 200
    assert b"Why are you reading confidential material?" in asked.content
    assert b"Applicant Organisation" not in asked.content
    assert not AccessLogEntry.objects.exists()
    staff.post("/accounts/read-reason/", {"reason": "member_request", "next": url})
    shown = staff.get(url)
    assert b"Applicant Organisation" in shown.content
    assert AccessLogEntry.objects.get().reason == "member_request"


def test_the_api_takes_the_reason_in_a_header(world) -> None:
    api = APIClient()
    api.force_authenticate(world.users[Role.SECRETARIAT])
    url = f"/api/v1/organisations/{world.applicant.slug}/"
    refused = api.get(url)
    assert refused.status_code == 403
    assert refused.json()["code"] == "access_reason_required"
    assert "X-Access-Reason" in refused.json()["detail"]
    assert not AccessLogEntry.objects.exists()
    wrong = api.get(url, HTTP_X_ACCESS_REASON="curiosity")
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "invalid_access_reason"
    vague = api.get(url, HTTP_X_ACCESS_REASON="other")
    assert vague.status_code == 400
    given = api.get(
        url, HTTP_X_ACCESS_REASON="other", HTTP_X_ACCESS_REASON_DETAIL="Court order 12/2026"
    )
    assert given.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.reason, entry.reason_detail) == ("other", "Court order 12/2026")


def test_a_browser_api_call_uses_the_sessions_reason(world) -> None:
    staff = _staff(world)
    staff.post("/accounts/read-reason/", {"reason": "review", "next": "/"})
    assert staff.get(f"/api/v1/organisations/{world.applicant.slug}/").status_code == 200
    assert AccessLogEntry.objects.get().reason == "review"


def test_lists_without_confidential_rows_ask_nothing(world) -> None:
    staff = _staff(world)
    assert staff.get(world.other.get_absolute_url()).status_code == 200
    assert staff.get("/api/v1/organisations/?status=active").status_code == 200


# --- Append-only, in the database ------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {table} SET reason = 'legal'",
        "DELETE FROM {table}",
        "TRUNCATE {table}",
    ],
    ids=["update", "delete", "truncate"],
)
def test_the_database_refuses_to_change_the_access_log(world, statement: str) -> None:
    staff = _staff(world)
    staff.post("/accounts/read-reason/", {"reason": "review", "next": "/"})
    staff.get(world.applicant.get_absolute_url())
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        # The test's transaction still holds the row's deferred foreign-key checks, which
        # PostgreSQL would name instead ("pending trigger events"): run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table))
    entry = AccessLogEntry.objects.get()
    assert entry.reason == "review"
