"""API tokens: issuing a key, and checking one (the API's authentication class).

A token works while it is not revoked, not expired, its account is active and the account's
password is the one it was issued under."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from alliance_portal.models import ApiToken, User, api_token_digest, password_fingerprint


def token_is_valid(token: ApiToken, user: User) -> bool:
    return (
        token.revoked_at is None
        and token.expires_at > timezone.now()
        and user.is_active
        and token.password_fingerprint == password_fingerprint(user)
    )


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``; one answer for every reason a key does not work, so a
    caller learns nothing about keys that are not theirs."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(digest=api_token_digest(key)).first()
        if token is None or not token_is_valid(token, token.user):
            raise exceptions.AuthenticationFailed(
                "This token is not valid: it may have expired or been revoked (a password "
                "change revokes every token). Ask for a new one at /api/v1/auth/token/."
            )
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
