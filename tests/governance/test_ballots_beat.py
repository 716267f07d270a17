"""Celery beat closes ballots on time, idempotently: a second run, or two runs at once,
close each due ballot once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pghistory.models
import pytest
from django.conf import settings
from django.db import connection

from alliance_portal.policy import SYSTEM, NoActor
from alliance_portal.roles import Role
from governance.ballots import services
from governance.ballots.models import Ballot, Decision
from governance.ballots.services import closing
from governance.decision_log.models import DecisionLogEntry
from governance.proposals.models import ProposalStatusChange
from governance.tasks import ballots_close_due_task
from tests.governance.test_ballots_factories import open_ballot, vote


def _trail() -> tuple[int, int, int]:
    return (
        Decision.objects.count(),
        DecisionLogEntry.objects.count(),
        ProposalStatusChange.objects.count(),
    )


def test_the_schedule_closes_ballots_every_minute() -> None:
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["governance.tasks.ballots_close_due_task"] == 60.0


@pytest.mark.django_db
def test_due_ballots_close_once(world) -> None:
    due = open_ballot(title="Due")
    later = open_ballot(title="Later")
    vote(due, world.own, "yes")
    assert ballots_close_due_task.delay().get() == []  # nothing is due yet
    Ballot.objects.filter(pk=due.pk).update(
        opened_at=due.opened_at - timedelta(days=20), closes_at=due.opened_at - timedelta(days=6)
    )
    assert ballots_close_due_task.delay().get() == [due.pk]
    trail = _trail()
    assert ballots_close_due_task.delay().get() == []
    assert _trail() == trail
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.outcome, later.outcome) == ("adopted", "")  # 1 of 2 cast: quorum met
    assert Decision.objects.get().ballot == due
    assert due.closed_by is None


@pytest.mark.django_db
def test_a_ballot_closed_early_is_left_alone(world) -> None:
    ballot = open_ballot()
    services.ballot_close(
        actor=world.users[Role.SECRETARIAT], ballot=ballot, reason="The assembly decided."
    )
    trail = _trail()
    assert ballot.closes_at is not None
    assert services.ballots_close_due(actor=SYSTEM, now=ballot.closes_at + timedelta(days=1)) == []
    assert _trail() == trail


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_close_each_ballot_once(world) -> None:
    ballots = [open_ballot(title=f"Ballot {n}") for n in range(4)]
    for ballot in ballots:
        vote(ballot, world.own, "yes")
        vote(ballot, world.other, "yes")
    assert ballots[0].closes_at is not None
    when = ballots[0].closes_at + timedelta(minutes=1)
    results: list[list[int]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run() -> None:
        try:
            start.wait()
            results.append(services.ballots_close_due(actor=SYSTEM, now=when))
        except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    closed = sorted(pk for result in results for pk in result)
    assert closed == sorted(b.pk for b in ballots)
    assert Decision.objects.count() == 4
    seqs = sorted(DecisionLogEntry.objects.values_list("seq", flat=True))
    assert seqs == [1, 2, 3, 4]


@pytest.mark.django_db(transaction=True)
def test_a_ballot_that_cannot_close_does_not_keep_the_others_open(world, monkeypatch, caplog):
    ballots = [open_ballot(title=f"Ballot {n}") for n in range(3)]
    for ballot in ballots:
        vote(ballot, world.own, "yes")
    broken = ballots[1]
    summary = closing._summary

    def summary_failing_for_one(ballot: Ballot, outcome: str) -> str:
        if ballot.pk == broken.pk:
            raise RuntimeError("Something unexpected in this ballot.")
        return summary(ballot, outcome)

    monkeypatch.setattr(closing, "_summary", summary_failing_for_one)
    assert ballots[0].closes_at is not None
    when = ballots[0].closes_at + timedelta(minutes=1)
    closed = services.ballots_close_due(actor=SYSTEM, now=when)
    assert closed == [ballots[0].pk, ballots[2].pk]
    assert sorted(Decision.objects.values_list("ballot_id", flat=True)) == closed
    broken.refresh_from_db()
    assert (broken.closed_at, broken.outcome) == (None, "")  # its own work was rolled back
    (failure,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert failure.getMessage() == f"Ballot {broken.pk} could not close"
    assert failure.exc_info is not None
    # The next run closes it once it can.
    monkeypatch.setattr(closing, "_summary", summary)
    assert services.ballots_close_due(actor=SYSTEM, now=when) == [broken.pk]


@pytest.mark.django_db
def test_each_ballot_closes_in_a_use_case_of_its_own(world) -> None:
    due = open_ballot(title="Due")
    assert due.closes_at is not None
    services.ballots_close_due(actor=SYSTEM, now=due.closes_at + timedelta(minutes=1))
    decision = Decision.objects.get(ballot=due)
    (event,) = pghistory.models.Events.objects.tracks(decision)
    assert event.pgh_context["use_case"] == "ballot_close_due"
    assert event.pgh_context["system"] is True


def test_closing_due_ballots_needs_an_actor() -> None:
    with pytest.raises(NoActor):
        services.ballots_close_due(actor=None)  # type: ignore[arg-type]
