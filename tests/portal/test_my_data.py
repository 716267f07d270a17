"""The personal-data pages and API (issue 20, items 4 and 5): a person downloads their data and
asks for (or withdraws) erasure; the secretariat lists the requests and answers them; beat
reminds the secretariat of the requests coming due."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.erasure.models import ErasureRequest, ErasureStatus
from alliance_portal.erasure.services import erasure_remind_due, erasure_request
from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import SECRETARIAT_GROUP
from tests.conftest import create_user

pytestmark = pytest.mark.django_db


def _secretariat():
    staff = create_user("staff@example.org", is_staff=True, display_name="Sam Staff")
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    return staff


def test_the_page_offers_the_download_and_the_erasure(client) -> None:
    person = create_user("pat@example.org", display_name="Pat Person")
    client.force_login(person)
    html = client.get("/accounts/my-data/").content.decode()
    assert "Download my data (JSON)" in html
    assert "Ask for erasure" in html
    assert "What is kept, and why" in html
    assert "None" not in html
    answer = client.get("/accounts/my-data/export.json")
    assert answer["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(answer.content)
    assert data["account"]["email"] == "pat@example.org"
    assert "password" not in data["account"]


def test_asking_needs_the_box_ticked_then_the_answer_is_due_in_thirty_days(client) -> None:
    person = create_user("pat@example.org")
    client.force_login(person)
    html = client.post("/accounts/my-data/erasure/", {}, follow=True).content.decode()
    assert "Tick the box to confirm" in html
    assert not ErasureRequest.objects.exists()
    html = client.post("/accounts/my-data/erasure/", {"confirm": "yes"}, follow=True)
    waiting = ErasureRequest.objects.get()
    assert waiting.due_on == (waiting.requested_at + timedelta(days=30)).date()
    assert f"answers by {waiting.due_on:%d %B %Y}" in html.content.decode()
    client.post("/accounts/my-data/erasure/withdraw/")
    waiting.refresh_from_db()
    assert waiting.status == ErasureStatus.CANCELLED


def test_the_secretariat_lists_and_confirms(client, django_assert_max_num_queries) -> None:
    staff = _secretariat()
    for number in range(6):
        person = create_user(f"p{number}@example.org", display_name=f"Person {number}")
        erasure_request(actor=person, user=person)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        html = client.get("/accounts/erasure-requests/").content.decode()
    assert html.count("Confirm and erase") == 6
    first = ErasureRequest.objects.order_by("pk").first()
    client.post(f"/accounts/erasure-requests/{first.pk}/confirm/")
    first.refresh_from_db()
    assert first.status == ErasureStatus.ERASED
    assert first.user.erased_at is not None
    html = client.get("/accounts/erasure-requests/?status=erased").content.decode()
    assert f"Erased account {first.user_id}" in html
    assert "p0@example.org" not in html


def test_the_api_exports_asks_and_withdraws() -> None:
    person = create_user("pat@example.org")
    api = APIClient()
    api.force_authenticate(person)
    assert api.get("/api/v1/me/data/").json()["account"]["email"] == "pat@example.org"
    assert api.get("/api/v1/me/erasure-request/").status_code == 404
    asked = api.post("/api/v1/me/erasure-request/")
    assert asked.status_code == 201
    assert asked.json()["status"] == "pending"
    assert api.delete("/api/v1/me/erasure-request/").status_code == 204
    assert api.get("/api/v1/me/erasure-request/").json()["status"] == "cancelled"


def test_the_api_lets_the_secretariat_decline_with_a_reason() -> None:
    staff = _secretariat()
    person = create_user("pat@example.org")
    asked = erasure_request(actor=person, user=person)
    api = APIClient()
    api.force_authenticate(staff)
    assert api.get("/api/v1/erasure-requests/?status=pending").json()["count"] == 1
    url = f"/api/v1/erasure-requests/{asked.pk}/decline/"
    assert api.post(url, {}, format="json").status_code == 400
    answer = api.post(url, {"reason": "An open legal claim."}, format="json")
    assert answer.json()["status"] == "declined"


def test_beat_reminds_the_secretariat_once_a_day_of_requests_coming_due() -> None:
    staff = _secretariat()
    person = create_user("pat@example.org")
    asked = erasure_request(actor=person, user=person)
    assert erasure_remind_due(actor=SYSTEM) == 0  # due in 30 days: not yet
    ErasureRequest.objects.filter(pk=asked.pk).update(due_on=timezone.now().date())
    assert erasure_remind_due(actor=SYSTEM) == 1
    assert erasure_remind_due(actor=SYSTEM) == 0  # once a day
    reminder = OutboundEmail.objects.get(recipient=staff.email)
    assert "/accounts/erasure-requests/" in reminder.body


def test_the_demo_has_one_erasure_request_waiting(demo) -> None:
    waiting = ErasureRequest.objects.filter(status=ErasureStatus.PENDING)
    assert waiting.count() == 1
    assert waiting.get().user.email == "dana.departing@demo.alliance.example"
