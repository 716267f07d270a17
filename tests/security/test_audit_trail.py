"""Every request the access policy refuses and every sign-in, successful or not, leaves exactly
one row in the audit trail (``SecurityEvent``), even when the refusal rolled back the request's
transaction (issue 14: "denials counted = rows written")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from alliance_portal import policy
from alliance_portal.models import OutboundEmail, SecurityEvent, SecurityEventKind
from alliance_portal.roles import Role
from alliance_portal.urls import urlpatterns as portal_urlpatterns
from governance.consultations import services as consultation_services
from governance.proposals.models import ProposalStatus
from tests.conftest import PASSWORD
from tests.governance.factories import make_proposal
from tests.security.figures import record

pytestmark = pytest.mark.django_db

DENIED = SecurityEventKind.ACCESS_DENIED
SIGN_INS = (SecurityEventKind.SIGN_IN_SUCCEEDED, SecurityEventKind.SIGN_IN_FAILED)


@dataclass(frozen=True)
class Probe:
    method: str
    url: str
    data: dict[str, Any] | None = None


def _send(client: Client, probe: Probe) -> Any:
    if probe.method == "get":
        return client.get(probe.url)
    body = json.dumps(probe.data or {})
    return getattr(client, probe.method)(probe.url, body, content_type="application/json")


def _probes(world) -> list[Probe]:
    """Requests each role below the secretariat must be refused: staff pages, a confidential
    profile, another organisation's edit, API reads and writes (policy refusals, visibility
    404s and DRF's own permission checks)."""
    proposal = make_proposal(status=ProposalStatus.CONSULTATION, public_consultation=True)
    held = consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text="Held."
    )
    from tests.portal.test_access_log import _applications

    application = _applications(world.own.chamber, 1, start=90)[0]
    return [
        Probe("get", "/members/applications/"),
        Probe("get", f"/members/applications/{application.pk}/"),
        Probe("get", f"/members/applications/{application.pk}/letter/"),
        Probe("get", world.applicant.get_absolute_url()),
        Probe("get", f"/members/{world.other.slug}/edit/"),
        Probe("get", f"/api/v1/organisations/{world.applicant.slug}/"),
        Probe("patch", f"/api/v1/organisations/{world.other.slug}/", {"description": "Ours."}),
        Probe("post", f"/api/v1/comments/{held.pk}/moderation/", {"decision": "approve"}),
    ]


REFUSED_ROLES = (
    Role.ANONYMOUS,
    Role.EXTERNAL_STAKEHOLDER,
    Role.MEMBER,
    Role.ORGANISATION_REPRESENTATIVE,
    Role.CIVIL_SOCIETY_REVIEWER,
)


def _denial_rows() -> int:
    return SecurityEvent.objects.filter(kind=DENIED).count()


@pytest.mark.security
def test_every_denied_request_leaves_exactly_one_row(world) -> None:
    probes = _probes(world)
    cases = [(role, probe) for role in REFUSED_ROLES for probe in probes]
    # The secretariat may not administer groups and permissions (the superuser's).
    cases.append((Role.SECRETARIAT, Probe("get", "/admin/auth/group/")))
    clients = {role: world.client_for(role) for role in {role for role, _ in cases}}
    denials = rows = 0
    wrong: list[str] = []
    for role, probe in cases:
        before = _denial_rows()
        response = _send(clients[role], probe)
        signing_in = response.status_code == 302 and "/login/" in response.get("Location", "")
        assert response.status_code in {401, 403, 404} or signing_in, (role, probe, response)
        denials += 1
        written = _denial_rows() - before
        rows += written
        if written != 1:
            wrong.append(f"{role} {probe.method} {probe.url}: {written} rows")
    record("audit.denials", denials)
    record("audit.denial_rows", rows)
    assert not wrong, wrong
    assert rows == denials >= 30
    staff_page = SecurityEvent.objects.filter(kind=DENIED, path="/members/applications/")
    assert set(staff_page.values_list("action", flat=True)) == {"application.review"}
    # The row says who, where and what.
    member = SecurityEvent.objects.filter(
        kind=DENIED, user=world.users[Role.MEMBER], path=world.applicant.get_absolute_url()
    ).get()
    assert member.method == "GET"
    assert member.action == "view members.Organisation"
    assert member.ip_address == "127.0.0.1"


def test_answers_that_are_not_refusals_leave_no_row(world) -> None:
    member = world.client_for(Role.MEMBER)
    before = _denial_rows()
    assert member.get("/members/no-such-organisation/").status_code == 404
    assert member.get("/api/v1/organisations/no-such-organisation/").status_code == 404
    assert member.get(world.other.get_absolute_url()).status_code == 200
    assert Client().get("/members/").status_code == 200
    assert _denial_rows() == before


def _refusing_use_case(request: HttpRequest) -> HttpResponse:
    # A use case that wrote a row, then was refused: its transaction rolls back.
    with transaction.atomic():
        OutboundEmail.objects.create(event_key="refused", recipient="a@b.example", subject="s")
        policy.require(request.user, "application.review")
    return HttpResponse("not reached")


urlpatterns = [path("refused/", _refusing_use_case), *portal_urlpatterns]


@pytest.mark.urls(__name__)
def test_a_denial_that_rolls_back_the_transaction_still_leaves_its_row(world) -> None:
    response = world.client_for(Role.MEMBER).get("/refused/")
    assert response.status_code == 403
    assert not OutboundEmail.objects.exists()  # the use case's own write was undone
    event = SecurityEvent.objects.get(kind=DENIED)
    assert (event.user, event.path, event.action) == (
        world.users[Role.MEMBER],
        "/refused/",
        "application.review",
    )


def _sign_in(endpoint: str, email: str, password: str) -> tuple[Any, bool]:
    """One sign-in attempt on a fresh client; True when it succeeded."""
    client = Client()
    if endpoint == "token":
        response = client.post(
            "/api/v1/auth/token/",
            {"username": email, "password": password},
            content_type="application/json",
        )
        return response, response.status_code == 200
    url = "/admin/login/" if endpoint == "admin" else "/accounts/login/"
    response = client.post(url, {"username": email, "password": password, "next": "/"})
    return response, response.status_code == 302


@pytest.mark.security
def test_every_sign_in_success_and_failure_leaves_exactly_one_row(world) -> None:
    staff = world.users[Role.SECRETARIAT].email
    member = world.users[Role.MEMBER].email
    attempts = [
        (endpoint, email, password, ok)
        for endpoint in ("page", "admin", "token")
        for email, password, ok in (
            (staff, PASSWORD, True),
            (member, "wrong password", False),
            ("nobody@example.org", PASSWORD, False),
        )
    ]
    logins = rows = 0
    for endpoint, email, password, ok in attempts:
        before = set(SecurityEvent.objects.filter(kind__in=SIGN_INS).values_list("pk", flat=True))
        response, succeeded = _sign_in(endpoint, email, password)
        assert succeeded == ok, (endpoint, email, response.status_code)
        logins += 1
        new = SecurityEvent.objects.filter(kind__in=SIGN_INS).exclude(pk__in=before)
        rows += new.count()
        event = new.get()
        expected = SecurityEventKind.SIGN_IN_SUCCEEDED if ok else SecurityEventKind.SIGN_IN_FAILED
        assert (event.kind, event.email, event.ip_address) == (expected, email, "127.0.0.1")
        assert event.user == (world.users[Role.SECRETARIAT] if ok else None)
    record("audit.logins", logins)
    record("audit.login_rows", rows)
    assert rows == logins == 9
    # No sign-in is recorded as a refused request too.
    assert not SecurityEvent.objects.filter(kind=DENIED).exists()


def test_a_lockout_is_recorded(world) -> None:
    email = world.users[Role.MEMBER].email
    for _ in range(5):
        _sign_in("token", email, "wrong password")
    response, _ = _sign_in("token", email, PASSWORD)
    assert response.status_code == 429
    locked = SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKED_OUT)
    assert locked.exists()
    assert set(locked.values_list("email", flat=True)) == {email}
    assert not SecurityEvent.objects.filter(
        kind=SecurityEventKind.SIGN_IN_SUCCEEDED, email=email, path="/api/v1/auth/token/"
    ).exists()


def test_the_audit_trail_cannot_be_edited(world) -> None:
    from django.db import IntegrityError

    _sign_in("page", "nobody@example.org", "wrong")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        SecurityEvent.objects.update(email="someone-else@example.org")
    assert SecurityEvent.objects.get(kind=SecurityEventKind.SIGN_IN_FAILED).email == (
        "nobody@example.org"
    )


def test_the_secretariat_reads_the_trail_in_the_admin_and_cannot_change_it(world) -> None:
    _sign_in("page", "nobody@example.org", "wrong")
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SIGN_IN_FAILED)
    staff = world.client_for(Role.SECRETARIAT)
    page = staff.get("/admin/alliance_portal/securityevent/?kind__exact=sign_in_failed")
    assert page.status_code == 200
    assert "nobody@example.org" in page.content.decode()
    assert "Sign-in failed" in page.content.decode()
    assert staff.get("/admin/alliance_portal/securityevent/add/").status_code == 403
    assert staff.get(f"/admin/alliance_portal/securityevent/{event.pk}/delete/").status_code == 403
