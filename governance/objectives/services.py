"""The issue register's status changes and indicators' measurements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.objectives.models import (
    Indicator,
    Issue,
    IssueStatus,
    IssueStatusChange,
    Measurement,
    Objective,
)


@use_case
def issue_create(
    *,
    actor: Actor,
    title: str,
    status: str,
    reason: str,
    description: str = "",
    objective: Objective | None = None,
    now: datetime | None = None,
) -> Issue:
    """Add an RS issue to the register with its first status and why (the first step of its
    history). The secretariat."""
    policy.require(actor, "issue.create")
    errors = {}
    if status not in IssueStatus.values:
        errors["status"] = "Agreed, contentious or parked."
    if not reason.strip():
        errors["reason"] = "Say why the issue has this status."
    if not title.strip():
        errors["title"] = "Give the issue a title."
    elif Issue.objects.filter(title__iexact=title.strip()).exists():
        errors["title"] = "The register has an issue with this title already."
    if errors:
        raise ValidationError(errors)
    issue = Issue.objects.create(
        title=title.strip(), description=description, status=status, objective=objective
    )
    IssueStatusChange.objects.create(
        issue=issue,
        from_status="",
        to_status=status,
        reason=reason.strip(),
        changed_by=acting_user(actor),
        changed_at=now or timezone.now(),
    )
    return issue


@use_case
def issue_set_status(
    *,
    actor: Actor,
    issue: Issue,
    status: str,
    reason: str,
    now: datetime | None = None,
) -> Issue:
    """Move an RS issue to another status (agreed, contentious, parked), recording why in its
    history. The secretariat. Refused with a message: an unknown or the current status, or no
    reason; nothing changes then."""
    policy.require(actor, "issue.set_status", issue)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if status not in IssueStatus.values:
        raise ValidationError({"status": "Agreed, contentious or parked."})
    if status == issue.status:
        raise ValidationError(
            {"status": f"The issue is {IssueStatus(status).label.lower()} already."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the status changes."})
    previous = issue.status
    issue.status = status
    issue.save(update_fields=["status", "updated_at"])
    IssueStatusChange.objects.create(
        issue=issue,
        from_status=previous,
        to_status=status,
        reason=reason.strip(),
        changed_by=acting_user(actor),
        changed_at=now or timezone.now(),
    )
    return issue


@use_case
def indicator_record_measurement(
    *,
    actor: Actor,
    indicator: Indicator,
    measured_on: date,
    value: Decimal,
    source: str = "",
) -> Measurement:
    """Record the indicator's value on a day; a second value for the same day replaces the
    first (so recording twice changes nothing more). The secretariat. A day in the future or
    before the baseline is refused."""
    policy.require(actor, "indicator.measure", indicator)
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": "A measurement cannot be in the future."})
    if measured_on < indicator.baseline_date:
        raise ValidationError(
            {
                "measured_on": f"The baseline is of {indicator.baseline_date:%d %B %Y}; measure after it."
            }
        )
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError({"value": "Give the value as a number."})
    measurement, _ = Measurement.objects.update_or_create(
        indicator=indicator,
        measured_on=measured_on,
        defaults={"value": value, "source": source.strip(), "recorded_by": acting_user(actor)},
    )
    return measurement
