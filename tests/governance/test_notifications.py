"""Governance tells people what happens as they chose (issue 17, item 5): a consultation
opened (by hand or on schedule, within their organisation's materials or countries or all), a
ballot opened, a decision published, and what closes within 48 hours, each once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from alliance_portal.models import Notification, NotificationItem
from alliance_portal.notifications import kinds
from alliance_portal.notifications.services import ChoiceInput, notification_preferences_update
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots.models import Ballot
from governance.notifications.services import (
    ballots_remind_closing,
    consultations_remind_closing,
)
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from governance.tasks import consultations_open_due_task
from members.models import Organisation
from tests.governance.factories import assembly, make_proposal
from tests.governance.test_ballots_factories import close, open_ballot

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _at_once(user, kind: str, scope: str = "") -> None:
    notification_preferences_update(
        actor=user, user=user, choices=[ChoiceInput(kind=kind, frequency="immediate", scope=scope)]
    )


def _told(kind_subject: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(kind_subject))


def test_an_opened_consultation_reaches_those_it_concerns(
    world, django_capture_on_commit_callbacks
) -> None:
    Organisation.objects.filter(pk=world.own.pk).update(materials=["cobalt"])
    Organisation.objects.filter(pk=world.other.pk).update(materials=["gold"])
    member = world.users[Role.MEMBER]
    stranger = world.people["other-public"].user
    everything = world.people["other-members"].user
    _at_once(member, kinds.CONSULTATION_OPENED, "mine")
    _at_once(stranger, kinds.CONSULTATION_OPENED, "mine")
    _at_once(everything, kinds.CONSULTATION_OPENED, "all")
    proposal = make_proposal(status=S.DRAFT, materials=["cobalt"])
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.consultation_open(actor=SYSTEM, proposal=proposal)
    assert _told("Consultation open:") == sorted([member.email, everything.email])
    # The others (defaults: daily digest, mine) wait for the digest if it concerns them.
    digest_people = set(NotificationItem.objects.values_list("user__email", flat=True))
    assert "rep@example.org" in digest_people
    assert "other-secretariat@example.org" not in digest_people


def test_an_external_stakeholder_hears_only_of_consultations_open_to_the_public(
    world, django_capture_on_commit_callbacks
) -> None:
    external = world.users[Role.EXTERNAL_STAKEHOLDER]
    _at_once(external, kinds.CONSULTATION_OPENED, "all")
    closed = make_proposal(status=S.DRAFT, title="Members only")
    open_to_all = make_proposal(status=S.DRAFT, title="For everyone", public_consultation=True)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.consultation_open(actor=SYSTEM, proposal=closed)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.consultation_open(actor=SYSTEM, proposal=open_to_all)
    assert [m.subject for m in mail.outbox] == ["Consultation open: “For everyone”"]


def test_a_consultation_opened_on_schedule_is_notified_once(
    world, django_capture_on_commit_callbacks
) -> None:
    member = world.users[Role.MEMBER]
    _at_once(member, kinds.CONSULTATION_OPENED, "all")
    now = timezone.now()
    proposal_services.proposal_create(
        actor=SYSTEM,
        body=assembly(),
        title="Scheduled",
        summary="Summary.",
        text="One paragraph.",
        consultation_opens_at=now - timedelta(minutes=1),
        consultation_closes_at=now + timedelta(days=30),
    )
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            consultations_open_due_task.delay()
    assert _told("Consultation open:") == [member.email]


def test_the_representatives_are_told_once_when_the_ballot_opens(
    world, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot()
    notification = Notification.objects.get(kind=kinds.BALLOT_OPENED)
    assert notification.event_key == f"governance:ballot-opened:{ballot.pk}"
    assert _told("Ballot open:") == ["rep@example.org"]
    message = next(m for m in mail.outbox if m.subject.startswith("Ballot open:"))
    assert "declare whether it has a conflict of interest" in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_a_published_decision_goes_to_every_account_in_their_weekly_digest(
    world, django_capture_on_commit_callbacks
) -> None:
    ballot = open_ballot()
    member = world.users[Role.MEMBER]
    _at_once(member, kinds.DECISION_PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        close(ballot)
    assert _told("Decision published:") == [member.email]
    weekly = set(
        NotificationItem.objects.filter(
            notification__kind=kinds.DECISION_PUBLISHED, frequency="weekly"
        ).values_list("user__email", flat=True)
    )
    assert {"rep@example.org", "external@example.org", "root@example.org"} <= weekly
    assert member.email not in weekly


def test_a_consultation_closing_within_48_hours_is_announced_once(
    world, django_capture_on_commit_callbacks
) -> None:
    member = world.users[Role.MEMBER]
    _at_once(member, kinds.CONSULTATION_CLOSING)
    soon = make_proposal(status=S.CONSULTATION, title="Closing soon")
    later = make_proposal(status=S.CONSULTATION, title="Closing later")
    type(later).objects.filter(pk=later.pk).update(
        consultation_closes_at=soon.consultation_closes_at + timedelta(days=10)
    )
    closes = soon.consultation_closes_at
    assert closes is not None
    now = closes - timedelta(hours=47)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            consultations_remind_closing(actor=SYSTEM, now=now)
    assert [m.subject for m in mail.outbox if m.to == [member.email]] == [
        "Consultation closing: “Closing soon”"
    ]


def test_a_ballot_closing_within_48_hours_is_announced_once_to_the_representatives(
    world, django_capture_on_commit_callbacks
) -> None:
    ballot = open_ballot()
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() + timedelta(hours=30))
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            ballots_remind_closing(actor=SYSTEM)
    assert _told("Ballot closing:") == ["rep@example.org"]


def test_beat_sends_the_digests_and_the_reminders() -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "alliance_portal.notifications.tasks.digests_daily_task",
        "alliance_portal.notifications.tasks.digests_weekly_task",
        "governance.tasks.consultations_remind_closing_task",
        "governance.tasks.ballots_remind_closing_task",
    } <= tasks


def test_an_organisations_people_are_told_of_its_own_events(
    world, django_capture_on_commit_callbacks
) -> None:
    """The one call the actions and pledges make (action assigned, overdue, pledge due)."""
    from governance.notifications.events import organisation_notified

    member = world.users[Role.MEMBER]
    notification_preferences_update(
        actor=member,
        user=member,
        choices=[ChoiceInput(kind=kinds.ACTION_ASSIGNED, frequency="weekly")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        organisation_notified(
            kind=kinds.ACTION_ASSIGNED,
            event_key=f"governance:action-assigned:1:{world.own.pk}",
            organisation_id=world.own.pk,
            subject="Action assigned: “Publish the audit”",
            line="Own Organisation is responsible for “Publish the audit”, due 1 March.",
            path="/governance/actions/1/",
        )
    own_people = {"rep@example.org"} | {
        f"own-{level}@example.org" for level in ("public", "members", "secretariat")
    }
    assert set(_told("Action assigned:")) == own_people  # the member chose the digest
    item = NotificationItem.objects.get()
    assert (item.user, item.frequency) == (member, "weekly")
    assert item.notification.link == settings.PORTAL_BASE_URL + "/governance/actions/1/"
