"""API tokens expire, die with a password change or a deactivation, and their owner lists and
revokes them (issue 14, defect 3)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.models import ApiToken, ApiTokenRevocation, User
from tests.conftest import PASSWORD

NEW_PASSWORD = "another-long-unusual-passphrase"


def _obtain(email: str = "api@example.org", password: str = PASSWORD) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": email, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _me(key: str) -> int:
    """200 when the key works; 401 when it is refused (DRF answers 403 when the session
    authentication comes first: the same refusal)."""
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    status = api.get("/api/v1/me/").status_code
    return 401 if status == 403 else status


@pytest.fixture
def api_user(make_user) -> User:
    return make_user(email="api@example.org")


@pytest.mark.django_db
def test_a_token_expires_after_the_configured_lifetime(api_user, settings) -> None:
    settings.API_TOKEN_LIFETIME = timedelta(days=30)
    before = timezone.now()
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": api_user.email, "password": PASSWORD}, format="json"
    )
    key = response.json()["token"]
    token = ApiToken.objects.get()
    assert before + timedelta(days=30) <= token.expires_at <= timezone.now() + timedelta(days=30)
    assert response.json()["expires_at"]
    assert key not in {token.digest, token.prefix}  # only a digest of the key is kept
    assert _me(key) == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _me(key) == 401


@pytest.mark.django_db
def test_changing_the_password_revokes_every_token(client: Client, api_user) -> None:
    first, second = _obtain(), _obtain()
    assert _me(first) == _me(second) == 200
    client.force_login(api_user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _me(first) == _me(second) == 401
    assert set(ApiToken.objects.values_list("revoked_reason", flat=True)) == {
        ApiTokenRevocation.PASSWORD_CHANGED
    }
    assert _me(_obtain(password=NEW_PASSWORD)) == 200


@pytest.mark.django_db
def test_a_password_reset_revokes_every_token(client: Client, api_user) -> None:
    key = _obtain()
    client.post("/accounts/password_reset/", {"email": api_user.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert _me(key) == 401
    assert ApiToken.objects.get().revoked_at is not None


@pytest.mark.django_db
def test_a_password_set_any_other_way_kills_the_token_too(api_user) -> None:
    key = _obtain()
    api_user.set_password(NEW_PASSWORD)
    api_user.save()
    assert _me(key) == 401


@pytest.mark.django_db
def test_deactivating_the_account_in_the_admin_revokes_its_tokens(
    api_user, make_user, django_capture_on_commit_callbacks
) -> None:
    key = _obtain()
    root = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    admin = Client()
    admin.force_login(root)
    page = admin.get(f"/admin/alliance_portal/user/{api_user.pk}/change/")
    assert page.status_code == 200
    assert "API tokens" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            f"/admin/alliance_portal/user/{api_user.pk}/change/",
            {
                "email": api_user.email,
                "display_name": "",
                "first_name": "",
                "last_name": "",
                "is_active": "",
                "api_tokens-TOTAL_FORMS": "1",
                "api_tokens-INITIAL_FORMS": "1",
                "api_tokens-MIN_NUM_FORMS": "0",
                "api_tokens-MAX_NUM_FORMS": "1000",
                "_save": "Save",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    token = ApiToken.objects.get()
    assert token.revoked_reason == ApiTokenRevocation.DEACTIVATED
    api_user.is_active = True
    api_user.save()
    assert _me(key) == 401  # reactivating the account does not bring the token back


@pytest.mark.django_db
def test_the_tokens_page_lists_in_words_and_revokes_your_own(
    client: Client, api_user, make_user, django_assert_max_num_queries
) -> None:
    keys = [_obtain() for _ in range(3)]
    someone = make_user(email="someone@example.org")
    other_key = _obtain(email=someone.email)
    client.force_login(api_user)
    with django_assert_max_num_queries(6):
        page = client.get("/accounts/tokens/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("Active") == 3
    assert keys[0][:8] in html
    assert other_key[:8] not in html
    # No ISO timestamp (a random token prefix or CSRF token may well contain "T0").
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", html)
    assert "None" not in html
    assert timezone.now().strftime("%B") in html

    token = ApiToken.objects.get(prefix=keys[0][:8])
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    assert "Revoked (revoked by its owner)" in response.content.decode()
    assert _me(keys[0]) == 401
    assert _me(keys[1]) == 200

    theirs = ApiToken.objects.get(user=someone)
    assert client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert _me(other_key) == 200


@pytest.mark.django_db
def test_the_api_lists_and_revokes_your_own_tokens(
    api_user, make_user, django_assert_max_num_queries
) -> None:
    key, spare = _obtain(), _obtain()
    someone = make_user(email="someone@example.org")
    _obtain(email=someone.email)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with django_assert_max_num_queries(4):
        listing = api.get("/api/v1/auth/tokens/")
    assert listing.status_code == 200
    rows = listing.json()
    assert len(rows) == 2
    assert all(row["active"] for row in rows)
    assert all("token" not in row and "digest" not in row for row in rows)
    spare_id = ApiToken.objects.get(prefix=spare[:8]).pk
    assert api.delete(f"/api/v1/auth/tokens/{spare_id}/").status_code == 204
    assert _me(spare) == 401
    theirs = ApiToken.objects.get(user=someone).pk
    assert api.delete(f"/api/v1/auth/tokens/{theirs}/").status_code == 404
    assert ApiToken.objects.get(pk=theirs).revoked_at is None
