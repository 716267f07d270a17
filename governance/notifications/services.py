"""Reminders beat sends: consultations and ballots closing within 48 hours, and actions past
their due date, each once (the reminder's key names the item and its closing or due time, so a
time moved later is announced again)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import Notification
from alliance_portal.types import Actor
from governance.actions.models import ActionItem, overdue_q
from governance.ballots.models import Ballot
from governance.initiatives.models import Pledge, PledgeStatus
from governance.notifications import events
from governance.proposals.models import Proposal, ProposalStatus

REMINDER_WINDOW = timedelta(hours=48)


def _announce_once(
    prefix: str,
    items: Iterable[Any],
    moment: Callable[[Any], str],
    announce: Callable[[Any], None],
) -> list[int]:
    """Announce each of ``items`` whose event (``prefix``, its pk and ``moment``: the closing
    or due time it is announced for) has no notification yet; return the pks announced now."""
    sent = set(
        Notification.objects.filter(event_key__startswith=prefix).values_list(
            "event_key", flat=True
        )
    )
    done = []
    for item in items:
        if f"{prefix}{item.pk}:{moment(item)}" not in sent:
            announce(item)
            done.append(item.pk)
    return done


@use_case
def consultations_remind_closing(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Announce each open consultation that closes within 48 hours (the portal, hourly).
    Returns the proposals announced now; a second run announces none of them again."""
    policy.require(actor, "notifications.send", None)
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status=ProposalStatus.CONSULTATION,
        consultation_closes_at__gt=now,
        consultation_closes_at__lte=now + REMINDER_WINDOW,
    ).select_related("body")
    return _announce_once(
        "governance:consultation-closing:",
        due.order_by("consultation_closes_at", "pk"),
        lambda proposal: f"{proposal.consultation_closes_at:%Y%m%dT%H%M%S}",
        events.consultation_closing,
    )


@use_case
def ballots_remind_closing(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Announce each open ballot that closes within 48 hours to its electorate's
    representatives (the portal, hourly). Returns the ballots announced now, once each."""
    policy.require(actor, "notifications.send", None)
    now = now or timezone.now()
    due = Ballot.objects.filter(
        opened_at__isnull=False,
        closed_at__isnull=True,
        closes_at__gt=now,
        closes_at__lte=now + REMINDER_WINDOW,
    ).select_related("proposal__body")
    return _announce_once(
        "governance:ballot-closing:",
        due.order_by("closes_at", "pk"),
        lambda ballot: f"{ballot.closes_at:%Y%m%dT%H%M%S}",
        events.ballot_closing,
    )


@use_case
def actions_remind_overdue(*, actor: Actor, today: date | None = None) -> list[int]:
    """Tell each overdue action's owner organisation once per due date (the portal, daily).
    Returns the actions announced now; a second run announces none of them again."""
    policy.require(actor, "notifications.send", None)
    today = today or timezone.localdate()
    overdue = ActionItem.objects.filter(overdue_q(today)).select_related("decision")
    return _announce_once(
        "governance:action-overdue:",
        overdue.order_by("due_date", "pk"),
        lambda item: f"{item.due_date:%Y%m%d}",
        events.action_overdue,
    )


PLEDGE_NOTICE = timedelta(days=7)


@use_case
def pledges_remind_due(*, actor: Actor, today: date | None = None) -> list[int]:
    """Tell each pledge's organisation once per due date, a week before it (the portal,
    daily). Returns the pledges announced now; a second run announces none again."""
    policy.require(actor, "notifications.send", None)
    today = today or timezone.localdate()
    due = Pledge.objects.filter(
        status=PledgeStatus.PLEDGED, due_on__isnull=False, due_on__lte=today + PLEDGE_NOTICE
    ).select_related("initiative", "partner_alliance")
    return _announce_once(
        "governance:pledge-due:",
        due.order_by("due_on", "pk"),
        lambda pledge: f"{pledge.due_on:%Y%m%d}",
        events.pledge_due,
    )
