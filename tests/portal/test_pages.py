from __future__ import annotations

import pytest
import redis
from django.test import Client, override_settings
from django.urls import path

from alliance_portal import urls as portal_urls


@pytest.mark.django_db
def test_home_page_has_landmarks_skip_link_and_local_assets(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'lang="en"' in html
    assert "/static/css/portal.css" in html
    # Every asset comes from our own static files: no CDN.
    assert "https://" not in html.split("<body>")[0]


@pytest.mark.django_db
def test_home_page_sends_security_headers(client: Client) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_unknown_page_answers_our_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _boom(request):
    raise RuntimeError("deliberate failure")


urlpatterns = [*portal_urls.urlpatterns, path("boom/", _boom)]
handler500 = portal_urls.handler500


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_server_error_answers_our_500_page() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_broker_answer(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client: Client) -> None:
    # A port on which nothing listens: the broker check must fail, not hang.
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


def test_the_test_suite_talks_to_a_real_redis() -> None:
    from django.conf import settings

    from alliance_portal.settings.env import redis_py_url

    assert redis.Redis.from_url(redis_py_url(settings.CELERY_BROKER_URL)).ping() is True


@pytest.mark.django_db
def test_admin_login_page_renders(client: Client) -> None:
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Alliance Portal administration" in response.content.decode()


@pytest.mark.django_db
def test_admin_creates_a_user_by_email(admin_client: Client) -> None:
    from alliance_portal.models import User

    response = admin_client.post(
        "/admin/alliance_portal/user/add/",
        {
            "email": "new.staff@example.org",
            "display_name": "New Staff",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="new.staff@example.org").display_name == "New Staff"
    assert admin_client.get("/admin/alliance_portal/outboundemail/").status_code == 200
