"""Staff in tests have said why they read confidential material (alliance_portal.read_reasons):
every test client that signs someone in keeps the reason "review" in its session, as a person
does once per session on the reason page. Tests of the asking itself mark themselves
``@pytest.mark.no_read_reason`` and sign in without it."""

from __future__ import annotations

from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from alliance_portal.read_reasons import SESSION_KEY, ReadReason

_original_login = Client._login  # type: ignore[attr-defined]
_original_force_authenticate = APIClient.force_authenticate
_original_credentials = APIClient.credentials


def _login_with_reason(self: Client, user: Any, backend: str | None = None) -> None:
    _original_login(self, user, backend)
    session = self.session
    session[SESSION_KEY] = {"user": user.pk, "reason": ReadReason.REVIEW, "detail": ""}
    session.save()


def _force_authenticate_with_reason(self: APIClient, *args: Any, **kwargs: Any) -> None:
    _original_force_authenticate(self, *args, **kwargs)
    self.defaults["HTTP_X_ACCESS_REASON"] = ReadReason.REVIEW


def _credentials_with_reason(self: APIClient, **kwargs: Any) -> None:
    _original_credentials(self, **kwargs)
    self.defaults["HTTP_X_ACCESS_REASON"] = ReadReason.REVIEW


def install(enabled: bool) -> None:
    """Signed-in test clients give the reason "review" (pages: in the session; the API's
    test client: in the header), or, not ``enabled``, none."""
    Client._login = _login_with_reason if enabled else _original_login  # type: ignore[attr-defined]
    APIClient.force_authenticate = (  # type: ignore[method-assign]
        _force_authenticate_with_reason if enabled else _original_force_authenticate
    )
    APIClient.credentials = (  # type: ignore[method-assign]
        _credentials_with_reason if enabled else _original_credentials
    )


install(True)  # from the start: fixtures of wider scope sign their clients in before any test
