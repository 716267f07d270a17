"""Where email goes comes from the environment (EMAIL_URL, django-environ): printed to the
console in development, SMTP in production (from EMAIL_URL, or EMAIL_HOST and friends)."""

from __future__ import annotations

import pytest

from tests.portal.test_settings import PRODUCTION, _manage

SHOW = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT)"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (
            {"DJANGO_SETTINGS_MODULE": "alliance_portal.settings.local"},
            "django.core.mail.backends.console.EmailBackend",
        ),
        (
            PRODUCTION | {"EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587"},
            "django.core.mail.backends.smtp.EmailBackend mail.example.org 587",
        ),
        (
            PRODUCTION | {"EMAIL_HOST": "relay.example.org"},
            "django.core.mail.backends.smtp.EmailBackend relay.example.org 587",
        ),
    ],
)
def test_the_email_backend_comes_from_the_environment(environment, expected) -> None:
    result = _manage(environment, "shell", "-c", SHOW)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
