"""Celery beat opens and closes consultations on time, idempotently."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from alliance_portal.policy import SYSTEM, NoActor
from governance.proposals import services
from governance.proposals.models import Proposal, ProposalStatus, ProposalStatusChange
from governance.proposals.services import lifecycle
from governance.tasks import consultations_close_due_task, consultations_open_due_task
from tests.governance.factories import assembly

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _scheduled(title: str, opens_in: timedelta, lasts: timedelta) -> Proposal:
    now = timezone.now()
    return services.proposal_create(
        actor=SYSTEM,
        body=assembly(),
        title=title,
        summary="Summary.",
        text="One paragraph.",
        consultation_opens_at=now + opens_in,
        consultation_closes_at=now + opens_in + lasts,
    )


def _story() -> list[tuple[int, str, str]]:
    return list(
        ProposalStatusChange.objects.order_by("pk").values_list(
            "proposal_id", "from_status", "to_status"
        )
    )


def test_the_schedule_runs_both_tasks_every_minute() -> None:
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["governance.tasks.consultations_open_due_task"] == 60.0
    assert tasks["governance.tasks.consultations_close_due_task"] == 60.0


def test_due_consultations_open_and_running_twice_changes_nothing_more() -> None:
    due = _scheduled("Due", -timedelta(minutes=1), timedelta(days=30))
    _scheduled("Later", timedelta(days=2), timedelta(days=30))
    _scheduled("Window passed", -timedelta(days=40), timedelta(days=30))
    assert consultations_open_due_task.delay().get() == [due.pk]
    story = _story()
    assert consultations_open_due_task.delay().get() == []
    assert _story() == story
    statuses = dict(Proposal.objects.values_list("title", "status"))
    assert statuses == {"Due": S.CONSULTATION, "Later": S.DRAFT, "Window passed": S.DRAFT}
    due.refresh_from_db()
    assert due.consultation_opened_at is not None
    assert ProposalStatusChange.objects.get(proposal=due).actor is None


def test_due_consultations_close_and_running_twice_changes_nothing_more() -> None:
    # 20 days: consultations last at least 14 (the founding constitution, issue 16).
    proposal = _scheduled("Closing", -timedelta(minutes=5), timedelta(days=20))
    services.consultations_open_due(actor=SYSTEM)
    assert consultations_close_due_task.delay().get() == []  # not due yet
    three_weeks_later = timezone.now() + timedelta(days=21)
    assert services.consultations_close_due(actor=SYSTEM, now=three_weeks_later) == [proposal.pk]
    story = _story()
    assert services.consultations_close_due(actor=SYSTEM, now=three_weeks_later) == []
    assert _story() == story
    proposal.refresh_from_db()
    assert proposal.status == S.DELIBERATION
    assert proposal.consultation_closed_at == three_weeks_later


def test_a_consultation_closed_by_hand_is_left_alone() -> None:
    proposal = _scheduled("By hand", -timedelta(minutes=5), timedelta(days=15))
    services.consultations_open_due(actor=SYSTEM)
    services.proposal_transition(
        actor=SYSTEM, proposal=proposal, to_status=S.WITHDRAWN, reason="Merged with another."
    )
    assert (
        services.consultations_close_due(actor=SYSTEM, now=timezone.now() + timedelta(days=16))
        == []
    )
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN


def _failing_for(monkeypatch, proposal: Proposal) -> None:
    """Make moving ``proposal`` fail with an unexpected error (the others move as usual)."""
    real = lifecycle._transition

    def broken(**kwargs):
        if kwargs["proposal"].pk == proposal.pk:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(lifecycle, "_transition", broken)


def test_one_consultation_that_fails_to_open_does_not_stop_the_others(monkeypatch, caplog) -> None:
    failing = _scheduled("Failing", -timedelta(minutes=2), timedelta(days=30))
    fine = _scheduled("Fine", -timedelta(minutes=1), timedelta(days=30))
    _failing_for(monkeypatch, failing)
    assert services.consultations_open_due(actor=SYSTEM) == [fine.pk]
    statuses = dict(Proposal.objects.values_list("title", "status"))
    assert statuses == {"Failing": S.DRAFT, "Fine": S.CONSULTATION}
    assert "the disk is full" in caplog.text


def test_one_consultation_that_fails_to_close_does_not_stop_the_others(monkeypatch, caplog) -> None:
    failing = _scheduled("Failing", -timedelta(minutes=2), timedelta(days=15))
    fine = _scheduled("Fine", -timedelta(minutes=1), timedelta(days=15))
    assert services.consultations_open_due(actor=SYSTEM) == [failing.pk, fine.pk]
    _failing_for(monkeypatch, failing)
    later = timezone.now() + timedelta(days=16)
    assert services.consultations_close_due(actor=SYSTEM, now=later) == [fine.pk]
    statuses = dict(Proposal.objects.values_list("title", "status"))
    assert statuses == {"Failing": S.CONSULTATION, "Fine": S.DELIBERATION}
    assert "the disk is full" in caplog.text


def test_the_scheduler_acts_as_the_system_and_refuses_no_actor() -> None:
    _scheduled("Due", -timedelta(minutes=1), timedelta(days=30))
    with pytest.raises(NoActor):
        services.consultation_open_on_schedule(
            actor=None,  # type: ignore[arg-type]
            proposal_id=Proposal.objects.get().pk,
            now=timezone.now(),
        )
    assert Proposal.objects.get().status == S.DRAFT
