"""Notifications with digests (issue 17, item 5): once per event and person, only after the
event's transaction commits, digests grouped by kind, and the one-click unsubscribe link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance_portal.models import Notification, NotificationItem, OutboundEmail
from alliance_portal.notifications import kinds
from alliance_portal.notifications.selectors import preferences_of
from alliance_portal.notifications.services import (
    ChoiceInput,
    digests_send,
    notification_preferences_update,
    notify,
)
from alliance_portal.notifications.tasks import notification_dispatch_task
from alliance_portal.notifications.tokens import unsubscribe_token
from alliance_portal.policy import SYSTEM
from tests.conftest import create_user

pytestmark = pytest.mark.django_db


def _choose(user, kind: str, frequency: str, scope: str = "") -> None:
    notification_preferences_update(
        actor=user, user=user, choices=[ChoiceInput(kind=kind, frequency=frequency, scope=scope)]
    )


def _event(audience, key: str = "test:ballot-opened:1", kind: str = kinds.BALLOT_OPENED, **more):
    return notify(
        kind=kind,
        event_key=key,
        audience=audience,
        subject=f"Subject of {key}",
        line=f"The line of {key}.",
        link=f"https://portal.example.org/{key}/",
        **more,
    )


def _frequency(user, kind: str) -> str:
    return next(c.frequency for c in preferences_of(user.pk) if c.kind == kind)


@pytest.fixture
def people():
    return [create_user(f"person{n}@example.org") for n in range(3)]


def test_a_job_run_twice_sends_one_email_per_person(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification = _event(people)
        assert _event(people) is None  # the same event notified again: nothing new
    assert notification is not None
    notification_dispatch_task.delay(notification.pk)  # Celery delivered it twice
    with django_capture_on_commit_callbacks(execute=True):
        notification_dispatch_task.delay(notification.pk)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == [p.email for p in people]
    assert OutboundEmail.objects.filter(event_key="notification:test:ballot-opened:1").count() == 3


def _failing_use_case(people) -> None:
    """A use case that notifies, then fails: its transaction is rolled back."""
    with transaction.atomic():
        _event(people)
        assert not mail.outbox  # nothing before the commit
        assert not OutboundEmail.objects.exists()
        raise RuntimeError("the triggering use case failed")


def test_nothing_is_sent_before_the_event_commits_nor_after_a_rollback(
    people, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        _failing_use_case(people)
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def test_each_person_is_told_as_they_chose(people, django_capture_on_commit_callbacks):
    at_once, in_digest, never = people
    _choose(in_digest, kinds.BALLOT_OPENED, kinds.Frequency.DAILY)
    _choose(never, kinds.BALLOT_OPENED, kinds.Frequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        _event(people)
    assert [m.to for m in mail.outbox] == [[at_once.email]]
    assert list(NotificationItem.objects.values_list("user", "frequency")) == [
        (in_digest.pk, "daily")
    ]


def test_a_scoped_kind_reaches_mine_only_when_in_scope(people, django_capture_on_commit_callbacks):
    inside, outside, everything = people
    for person, scope in ((inside, "mine"), (outside, "mine"), (everything, "all")):
        _choose(person, kinds.CONSULTATION_OPENED, kinds.Frequency.IMMEDIATE, scope)
    with django_capture_on_commit_callbacks(execute=True):
        _event(people, "test:consultation:1", kinds.CONSULTATION_OPENED, in_scope=[inside])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([inside.email, everything.email])


def test_the_email_carries_a_one_click_unsubscribe(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _event(people[:1])
    message = mail.outbox[0]
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    assert "https://portal.example.org/test:ballot-opened:1/" in message.body


# --- digests ----------------------------------------------------------------------------------


def test_a_daily_digest_groups_a_persons_items_by_kind_once(
    people, django_capture_on_commit_callbacks
):
    reader, weekly_reader, _ = people
    for kind in (kinds.BALLOT_OPENED, kinds.DECISION_PUBLISHED):
        _choose(reader, kind, kinds.Frequency.DAILY)
    _choose(weekly_reader, kinds.DECISION_PUBLISHED, kinds.Frequency.WEEKLY)
    _choose(weekly_reader, kinds.BALLOT_OPENED, kinds.Frequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        _event([reader, weekly_reader], "test:ballot:1")
        _event([reader, weekly_reader], "test:decision:1", kinds.DECISION_PUBLISHED)
        _event([reader, weekly_reader], "test:decision:2", kinds.DECISION_PUBLISHED)
    assert mail.outbox == []
    tomorrow = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(actor=SYSTEM, frequency="daily", now=tomorrow) == [reader.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(actor=SYSTEM, frequency="daily", now=tomorrow) == []
    assert [m.to for m in mail.outbox] == [[reader.email]]
    digest = mail.outbox[0]
    assert digest.subject.startswith("Your daily digest for ")
    assert digest.subject.endswith(": 3 notifications")
    body = digest.body
    assert body.index("Ballot opened (1)") < body.index("The line of test:ballot:1.")
    assert body.index("Decision published (2)") < body.index("The line of test:decision:1.")
    assert body.index("The line of test:decision:1.") < body.index("The line of test:decision:2.")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The weekly reader's items wait for Monday's digest.
    assert NotificationItem.objects.filter(user=weekly_reader, digest_sent_at=None).count() == 2
    next_week = timezone.now() + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(actor=SYSTEM, frequency="weekly", now=next_week) == [weekly_reader.pk]
    assert "Decision published (2)" in mail.outbox[1].body


def test_an_item_of_today_waits_for_tomorrows_digest(people, django_capture_on_commit_callbacks):
    reader = people[0]
    _choose(reader, kinds.BALLOT_OPENED, kinds.Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        _event([reader])
    assert digests_send(actor=SYSTEM, frequency="daily") == []
    assert NotificationItem.objects.get().digest_sent_at is None


# --- unsubscribe -------------------------------------------------------------------------------


def _unsubscribe_url(user, what: str = kinds.BALLOT_OPENED) -> str:
    return reverse(
        "notifications_unsubscribe", args=[unsubscribe_token(user_id=user.pk, what=what)]
    )


def test_the_unsubscribe_link_works_without_signing_in(people) -> None:
    person = people[0]
    url = _unsubscribe_url(person)
    anonymous = Client(enforce_csrf_checks=True)  # as a mail program: no cookie, no CSRF token
    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Ballot opened" in page.content.decode()
    assert _frequency(person, kinds.BALLOT_OPENED) == "immediate"  # GET changes nothing
    answer = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert "You will not receive these emails any more" in answer.content.decode()
    assert _frequency(person, kinds.BALLOT_OPENED) == "none"
    assert _frequency(person, kinds.DECISION_PUBLISHED) == "weekly"  # other kinds untouched


def test_a_digest_link_stops_every_kind_in_that_digest(people) -> None:
    person = people[0]
    _choose(person, kinds.BALLOT_OPENED, kinds.Frequency.DAILY)
    Client().post(_unsubscribe_url(person, "digest:daily"))
    choices = {c.kind: c.frequency for c in preferences_of(person.pk)}
    assert choices[kinds.BALLOT_OPENED] == choices[kinds.CONSULTATION_OPENED] == "none"
    assert choices[kinds.DECISION_PUBLISHED] == "weekly"


@pytest.mark.parametrize("how", ["changed", "another person's kind", "expired"])
def test_a_forged_or_expired_link_changes_nothing(people, settings, how) -> None:
    person, other = people[0], people[1]
    token = unsubscribe_token(user_id=person.pk, what=kinds.BALLOT_OPENED)
    if how == "changed":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif how == "another person's kind":
        token = token.replace(
            token.split(":")[0],
            unsubscribe_token(user_id=other.pk, what="ballot_opened").split(":")[0],
        )
    else:
        settings.NOTIFICATION_UNSUBSCRIBE_DAYS = -1
    url = reverse("notifications_unsubscribe", args=[token])
    for answer in (Client().get(url), Client().post(url)):
        assert answer.status_code == 400
        assert "This link does not work" in answer.content.decode()
    assert _frequency(person, kinds.BALLOT_OPENED) == "immediate"
    assert _frequency(other, kinds.BALLOT_OPENED) == "immediate"
