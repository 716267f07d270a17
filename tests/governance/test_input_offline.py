"""Input that does not come through a browser (issue 16, item 4): the secretariat records
input received at a meeting, by phone, letter, radio or through an interpreter on behalf of a
community organisation or group; it counts in participation by chamber, says how it came in
and for whom, and is answered like any comment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.consultations import selectors
from governance.consultations import services as consultation_services
from governance.consultations.models import Channel, Comment, CommunityGroup
from governance.proposals.models import ProposalStatus
from members.models import Chamber
from tests.governance.factories import make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def communities(db) -> Chamber:
    return Chamber.objects.create(slug="affected-communities", name="Affected communities", order=2)


def _row(participation: dict, chamber: str) -> dict:
    return next(row for row in participation["chambers"] if row["chamber"] == chamber)


def test_participation_by_chamber_counts_recorded_offline_input(
    world, api_for, make_organisation, communities
) -> None:
    """Issue 16's check: "Participation by chamber counts recorded offline input"."""
    collective = make_organisation("Lualaba Mining Communities Network", chamber=communities)
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    staff = api_for(Role.SECRETARIAT)
    participation_url = f"/api/v1/proposals/{proposal.pk}/participation/"
    before = _row(staff.get(participation_url).json(), communities.slug)
    assert (before["commented"], before["groups"], before["offline"]) == (0, 0, 0)

    by_phone = staff.post(
        f"/api/v1/proposals/{proposal.pk}/received-input/",
        {
            "channel": "phone",
            "author_kind": "member",
            "organisation": collective.slug,
            "text": "Our members want the meetings held in Kolwezi.",
            "paragraph": 2,
        },
        format="json",
    )
    assert by_phone.status_code == 201, by_phone.content
    assert by_phone.json()["received_as"] == (
        "Received by phone on behalf of Lualaba Mining Communities Network"
    )
    at_meeting = staff.post(
        f"/api/v1/proposals/{proposal.pk}/received-input/",
        {
            "channel": "interpreter",
            "author_kind": "group",
            "group_name": "Kasulo Women's Savings Group",
            "group_chamber": communities.slug,
            "language": "sw",
            "text": "Tunataka taarifa kwa Kiswahili.",
        },
        format="json",
    )
    assert at_meeting.status_code == 201, at_meeting.content
    assert at_meeting.json()["group"] == {
        "name": "Kasulo Women's Savings Group",
        "chamber": communities.slug,
    }
    assert at_meeting.json()["chamber"] == communities.slug

    # The API, the page and the selector say the same, for anyone.
    public = api_for(Role.ANONYMOUS).get(participation_url).json()
    row = _row(public, communities.slug)
    assert (row["commented"], row["groups"], row["offline"]) == (1, 1, 2)
    assert (row["eligible"], row["eligible_commented"]) == (1, 1)
    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert (
        f'data-chamber="{communities.slug}" data-commented="1" data-groups="1" data-offline="2"'
    ) in html
    rows = {
        r.chamber.slug: r for r in selectors.consultation_participation(proposal=proposal).chambers
    }
    assert (rows[communities.slug].heard, rows[communities.slug].offline) == (2, 2)
    # Nothing counted twice elsewhere: the civil-society chamber heard nobody.
    assert _row(public, "civil-society")["commented"] == 0


def test_recorded_input_says_how_and_for_whom_and_who_recorded_it_only_to_staff(
    world, api_for, make_organisation, communities
) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    staff_user = world.users[Role.SECRETARIAT]
    staff_user.display_name = "Amani Staffer"
    staff_user.save()
    comment = consultation_services.comment_record_received(
        actor=staff_user,
        proposal=proposal,
        text="Please translate the proposal.",
        author_kind="group",
        group_name="Kolwezi Artisanal Miners' Group",
        group_chamber=communities,
        channel=Channel.RADIO,
    )
    assert comment.recorded_by == staff_user
    assert comment.status == "shown"
    public_html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert "Received by radio on behalf of Kolwezi Artisanal Miners&#x27; Group" in public_html
    assert "recorded by the secretariat" in public_html
    assert "Amani Staffer" not in public_html
    staff_html = (
        world.client_for(Role.SECRETARIAT).get(proposal.get_absolute_url()).content.decode()
    )
    assert "recorded by Amani Staffer for the secretariat" in staff_html
    public_api = api_for(Role.ANONYMOUS).get(f"/api/v1/proposals/{proposal.pk}/comments/")
    assert "recorded_by" not in public_api.json()["results"][0]
    staff_api = api_for(Role.SECRETARIAT).get(f"/api/v1/proposals/{proposal.pk}/comments/")
    assert staff_api.json()["results"][0]["channel"] == "radio"

    # Answered like any comment, and part of "you said, we did".
    answered = api_for(Role.SECRETARIAT).put(
        f"/api/v1/comments/{comment.pk}/response/",
        {"outcome": "accepted", "reason": "A Swahili translation is added."},
        format="json",
    )
    assert answered.status_code == 200, answered.content
    table = api_for(Role.ANONYMOUS).get(f"/api/v1/proposals/{proposal.pk}/responses/").json()
    assert [row["response"]["outcome"] for row in table] == ["accepted"]


def test_recording_input_is_the_secretariats_and_refuses_what_is_unclear(
    world, api_for, make_organisation, communities
) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    url = f"/api/v1/proposals/{proposal.pk}/received-input/"
    body = {"channel": "letter", "author_kind": "group", "group_name": "Riverside Group"}
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.EXTERNAL_STAKEHOLDER):
        assert api_for(role).post(url, {**body, "text": "Hi."}, format="json").status_code == 403
    staff = api_for(Role.SECRETARIAT)
    # A group named for the first time needs its chamber.
    refused = staff.post(url, {**body, "text": "Hi."}, format="json")
    assert refused.status_code == 400
    assert "chamber" in str(refused.json()["group_chamber"])
    # Input through the portal is not "received".
    portal = staff.post(
        url, {**body, "channel": "portal", "group_chamber": communities.slug, "text": "Hi."}
    )
    assert portal.status_code == 400
    # A member organisation is not recorded as a group.
    make_organisation("Riverside Cooperative", chamber=communities)
    named = staff.post(
        url,
        {
            **body,
            "group_name": "riverside cooperative",
            "group_chamber": communities.slug,
            "text": "Hi.",
        },
        format="json",
    )
    assert named.status_code == 400
    assert "member organisation" in str(named.json()["group_name"])
    assert not Comment.objects.exists()

    # A group named again (in another case) is found, never created twice.
    for name in ("Riverside Group", "RIVERSIDE GROUP"):
        ok = staff.post(
            url,
            {**body, "group_name": name, "group_chamber": communities.slug, "text": "Hi."},
            format="json",
        )
        assert ok.status_code == 201, ok.content
    assert CommunityGroup.objects.count() == 1
    assert selectors.consultation_participation(proposal=proposal).groups == 1

    # A members' consultation takes a group's input only through a member organisation.
    members_consultation = make_proposal(status=S.CONSULTATION, title="For members")
    with pytest.raises(ValidationError) as error:
        consultation_services.comment_record_received(
            actor=SYSTEM,
            proposal=members_consultation,
            text="Hi.",
            author_kind="group",
            group_name="Riverside Group",
            channel=Channel.MEETING,
        )
    assert "member organisations only" in str(error.value)


def test_the_staff_form_guides_and_records_input(world, communities) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    client = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/received-input/"
    page = client.get(url)
    assert page.status_code == 200
    assert "By phone" in page.content.decode()
    empty = client.post(url, {"group_name": ""})
    assert empty.status_code == 200
    text = empty.content.decode()
    assert "Choose how the input was received" in text
    assert not Comment.objects.exists()

    done = client.post(
        url,
        {
            "channel": "meeting",
            "author_kind": "member",
            "organisation": str(world.other.pk),
            "language": "fr",
            "paragraph": "3",
            "text": "Nous soutenons le paragraphe 3.",
        },
    )
    assert done.status_code == 302
    comment = Comment.objects.get()
    assert (comment.organisation, comment.channel, comment.language, comment.paragraph) == (
        world.other,
        "meeting",
        "fr",
        3,
    )
    assert comment.recorded_by == world.users[Role.SECRETARIAT]
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Received at a meeting on behalf of Other Organisation" in html
    assert 'lang="fr"' in html
    # Members see no such form.
    assert world.client_for(Role.MEMBER).get(url).status_code == 403
