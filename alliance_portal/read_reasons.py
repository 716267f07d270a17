"""Why the secretariat reads confidential material (issue 20, item 1).

Before the first read of secretariat-level material in a session, staff (the secretariat and
the superuser) say why, from a short list; the access log's rows carry the reason. A page asks
with ``/accounts/read-reason/`` (which returns to the page asked for), the API with the
``X-Access-Reason`` header (and ``X-Access-Reason-Detail`` for "other"); a browser's API call
uses the reason its session holds. The reason is kept for the session (until sign-out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

SESSION_KEY = "alliance_portal.read_reason"
REASON_HEADER = "X-Access-Reason"
DETAIL_HEADER = "X-Access-Reason-Detail"
DETAIL_MAX_LENGTH = 300


class ReadReason(models.TextChoices):
    REVIEW = "review", "Review (routine secretariat work)"
    VERIFICATION = "verification", "Verification of what a member stated"
    MEMBER_REQUEST = "member_request", "The organisation asked us to look"
    LEGAL = "legal", "Legal or compliance matter"
    OTHER = "other", "Other (say why)"


# How a reason reads in the member's access log ("why"), shorter than the choice's label.
SHORT_LABEL = {
    ReadReason.REVIEW: "Review",
    ReadReason.VERIFICATION: "Verification",
    ReadReason.MEMBER_REQUEST: "Your organisation's request",
    ReadReason.LEGAL: "Legal or compliance",
    ReadReason.OTHER: "Other",
}


@dataclass(frozen=True)
class GivenReason:
    reason: str
    detail: str = ""

    @property
    def label(self) -> str:
        return reason_label(self.reason, self.detail)


def reason_label(reason: str, detail: str = "") -> str:
    """A reason in plain words, for pages and exports ("Not given" before reasons existed)."""
    if not reason:
        return "Not given"
    label = SHORT_LABEL.get(ReadReason(reason), reason) if reason in ReadReason.values else reason
    return f"{label}: {detail}" if detail else str(label)


class InvalidReason(ValueError):
    """The reason given is not one of the list, or "other" came without a detail."""


class ReasonRequired(PermissionDenied):
    """Staff are about to read secretariat-level material and have not said why: a page
    answers with the reason page (which comes back), the API with a 403 that says how to
    give it (``access_reason_required``)."""

    def __init__(self) -> None:
        super().__init__(
            "Say why you read confidential material: send the header "
            f"{REASON_HEADER} with one of {', '.join(ReadReason.values)} "
            f"(for other, also {DETAIL_HEADER} with a few words)."
        )


def validate(reason: str, detail: str) -> GivenReason:
    """The reason, checked: one of the list; "other" needs a detail (at most 300 characters)."""
    reason, detail = reason.strip(), " ".join(detail.split())
    if reason not in ReadReason.values:
        raise InvalidReason(
            f"{REASON_HEADER} must be one of {', '.join(ReadReason.values)}; got {reason!r}."
        )
    if reason == ReadReason.OTHER and not detail:
        raise InvalidReason(f'For "other", say why in {DETAIL_HEADER} (a few words).')
    if len(detail) > DETAIL_MAX_LENGTH:
        raise InvalidReason(f"Keep the reason under {DETAIL_MAX_LENGTH} characters.")
    return GivenReason(reason=reason, detail=detail)


def from_headers(request: Any) -> GivenReason | None:
    """The reason the request's headers give (``None`` when they give none); ``InvalidReason``
    when they give a wrong one."""
    reason = request.headers.get(REASON_HEADER)
    if reason is None:
        return None
    return validate(reason, request.headers.get(DETAIL_HEADER, ""))


def from_session(request: Any) -> GivenReason | None:
    """The reason kept in the session for the signed-in person (``None`` if none)."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    kept = session.get(SESSION_KEY)
    user = getattr(request, "user", None)
    if not isinstance(kept, dict) or user is None or kept.get("user") != user.pk:
        return None
    try:
        return validate(str(kept.get("reason", "")), str(kept.get("detail", "")))
    except InvalidReason:
        return None


def keep_in_session(request: Any, given: GivenReason) -> None:
    """Keep the reason for the rest of the session (a new sign-in starts a new session)."""
    request.session[SESSION_KEY] = {
        "user": request.user.pk,
        "reason": given.reason,
        "detail": given.detail,
    }


def of_request(request: Any) -> GivenReason | None:
    """The reason for this request: its headers', else its session's."""
    return from_headers(request) or from_session(request)
