"""Demo data: objectives with indicators and measurements, RS issues in every status with
their history."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.demo_content import (
    ISSUES,
    OBJECTIVES,
)
from governance.objectives import services
from governance.objectives.models import Indicator, Issue, Objective

DAY = timedelta(days=1)


def _seed_objectives() -> None:
    today = timezone.localdate()
    for order, spec in enumerate(OBJECTIVES, start=1):
        objective, _ = Objective.objects.get_or_create(
            slug=spec.slug,
            defaults={"title": spec.title, "description": spec.description, "order": order},
        )
        for position, item in enumerate(spec.indicators, start=1):
            indicator, _ = Indicator.objects.get_or_create(
                objective=objective,
                name=item.name,
                defaults={
                    "unit": item.unit,
                    "baseline_value": Decimal(item.baseline[0]),
                    "baseline_date": date.fromisoformat(item.baseline[1]),
                    "target_value": Decimal(item.target[0]),
                    "target_date": date.fromisoformat(item.target[1]),
                    "order": position,
                },
            )
            for day, value, source in item.measurements:
                measured_on = date.fromisoformat(day)
                if measured_on > today:
                    continue
                services.indicator_record_measurement(
                    actor=SYSTEM,
                    indicator=indicator,
                    measured_on=measured_on,
                    value=Decimal(value),
                    source=source,
                )


def _seed_issues(now: datetime) -> None:
    for title, objective_slug, history in ISSUES:
        if Issue.objects.filter(title=title).exists():
            continue
        (first_status, first_reason, first_days), *later = history
        issue = services.issue_create(
            actor=SYSTEM,
            title=title,
            status=first_status,
            reason=first_reason,
            objective=Objective.objects.filter(slug=objective_slug).first(),
            now=now - first_days * DAY,
        )
        for status, reason, days in later:
            services.issue_set_status(
                actor=SYSTEM, issue=issue, status=status, reason=reason, now=now - days * DAY
            )
