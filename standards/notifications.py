"""Reminders of RS reports due (issue 18, item 2): two weeks before a cycle's due date, the
people of every active member organisation that has not submitted its report yet are told,
once per cycle and organisation (Celery beat runs ``reports_remind_due`` daily)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.notifications import kinds
from alliance_portal.notifications.models import Notification
from alliance_portal.notifications.services import notify
from alliance_portal.types import Actor
from members.models import MembershipStatus, Organisation, Person
from standards.models import CycleStatus, Report, ReportingCycle

REPORT_NOTICE = timedelta(days=14)
PREFIX = "standards:report-due:"


def _people(organisation_id: int) -> list[int]:
    return list(
        Person.objects.filter(organisation_id=organisation_id, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


@use_case
def reports_remind_due(*, actor: Actor, today: date | None = None) -> list[tuple[int, int]]:
    """Tell each active member organisation without a submitted report in an open cycle due
    within two weeks (the portal, daily). Returns the (cycle, organisation) pairs reminded
    now; a second run reminds none of them again."""
    policy.require(actor, "notifications.send", None)
    today = today or timezone.localdate()
    sent = set(
        Notification.objects.filter(event_key__startswith=PREFIX).values_list(
            "event_key", flat=True
        )
    )
    cycles = ReportingCycle.objects.filter(
        status=CycleStatus.OPEN, due_on__gte=today, due_on__lte=today + REPORT_NOTICE
    ).order_by("due_on", "pk")
    done = []
    for cycle in cycles:
        submitted = Report.objects.filter(cycle=cycle, first_submitted_at__isnull=False).values(
            "organisation_id"
        )
        waiting = (
            Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
            .exclude(pk__in=submitted)
            .order_by("pk")
        )
        for organisation in waiting:
            key = f"{PREFIX}{cycle.pk}:{organisation.pk}"
            if key in sent:
                continue
            due = f"{cycle.due_on:%-d %B %Y}"
            notify(
                kind=kinds.REPORT_DUE,
                event_key=key,
                audience=_people(organisation.pk),
                subject=f"RS report due: {cycle.title}",
                line=f"Your organisation's RS report for “{cycle.title}” is due {due}.",
                link=settings.PORTAL_BASE_URL + cycle.get_absolute_url(),
                body=(
                    f"Your organisation's RS report for “{cycle.title}” is due on {due} and is "
                    "not submitted yet. Its representative saves and submits it on the cycle's "
                    "page:"
                ),
            )
            done.append((cycle.pk, organisation.pk))
    return done
