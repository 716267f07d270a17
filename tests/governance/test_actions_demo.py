"""Issue 17's demo data for actions (item 7): every adopted demo decision has actions, some done
on time, some overdue, one blocked with its reason, progress updates with evidence links, and a
statement in the decision log; the seed is idempotent; the secretariat manages actions in the
admin through the use cases."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from alliance_portal.roles import Role
from governance.actions.models import ActionItem, ActionStatement, ActionStatus, ProgressUpdate
from governance.actions.selectors import action_figures, first_action_started
from governance.decision_log.models import DecisionState, PublishedDecision
from tests.governance.actions_support import decision

pytestmark = pytest.mark.django_db


def test_every_adopted_demo_decision_has_actions_in_every_state(demo, client) -> None:
    counts = (ActionItem.objects.count(), ProgressUpdate.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (ActionItem.objects.count(), ProgressUpdate.objects.count()) == counts

    adopted = PublishedDecision.objects.filter(outcome="adopted").exclude(
        state=DecisionState.WITHDRAWN
    )
    assert adopted.exists()
    assert not adopted.filter(action_items__isnull=True).exists()
    done = list(ActionItem.objects.filter(status=ActionStatus.DONE))
    assert any(a.done_on_time for a in done)
    assert any(a.overdue for a in ActionItem.objects.all())
    blocked = ActionItem.objects.get(status=ActionStatus.BLOCKED)
    assert blocked.status_reason
    assert ProgressUpdate.objects.exclude(evidence_url="").count() >= adopted.count()
    statement = ActionStatement.objects.select_related("entry").get()
    assert statement.entry.kind == "statement"

    figures = action_figures()
    assert figures.done_on_time >= 1
    assert figures.overdue >= 1
    assert set(first_action_started()) <= set(adopted.values_list("entry_id", flat=True))

    listing = client.get("/governance/actions/?overdue=yes")
    assert listing.status_code == 200
    assert "Overdue: was due" in listing.content.decode()
    page = client.get(blocked.get_absolute_url()).content.decode()
    assert escape(blocked.status_reason) in page


def test_the_secretariat_creates_and_moves_an_action_in_the_admin(world) -> None:
    adopted = decision()
    admin = world.client_for(Role.SECRETARIAT)
    due = timezone.localdate() + timedelta(days=30)
    form = {
        "decision": adopted.pk,
        "title": "Train site operators",
        "description": "",
        "owner": world.own.pk,
        "responsible": "",
        "due_date": due.isoformat(),
        "disclosure": "public",
        "progress_mode": "milestones",
        "milestones_text": f"{due.isoformat()} | Train them",
        **_inline_management(),
    }
    response = admin.post("/admin/governance/actionitem/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    item = ActionItem.objects.get()
    assert item.milestones.get().title == "Train them"

    later = due + timedelta(days=10)
    form.update(due_date=later.isoformat())
    form.pop("decision")
    response = admin.post(f"/admin/governance/actionitem/{item.pk}/change/", form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.due_date, item.original_due_date) == (later, due)
    assert admin.get(f"/admin/governance/actionitem/{item.pk}/delete/").status_code == 403


def _inline_management() -> dict[str, str]:
    data = {}
    for prefix in ("milestones", "updates", "statements"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data
