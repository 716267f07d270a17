"""Helpers of the action-item tests: an adopted decision in the log, an action on it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.actions import services
from governance.actions.models import ActionItem
from governance.decision_log.models import PublishedDecision
from governance.decision_log.services import decision_log_append
from members.models import Organisation


def decision(
    title: str = "Adopt the cobalt due-diligence rule",
    *,
    outcome: str = "adopted",
    countries: list[str] | None = None,
    materials: list[str] | None = None,
    body: str = "general-assembly",
) -> PublishedDecision:
    """A decision published in the log (as a ballot would publish it)."""
    entry = decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": 1, "title": title},
            "body": {"slug": body, "name": body.replace("-", " ").title()},
            "outcome": outcome,
            "countries": countries if countries is not None else ["CD"],
            "materials": materials if materials is not None else ["cobalt"],
        },
    )
    return PublishedDecision.objects.get(entry=entry)


def action(
    owner: Organisation,
    *,
    on: PublishedDecision | None = None,
    title: str = "Publish the guidance",
    due: date | None = None,
    **fields: Any,
) -> ActionItem:
    """An action item created by the system, due in 30 days unless told otherwise."""
    return services.action_item_create(
        actor=SYSTEM,
        decision=on or decision(),
        title=title,
        owner=owner,
        due_date=due or timezone.localdate() + timedelta(days=30),
        **fields,
    )
