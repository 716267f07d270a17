"""Issue 16's demo data for meetings (item 7): a meeting with minutes and attendance from every
chamber, and two meeting requests, one granted to a community organisation and one declined
with its reason; the seed is idempotent."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from governance.meetings.models import Meeting, MeetingAttendance, MeetingRequest, RequestStatus
from members.models import Chamber

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_meeting_with_minutes_and_every_chamber_attending(demo, client) -> None:
    counts = (Meeting.objects.count(), MeetingRequest.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Meeting.objects.count(), MeetingRequest.objects.count()) == counts

    with_minutes = Meeting.objects.filter(minutes__isnull=False)
    assert with_minutes.exists()
    meeting = with_minutes.get(minutes__approved_at_meeting__isnull=False)
    attended = set(
        MeetingAttendance.objects.filter(meeting=meeting, attended=True).values_list(
            "chamber__slug", flat=True
        )
    )
    assert attended == set(Chamber.objects.values_list("slug", flat=True))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Approved at" in page
    assert meeting.agenda_items.filter(proposal__isnull=False).exists()


def test_the_demo_has_a_granted_community_request_and_a_declined_one(demo, client) -> None:
    granted = MeetingRequest.objects.get(
        status=RequestStatus.SCHEDULED, chamber__slug="affected-communities-labour"
    )
    assert granted.on_behalf_of
    assert granted.meeting is not None
    assert granted.meeting.held
    declined = MeetingRequest.objects.get(status=RequestStatus.DECLINED)
    assert declined.decline_reason
    figures = client.get("/governance/meeting-requests/figures/").content.decode()
    assert 'data-chamber="affected-communities-labour"' in figures


def test_in_development_every_demo_account_signs_in_with_the_demo_password(
    demo_with_logins, client
) -> None:
    from alliance_portal.demo import DEMO_PASSWORD
    from alliance_portal.models import User

    without = [user.email for user in User.objects.all() if not user.has_usable_password()]
    assert without == []
    requesters = User.objects.filter(pk__in=MeetingRequest.objects.values("requester_id"))
    assert requesters.exists()
    for user in requesters:
        assert user.check_password(DEMO_PASSWORD)
        assert re.search(rf"meeting_requester +{re.escape(user.email)}", demo_with_logins)
    requester = requesters.get(meeting_requests__status=RequestStatus.DECLINED)
    client.force_login(requester)
    own = client.get("/governance/meeting-requests/").content.decode()
    assert requester.meeting_requests.get(status=RequestStatus.DECLINED).topic in own
