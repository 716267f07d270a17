"""Reminders beat sends: consultations and ballots closing within 48 hours, and actions past
their due date, each once (the reminder's key names the item and its closing or due time, so a
time moved later is announced again)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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


def _already(prefix: str) -> set[str]:
    return set(
        Notification.objects.filter(event_key__startswith=prefix).values_list(
            "event_key", flat=True
        )
    )


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
    sent = _already("governance:consultation-closing:")
    done = []
    for proposal in due.order_by("consultation_closes_at", "pk"):
        closes = proposal.consultation_closes_at
        assert closes is not None  # noqa: S101 (filtered above)
        if f"governance:consultation-closing:{proposal.pk}:{closes:%Y%m%dT%H%M%S}" in sent:
            continue
        events.consultation_closing(proposal)
        done.append(proposal.pk)
    return done


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
    sent = _already("governance:ballot-closing:")
    done = []
    for ballot in due.order_by("closes_at", "pk"):
        closes = ballot.closes_at
        assert closes is not None  # noqa: S101 (filtered above)
        if f"governance:ballot-closing:{ballot.pk}:{closes:%Y%m%dT%H%M%S}" in sent:
            continue
        events.ballot_closing(ballot)
        done.append(ballot.pk)
    return done


@use_case
def actions_remind_overdue(*, actor: Actor, today: date | None = None) -> list[int]:
    """Tell each overdue action's owner organisation once per due date (the portal, daily).
    Returns the actions announced now; a second run announces none of them again."""
    policy.require(actor, "notifications.send", None)
    today = today or timezone.localdate()
    sent = _already("governance:action-overdue:")
    done = []
    overdue = ActionItem.objects.filter(overdue_q(today)).select_related("decision")
    for item in overdue.order_by("due_date", "pk"):
        if f"governance:action-overdue:{item.pk}:{item.due_date:%Y%m%d}" in sent:
            continue
        events.action_overdue(item)
        done.append(item.pk)
    return done


PLEDGE_NOTICE = timedelta(days=7)


@use_case
def pledges_remind_due(*, actor: Actor, today: date | None = None) -> list[int]:
    """Tell each pledge's organisation once per due date, a week before it (the portal,
    daily). Returns the pledges announced now; a second run announces none again."""
    policy.require(actor, "notifications.send", None)
    today = today or timezone.localdate()
    sent = _already("governance:pledge-due:")
    due = Pledge.objects.filter(
        status=PledgeStatus.PLEDGED, due_on__isnull=False, due_on__lte=today + PLEDGE_NOTICE
    ).select_related("initiative", "partner_alliance")
    done = []
    for pledge in due.order_by("due_on", "pk"):
        if f"governance:pledge-due:{pledge.pk}:{pledge.due_on:%Y%m%d}" in sent:
            continue
        events.pledge_due(pledge)
        done.append(pledge.pk)
    return done
