"""Who is told what about a member's proposal, through the email outbox: the organisations
asked to co-sponsor, the secretariat when it is tabled, the author and co-sponsors when it is
admitted or declined. Helpers of the tabling use cases (one email per event and recipient)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from alliance_portal.outbox import email_queue
from alliance_portal.roles import SECRETARIAT_GROUP
from governance.proposals.models import Proposal
from members.models import Person


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %B %Y}"


def _url(proposal: Proposal) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{proposal.get_absolute_url()}"


def _representatives(organisation_ids: Iterable[int]) -> list[Any]:
    """The active accounts with an email of these organisations' representatives."""
    people = Person.objects.filter(
        is_representative=True, organisation_id__in=list(organisation_ids)
    ).select_related("user")
    return [p.user for p in people if p.user.email and p.user.is_active]


def _secretariat() -> list[Any]:
    users = get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name=SECRETARIAT_GROUP
    )
    return [user for user in users.order_by("pk") if user.email]


def _notify(recipients: Iterable[Any], *, event_key: str, subject: str, body: str) -> int:
    sent = 0
    for user in recipients:
        email_queue(event_key=event_key, recipient=user.email, subject=subject, body=body)
        sent += 1
    return sent


def _tell_author_and_sponsors(proposal: Proposal, *, event: str, subject: str, body: str) -> None:
    organisations = [
        proposal.proposed_by_id,
        *proposal.sponsors.values_list("organisation_id", flat=True),
    ]
    _notify(
        _representatives(o for o in organisations if o is not None),
        event_key=f"governance:{event}:{proposal.pk}",
        subject=subject,
        body=body,
    )
