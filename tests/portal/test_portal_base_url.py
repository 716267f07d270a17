"""A deployed portal names its public https address in PORTAL_BASE_URL (glossary URIs, feeds
and email links are built on it): production settings refuse to start without it
(tests/portal/test_settings.py) and `check --deploy` warns when it is unusable."""

from __future__ import annotations

import pytest
from django.core.checks import Warning
from django.test import override_settings

from alliance_portal.checks import check_portal_base_url
from tests.portal.test_settings import PRODUCTION, _manage


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", "is not set"),
        ("   ", "is not set"),
        ("http://portal.example.org", "does not start with https://"),
        ("portal.example.org", "does not start with https://"),
        ("https://", "names no host"),
        ("https://localhost:8000", "is a local address"),
        ("https://127.0.0.1", "is a local address"),
        ("https://[::1]:8443/", "is a local address"),
        ("https://0.0.0.0", "is a local address"),
        ("https://portal.localhost", "is a local address"),
    ],
)
def test_check_deploy_warns_about_an_unusable_portal_base_url(value: str, says: str) -> None:
    with override_settings(PORTAL_BASE_URL=value):
        (warning,) = check_portal_base_url()
    assert isinstance(warning, Warning)
    assert warning.id == "alliance_portal.W001"
    assert says in warning.msg
    assert "Set PORTAL_BASE_URL to the portal's public address" in str(warning.hint)


@pytest.mark.parametrize("value", ["https://portal.example.org", "https://10.0.0.5/portal"])
def test_a_public_https_address_passes(value: str) -> None:
    with override_settings(PORTAL_BASE_URL=value):
        assert check_portal_base_url() == []


def test_manage_check_deploy_fails_on_a_local_portal_base_url() -> None:
    env = {**PRODUCTION, "PORTAL_BASE_URL": "http://127.0.0.1:8000"}
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "alliance_portal.W001" in result.stderr + result.stdout
    assert "does not start with https://" in result.stderr + result.stdout


def test_the_check_runs_only_with_deploy() -> None:
    env = {**PRODUCTION, "PORTAL_BASE_URL": "http://127.0.0.1:8000"}
    result = _manage(env, "check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
