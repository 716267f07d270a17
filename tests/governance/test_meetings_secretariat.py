"""The secretariat's meeting pages (issue 16, item 3): a meeting is scheduled and changed on the
site with its agenda as an ordered list of items (guided errors), cancelled with a reason shown
on its page and emailed to those told of it; a representative withdraws their organisation's
registration before the meeting. The API does the same through the same use cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.meetings import services
from governance.meetings.models import Meeting, MeetingAttendance
from tests.governance.factories import assembly, make_proposal
from tests.guided import guided

pytestmark = pytest.mark.django_db


def schedule(*, days: float, title: str = "Assembly", **extra) -> Meeting:
    starts = timezone.now() + timedelta(days=days)
    return services.meeting_schedule(
        actor=SYSTEM,
        body=assembly(),
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        place="Lubumbashi",
        **extra,
    )


def _moment(days: float, hours: int = 0) -> str:
    moment = timezone.now() + timedelta(days=days, hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _agenda(items: list[dict], extra_rows: int = 0) -> dict[str, str]:
    data = {
        "agenda-TOTAL_FORMS": str(len(items) + extra_rows),
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "40",
    }
    for number, item in enumerate(items):
        for key, value in item.items():
            data[f"agenda-{number}-{key}"] = str(value)
    return data


def test_the_secretariat_schedules_a_meeting_with_an_ordered_agenda_on_the_site(world) -> None:
    proposal = make_proposal(title="Cobalt traceability")
    staff = world.client_for(Role.SECRETARIAT)
    listing = staff.get("/governance/meetings/").content.decode()
    assert 'href="/governance/meetings/new/"' in listing
    form = staff.get("/governance/meetings/new/").content.decode()
    assert "Agenda item 3" in form
    assert 'type="datetime-local"' in form
    response = staff.post(
        "/governance/meetings/new/",
        {
            "body": assembly().pk,
            "title": "Spring assembly",
            "starts_at": _moment(20),
            "ends_at": _moment(20, 3),
            "link": "meet.example.org/spring",
            "languages": ["en", "fr"],
            "interpretation": ["sw"],
            **_agenda(
                [
                    {"title": "Any other business", "ORDER": 3},
                    {"title": "Opening", "ORDER": 1},
                    {"title": "Traceability", "ORDER": 2, "proposal": proposal.pk},
                    {"title": "Dropped", "ORDER": 4, "DELETE": "on"},
                ],
                extra_rows=1,
            ),
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Spring assembly")
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.link == "https://meet.example.org/spring"
    assert list(meeting.agenda_items.values_list("title", "proposal_id")) == [
        ("Opening", None),
        ("Traceability", proposal.pk),
        ("Any other business", None),
    ]
    told = OutboundEmail.objects.filter(event_key=f"governance:meeting-scheduled:{meeting.pk}")
    assert told.exists()


def test_a_meeting_form_with_mistakes_says_what_to_fix_next_to_each_field(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    response = staff.post(
        "/governance/meetings/new/",
        {
            "body": assembly().pk,
            "title": "",
            "starts_at": "tomorrow",
            "ends_at": _moment(3),
            **_agenda([{"description": "No title given", "ORDER": 1}]),
        },
    )
    html = response.content.decode()
    summary = guided(
        html,
        {
            "Enter the title": "id_title",
            "Enter when the meeting starts as a real date and time, for example 27 3 2026 "
            "14:00": "id_starts_at",
        },
    )
    # An agenda item's message says which item in the summary, and stands beside its field.
    assert (
        '<a href="#id_agenda-0-title">Agenda item 1: Enter the item&#x27;s title, or tick '
        "Remove</a>" in summary
    )
    assert "Error: </span>Enter the item&#x27;s title, or tick Remove</p>" in html
    assert not Meeting.objects.exists()
    # The service's refusals come back on the form too: neither place nor link.
    response = staff.post(
        "/governance/meetings/new/",
        {
            "body": assembly().pk,
            "title": "Nowhere",
            "starts_at": _moment(3),
            "ends_at": _moment(3, 2),
            **_agenda([]),
        },
    )
    assert "Give a place, a link to join online, or both." in response.content.decode()


def test_pages_of_the_secretariat_are_refused_to_members(world) -> None:
    meeting = schedule(days=5)
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.EXTERNAL_STAKEHOLDER):
        client = world.client_for(role)
        assert client.get("/governance/meetings/new/").status_code == 403
        assert client.get(f"/governance/meetings/{meeting.pk}/change/").status_code == 403
        assert client.get(f"/governance/meetings/{meeting.pk}/cancel/").status_code == 403
    page = world.client_for(Role.MEMBER).get(meeting.get_absolute_url()).content.decode()
    assert "Cancel the meeting" not in page


def test_the_secretariat_changes_the_agenda_and_the_place_and_people_are_told(world) -> None:
    meeting = schedule(
        days=6,
        agenda=[services.AgendaInput(title="Opening"), services.AgendaInput(title="Report")],
    )
    staff = world.client_for(Role.SECRETARIAT)
    page = staff.get(meeting.get_absolute_url()).content.decode()
    assert f'href="/governance/meetings/{meeting.pk}/change/"' in page
    form = staff.get(f"/governance/meetings/{meeting.pk}/change/").content.decode()
    assert 'value="Report"' in form
    assert 'name="body"' not in form  # a meeting stays with its body
    data = {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": "Kinshasa",
        **_agenda(
            [
                {"title": "Opening", "ORDER": 2},
                {"title": "Report", "ORDER": 1},
                {"title": "Budget", "ORDER": 3},
            ]
        ),
    }
    data["agenda-INITIAL_FORMS"] = "2"
    assert staff.post(f"/governance/meetings/{meeting.pk}/change/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Kinshasa"
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [
        "Report",
        "Opening",
        "Budget",
    ]
    assert OutboundEmail.objects.filter(
        event_key=f"governance:meeting-changed:{meeting.pk}:2"
    ).exists()


def test_a_cancelled_meeting_shows_its_reason_and_those_told_of_it_are_told_again(
    world,
) -> None:
    meeting = schedule(days=8)
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    services.meeting_register(actor=representative, meeting=meeting)
    staff = world.client_for(Role.SECRETARIAT)
    refused = staff.post(f"/governance/meetings/{meeting.pk}/cancel/", {"reason": " "})
    guided(refused.content.decode(), {"Enter the reason the meeting is cancelled": "id_reason"})
    response = staff.post(
        f"/governance/meetings/{meeting.pk}/cancel/", {"reason": "The venue flooded."}
    )
    assert response.status_code == 302
    page = world.client_for(Role.MEMBER).get(meeting.get_absolute_url()).content.decode()
    assert "This meeting was cancelled" in page
    assert "The venue flooded." in page
    assert "Register my organisation" not in page
    email = OutboundEmail.objects.get(event_key=f"governance:meeting-cancelled:{meeting.pk}")
    assert email.recipient == representative.email
    assert "The venue flooded." in email.body
    assert "Cancelled" in APIClient().get("/governance/meetings/").content.decode()
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_update(actor=SYSTEM, meeting=meeting, changes={"place": "Goma"})
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_cancel(actor=SYSTEM, meeting=meeting, reason="Again.")
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_unregister(actor=representative, meeting=meeting)


def test_a_meeting_that_has_begun_is_not_cancelled_and_only_the_secretariat_cancels(
    world,
) -> None:
    started = schedule(days=-0.01)
    with pytest.raises(ValidationError, match="begun"):
        services.meeting_cancel(actor=SYSTEM, meeting=started, reason="Too late.")
    upcoming = schedule(days=3)
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], meeting=upcoming, reason="No."
        )


def test_a_representative_withdraws_the_registration_before_the_meeting(world) -> None:
    meeting = schedule(days=4)
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    client.post(f"/governance/meetings/{meeting.pk}/register/")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Withdraw my organisation" in page
    response = client.post(f"/governance/meetings/{meeting.pk}/unregister/", follow=True)
    assert "registration is withdrawn" in response.content.decode()
    assert not MeetingAttendance.objects.filter(meeting=meeting).exists()
    again = client.post(f"/governance/meetings/{meeting.pk}/unregister/", follow=True)
    assert "not registered" in again.content.decode()
    member = world.users[Role.MEMBER]
    with pytest.raises(PermissionDenied, match="representative"):
        services.meeting_unregister(actor=member, meeting=meeting)
    started = schedule(days=-0.01, title="Started")
    MeetingAttendance.objects.create(
        meeting=started,
        organisation=world.own,
        chamber=world.own.chamber,
        registered_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="begun"):
        services.meeting_unregister(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], meeting=started
        )


def test_the_api_cancels_a_meeting_and_withdraws_a_registration(world) -> None:
    meeting = schedule(days=9)
    api = APIClient()
    api.force_authenticate(world.users[Role.ORGANISATION_REPRESENTATIVE])
    url = f"/api/v1/meetings/{meeting.pk}/registrations/"
    assert api.post(url).status_code == 201
    assert api.delete(url).status_code == 204
    assert api.delete(url).status_code == 400
    assert (
        api.post(f"/api/v1/meetings/{meeting.pk}/cancellation/", {"reason": "x"}).status_code == 403
    )
    api.force_authenticate(world.users[Role.SECRETARIAT])
    assert api.post(f"/api/v1/meetings/{meeting.pk}/cancellation/", {}).status_code == 400
    answer = api.post(
        f"/api/v1/meetings/{meeting.pk}/cancellation/", {"reason": "No quorum expected."}
    ).json()
    assert answer["cancelled"] is True
    assert answer["cancel_reason"] == "No quorum expected."
    assert APIClient().get(f"/api/v1/meetings/{meeting.pk}/").json()["cancelled"] is True
