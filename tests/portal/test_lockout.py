"""Brute-force protection (issue 14, defect 2): django-axes locks a username + IP address out
after 5 failures for 15 minutes on every sign-in, and scoped throttles answer 429 with
Retry-After."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.models import LoginLockout, User
from tests.conftest import PASSWORD

WRONG = "not-the-password-at-all"


def _fail_five_times(post) -> None:
    """Four refusals, then the fifth failure is answered with the lockout itself."""
    for _ in range(4):
        assert post(WRONG).status_code in {200, 400}
    assert post(WRONG).status_code == 429


@pytest.mark.django_db
def test_the_login_page_locks_out_after_five_failures(client: Client, make_user) -> None:
    make_user(email="target@example.org")
    _fail_five_times(
        lambda password: client.post(
            "/accounts/login/", {"username": "Target@Example.org", "password": password}
        )
    )
    response = client.post(
        "/accounts/login/", {"username": "target@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "15 minutes" in html
    assert "Reset it by email" in html
    assert "_auth_user_id" not in client.session
    # Another address is not locked out for that account.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        other.post(
            "/accounts/login/", {"username": "target@example.org", "password": PASSWORD}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_the_admin_login_locks_out_after_five_failures(client: Client) -> None:
    User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    _fail_five_times(
        lambda password: client.post(
            "/admin/login/", {"username": "root@example.org", "password": password}
        )
    )
    response = client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not signed in


@pytest.mark.django_db
def test_the_token_endpoint_locks_out_after_five_failures(make_user) -> None:
    make_user(email="api@example.org")
    api = APIClient()

    def post(password: str):
        return api.post(
            "/api/v1/auth/token/",
            {"username": "api@example.org", "password": password},
            format="json",
        )

    _fail_five_times(post)
    response = post(PASSWORD)
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "Wait 15 minutes" in response.json()["detail"]
    assert response["Retry-After"] == "900"


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off_or_when_the_secretariat_unlocks(
    client: Client, make_user
) -> None:
    make_user(email="target@example.org")

    def login(password: str):
        return client.post(
            "/accounts/login/", {"username": "target@example.org", "password": password}
        )

    _fail_five_times(login)
    assert login(PASSWORD).status_code == 429
    LoginLockout.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(PASSWORD).status_code == 302

    client.post("/accounts/logout/")
    _fail_five_times(login)
    assert login(PASSWORD).status_code == 429
    root = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    admin = Client(REMOTE_ADDR="10.0.0.8")
    admin.force_login(root)
    listing = admin.get("/admin/alliance_portal/loginlockout/")
    assert "target@example.org" in listing.content.decode()
    lockout = LoginLockout.objects.get(username="target@example.org")
    response = admin.post(
        "/admin/alliance_portal/loginlockout/",
        {"action": "unlock", "_selected_action": [lockout.pk]},
    )
    assert response.status_code == 302
    assert login(PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_token_endpoint_is_throttled_with_retry_after(make_user) -> None:
    api = APIClient()
    answers = [
        api.post(
            "/api/v1/auth/token/",
            {"username": f"nobody{n}@example.org", "password": WRONG},
            format="json",
        )
        for n in range(11)
    ]
    assert [a.status_code for a in answers[:10]] == [400] * 10
    assert answers[10].status_code == 429
    assert 0 < int(answers[10]["Retry-After"]) <= 60


@pytest.mark.django_db
def test_signup_and_password_reset_forms_are_throttled(client: Client) -> None:
    for n in range(5):
        client.post("/accounts/password_reset/", {"email": f"someone{n}@example.org"})
    response = client.post("/accounts/password_reset/", {"email": "someone@example.org"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait" in response.content.decode()

    for n in range(5):
        client.post("/accounts/signup/", {"email": f"x{n}@example.org"})
    response = client.post("/accounts/signup/", {"email": "x@example.org"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert client.get("/accounts/signup/").status_code == 200  # reading the form is not limited
