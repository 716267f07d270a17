"""Action items tell their owner organisation (issue 17, item 5): assigned (when created or
given to another organisation) and overdue; a pledge tells its organisation when due. Each
once, as each person chose."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from alliance_portal.models import NotificationItem
from alliance_portal.notifications import kinds
from alliance_portal.notifications.services import ChoiceInput, notification_preferences_update
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.actions import services
from governance.initiatives import services as services_initiatives
from governance.notifications.services import actions_remind_overdue, pledges_remind_due
from tests.governance.actions_support import action
from tests.governance.initiatives_support import make_initiative

pytestmark = pytest.mark.django_db


def _prefer_at_once(world, kind: str) -> None:
    for user in (world.users[Role.MEMBER], world.users[Role.ORGANISATION_REPRESENTATIVE]):
        notification_preferences_update(
            actor=user, user=user, choices=[ChoiceInput(kind=kind, frequency="immediate")]
        )


def _told(subject: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(subject))


def test_the_owner_organisations_people_are_told_of_an_assigned_action_once(
    world, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        item = action(world.own, title="Map the smelters")
    # Action assigned: at once by default, to the own organisation's people only.
    told = _told("Action assigned: “Map the smelters”")
    assert world.users[Role.MEMBER].email in told
    assert world.users[Role.ORGANISATION_REPRESENTATIVE].email in told
    assert not any(email.startswith("other-") for email in told)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.action_item_update(
            actor=SYSTEM, item=item, changes={"title": "Map the smelters and refiners"}
        )
    assert mail.outbox == []  # not reassigned: nobody is told again
    with django_capture_on_commit_callbacks(execute=True):
        services.action_item_update(actor=SYSTEM, item=item, changes={"owner": world.other})
    told = _told("Action assigned:")
    assert told
    assert all(email.startswith("other-") for email in told)


def test_an_overdue_action_is_announced_once_per_due_date(
    world, django_capture_on_commit_callbacks
) -> None:
    item = action(
        world.own, title="Publish the audit", due=timezone.localdate() + timedelta(days=3)
    )
    today = timezone.localdate() + timedelta(days=5)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            announced = actions_remind_overdue(actor=SYSTEM, today=today)
        assert announced == ([item.pk] if _run == 0 else [])
    # Overdue actions go to the daily digest by default: one item per person, none twice.
    waiting = NotificationItem.objects.filter(notification__kind="action_overdue")
    people = list(waiting.values_list("user__email", flat=True))
    assert sorted(people) == sorted(set(people))
    assert world.users[Role.MEMBER].email in people
    assert not any(email.startswith("other-") for email in people)


def test_a_pledge_due_within_a_week_is_announced_once_to_the_pledging_organisation(
    world, django_capture_on_commit_callbacks
) -> None:
    initiative = make_initiative(world.other, title="Water monitoring")
    today = timezone.localdate()
    due = services_initiatives.pledge_make(
        actor=SYSTEM,
        initiative=initiative,
        organisation=world.own,
        amount=Decimal("2500"),
        currency="EUR",
        due_on=today + timedelta(days=5),
    )
    services_initiatives.pledge_make(
        actor=SYSTEM,
        initiative=initiative,
        organisation=world.own,
        amount=Decimal("900"),
        currency="EUR",
        due_on=today + timedelta(days=40),
    )
    _prefer_at_once(world, kinds.PLEDGE_DUE)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            announced = pledges_remind_due(actor=SYSTEM, today=today)
        assert announced == ([due.pk] if _run == 0 else [])
    subjects = [m.subject for m in mail.outbox if m.to == [world.users[Role.MEMBER].email]]
    assert subjects == ["Pledge due: “Water monitoring”"]
    assert "2,500.00 EUR" in mail.outbox[0].body
    assert not any(m.to[0].startswith("other-") for m in mail.outbox)
