"""Reads about objectives, their indicators and the RS issue register."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from governance.objectives.models import (
    Indicator,
    Issue,
    IssueStatusChange,
    Measurement,
    Objective,
    ObjectiveStatus,
)


def objective_list(*, active_only: bool = False) -> QuerySet[Objective]:
    """Objectives in their order with indicators and every measurement prefetched (three
    queries whatever their number); objectives are public. ``active_only`` leaves out
    achieved and retired ones."""
    queryset = Objective.objects.prefetch_related(
        Prefetch(
            "indicators",
            queryset=Indicator.objects.order_by("order", "name").prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
            ),
        )
    ).order_by("order", "title")
    if active_only:
        queryset = queryset.filter(status=ObjectiveStatus.ACTIVE)
    return queryset


def issue_register(*, status: str | None = None) -> QuerySet[Issue]:
    """The RS issues (public), agreed first, then contentious, then parked, each with its
    status history oldest first (prefetched: two queries)."""
    queryset = (
        Issue.objects.select_related("objective")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=IssueStatusChange.objects.order_by("changed_at", "pk"),
            )
        )
        .order_by("status", "title")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def indicator_list(*, objective: str | None = None) -> QuerySet[Indicator]:
    """Indicators (public) with their objective and measurements, optionally of one
    objective (by slug)."""
    queryset = (
        Indicator.objects.select_related("objective")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
        )
        .order_by("objective__order", "order", "name")
    )
    if objective:
        queryset = queryset.filter(objective__slug=objective)
    return queryset
