"""Meetings (issue 16, item 3): scheduling with an agenda, registration by representatives,
attendance recorded by the secretariat, minutes published after the meeting and approved at a
later meeting of the body; equal-access requests scheduled or declined with a reason; every
notification through the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.meetings import services
from governance.meetings.models import MeetingAttendance, RequestStatus
from members.models import Chamber
from tests.governance.factories import assembly

pytestmark = pytest.mark.django_db


def schedule(*, days: float, title: str = "Assembly", actor=SYSTEM, **extra):
    starts = timezone.now() + timedelta(days=days)
    values = {
        "body": assembly(),
        "title": title,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "place": "Lubumbashi",
        "languages": ["en", "fr"],
        "interpretation": ["sw"],
        **extra,
    }
    return services.meeting_schedule(actor=actor, **values)


def test_the_secretariat_schedules_a_meeting_with_its_agenda_in_order(world) -> None:
    meeting = schedule(
        days=10,
        actor=world.users[Role.SECRETARIAT],
        agenda=[
            services.AgendaInput(title="Opening"),
            services.AgendaInput(
                title="Report", document_title="Report", document_url="https://example.org/r"
            ),
        ],
    )
    items = list(meeting.agenda_items.values_list("position", "title"))
    assert items == [(1, "Opening"), (2, "Report")]
    assert meeting.language_labels == ["English", "Français"]
    assert meeting.interpretation_labels == ["Kiswahili"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"place": ""}, "place"),
        ({"ends_at": timezone.now() - timedelta(days=400)}, "ends_at"),
        ({"languages": ["xx"]}, "languages"),
        ({"title": " "}, "title"),
    ],
)
def test_a_meeting_without_a_place_or_with_bad_times_is_refused(world, changes, field) -> None:
    with pytest.raises(ValidationError) as refused:
        schedule(days=10, **changes)
    assert field in refused.value.message_dict


def test_only_the_secretariat_schedules(world) -> None:
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.EXTERNAL_STAKEHOLDER):
        with pytest.raises(PermissionDenied):
            schedule(days=10, actor=world.users[role])


def test_members_and_registered_organisations_are_told_of_a_meeting_and_its_changes(
    world,
) -> None:
    meeting = schedule(days=10)
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    scheduled = OutboundEmail.objects.filter(event_key=f"governance:meeting-scheduled:{meeting.pk}")
    # The assembly's members are every active member organisation: A's representative is told.
    assert list(scheduled.values_list("recipient", flat=True)) == [representative.email]
    assert "Lubumbashi" in scheduled.get().body

    services.meeting_update(actor=SYSTEM, meeting=meeting, changes={"place": "Kinshasa"})
    changed = OutboundEmail.objects.get(event_key=f"governance:meeting-changed:{meeting.pk}:2")
    assert changed.recipient == representative.email
    assert "Kinshasa" in changed.body
    # Nothing people were told of changed: no new email.
    services.meeting_update(actor=SYSTEM, meeting=meeting, changes={"place": "Kinshasa"})
    assert OutboundEmail.objects.filter(event_key__contains=f":{meeting.pk}:3").count() == 0


def test_a_meeting_that_has_begun_cannot_be_changed(world) -> None:
    meeting = schedule(days=-1)
    with pytest.raises(ValidationError, match="has begun"):
        services.meeting_update(actor=SYSTEM, meeting=meeting, changes={"place": "Elsewhere"})


def test_a_representative_registers_their_organisation_once_before_the_start(world) -> None:
    meeting = schedule(days=10)
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    registered = services.meeting_register(actor=representative, meeting=meeting)
    assert registered.organisation == world.own
    assert registered.chamber == world.own.chamber
    with pytest.raises(ValidationError, match="already"):
        services.meeting_register(actor=representative, meeting=meeting)
    with pytest.raises(PermissionDenied, match="representative"):
        services.meeting_register(actor=world.users[Role.MEMBER], meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.meeting_register(actor=world.users[Role.SECRETARIAT], meeting=meeting)
    started = schedule(days=-0.01, title="Started")
    with pytest.raises(ValidationError, match="closed"):
        services.meeting_register(actor=representative, meeting=started)


def test_the_secretariat_records_who_attended_after_the_start(world, make_organisation) -> None:
    meeting = schedule(days=10)
    services.meeting_register(actor=world.users[Role.ORGANISATION_REPRESENTATIVE], meeting=meeting)
    with pytest.raises(ValidationError, match="once the meeting has started"):
        services.meeting_attendance_record(actor=SYSTEM, meeting=meeting, attended=[])
    later = meeting.starts_at + timedelta(hours=1)
    services.meeting_attendance_record(
        actor=SYSTEM, meeting=meeting, attended=[world.other], now=later
    )
    rows = dict(MeetingAttendance.objects.values_list("organisation__name", "attended"))
    # A registered and did not come; B came without registering.
    assert rows == {world.own.name: False, world.other.name: True}
    meeting.refresh_from_db()
    assert meeting.held


def test_minutes_are_published_after_the_meeting_and_approved_at_a_later_one(world) -> None:
    meeting = schedule(days=-10)
    next_one = schedule(days=-1, title="Next assembly")
    with pytest.raises(ValidationError, match="after the meeting"):
        services.meeting_minutes_publish(
            actor=SYSTEM, meeting=next_one, text="Too early.", now=next_one.starts_at
        )
    minutes = services.meeting_minutes_publish(actor=SYSTEM, meeting=meeting, text="Minutes.")
    assert minutes.disclosure == "members"
    earlier = schedule(days=-20, title="Earlier assembly")
    with pytest.raises(ValidationError, match="later meeting"):
        services.meeting_minutes_approve(actor=SYSTEM, meeting=meeting, at_meeting=earlier)
    future = schedule(days=5, title="Future assembly")
    with pytest.raises(ValidationError, match="not started"):
        services.meeting_minutes_approve(actor=SYSTEM, meeting=meeting, at_meeting=future)
    approved = services.meeting_minutes_approve(actor=SYSTEM, meeting=meeting, at_meeting=next_one)
    assert approved.approved_at_meeting == next_one
    with pytest.raises(ValidationError, match="approved"):
        services.meeting_minutes_publish(actor=SYSTEM, meeting=meeting, text="Rewritten.")
    with pytest.raises(PermissionDenied):
        services.meeting_minutes_publish(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], meeting=next_one, text="Mine."
        )


# --- meeting requests ---------------------------------------------------------------------------


def test_anyone_signed_in_requests_a_meeting_in_their_chamber(world) -> None:
    communities = Chamber.objects.create(slug="communities", name="Communities", order=5)
    external = world.users[Role.EXTERNAL_STAKEHOLDER]
    request = services.meeting_request_create(
        actor=external,
        body=assembly(),
        topic="Water at Kasulo",
        chamber=communities,
        on_behalf_of="Kasulo residents' committee",
        preferred_language="sw",
        meet_with="chair",
    )
    assert (request.requester, request.chamber, request.status) == (
        external,
        communities,
        RequestStatus.PENDING,
    )
    with pytest.raises(ValidationError) as refused:
        services.meeting_request_create(
            actor=external, body=assembly(), topic="No chamber", preferred_language="xx"
        )
    assert {"chamber", "preferred_language"} <= set(refused.value.message_dict)
    # A member asks in their organisation's chamber, never another.
    member = world.users[Role.MEMBER]
    with pytest.raises(ValidationError, match="choose that chamber"):
        services.meeting_request_create(
            actor=member, body=assembly(), topic="T", chamber=communities, preferred_language="en"
        )
    own = services.meeting_request_create(
        actor=member, body=assembly(), topic="T", preferred_language="en"
    )
    assert (own.chamber, own.organisation) == (world.own.chamber, world.own)
    with pytest.raises(PermissionDenied, match="yourself"):
        services.meeting_request_create(
            actor=member, requester=external, body=assembly(), topic="T", preferred_language="en"
        )


def test_the_secretariat_schedules_or_declines_and_the_requester_is_told(world) -> None:
    external = world.users[Role.EXTERNAL_STAKEHOLDER]
    secretariat = world.users[Role.SECRETARIAT]

    def ask(topic: str):
        return services.meeting_request_create(
            actor=external,
            body=assembly(),
            topic=topic,
            chamber=world.own.chamber,
            preferred_language="fr",
        )

    granted, declined = ask("Granted"), ask("Declined")
    with pytest.raises(PermissionDenied):
        services.meeting_request_decline(actor=external, request=declined, reason="No.")
    with pytest.raises(ValidationError, match="after the request"):
        services.meeting_request_schedule(
            actor=secretariat, request=granted, meeting=schedule(days=-3, title="Before")
        )
    meeting = schedule(days=12)
    services.meeting_request_schedule(actor=secretariat, request=granted, meeting=meeting)
    with pytest.raises(ValidationError, match="reason"):
        services.meeting_request_decline(actor=secretariat, request=declined, reason=" ")
    services.meeting_request_decline(actor=secretariat, request=declined, reason="Wrong body.")
    with pytest.raises(ValidationError, match="already"):
        services.meeting_request_decline(actor=secretariat, request=granted, reason="Changed.")

    emails = {
        email.event_key: email
        for email in OutboundEmail.objects.filter(event_key__startswith="governance:meeting-req")
    }
    told = emails[f"governance:meeting-request-decided:{granted.pk}"]
    assert told.recipient == external.email
    assert meeting.title in told.body
    assert "Lubumbashi" in told.body
    refused = emails[f"governance:meeting-request-decided:{declined.pk}"]
    assert "Wrong body." in refused.body
    assert refused.recipient == external.email
