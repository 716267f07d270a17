"""The one-click unsubscribe link: a token signed with the site's key (django.core.signing)
naming one person and what to stop: one kind of event, or a whole digest ("digest:daily",
"digest:weekly"). It works without signing in; a changed or expired token is refused."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alliance_portal.notifications.kinds import DIGESTS, KINDS

SALT = "alliance_portal.notifications.unsubscribe"
DIGEST_PREFIX = "digest:"


class BadToken(Exception):
    """The link was changed, is not one of ours, or is too old (the message says which)."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    # A kind's key, or "digest:daily" / "digest:weekly" for every kind in that digest.
    what: str

    @property
    def digest(self) -> str | None:
        return (
            self.what.removeprefix(DIGEST_PREFIX) if self.what.startswith(DIGEST_PREFIX) else None
        )


def _known(what: str) -> bool:
    if what.startswith(DIGEST_PREFIX):
        return what.removeprefix(DIGEST_PREFIX) in DIGESTS
    return what in KINDS


def unsubscribe_token(*, user_id: int, what: str) -> str:
    if not _known(what):
        raise ValueError(f"Nothing to unsubscribe from called {what!r}.")
    return signing.dumps({"u": user_id, "w": what}, salt=SALT, compress=True)


def unsubscribe_url(*, user_id: int, what: str) -> str:
    token = unsubscribe_token(user_id=user_id, what=what)
    return settings.PORTAL_BASE_URL + reverse("notifications_unsubscribe", args=[token])


def read_token(token: str) -> Unsubscribe:
    max_age = settings.NOTIFICATION_UNSUBSCRIBE_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(
            "This unsubscribe link is too old. Sign in to change your notifications."
        ) from error
    except signing.BadSignature as error:
        raise BadToken(
            "This unsubscribe link is not valid: it may have been cut short or changed. "
            "Use the whole link from the email, or sign in to change your notifications."
        ) from error
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("u"), int)
        or not _known(str(data.get("w")))
    ):
        raise BadToken("This unsubscribe link is not valid.")
    return Unsubscribe(user_id=data["u"], what=str(data["w"]))
