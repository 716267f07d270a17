"""Consultations: who comments where, moderation of external stakeholders' comments,
numbered paragraphs, one reply level, responses, and participation by chamber."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.bodies import services as body_services
from governance.consultations import selectors
from governance.consultations import services as consultation_services
from governance.consultations.models import Comment, CommentStatus
from governance.proposals.models import ProposalStatus
from members.models import Chamber
from tests.governance.factories import make_proposal, member_comment

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _api_comment_texts(api, proposal) -> set[str]:
    response = api.get(f"/api/v1/proposals/{proposal.pk}/comments/")
    assert response.status_code == 200, response.content
    return {comment["text"] for comment in response.json()["results"]}


# --- who may comment where ---------------------------------------------------------------------


def test_an_external_stakeholder_cannot_comment_on_a_members_only_consultation(
    world, api_for
) -> None:
    external = api_for(Role.EXTERNAL_STAKEHOLDER)
    # A public proposal whose consultation is for member organisations only.
    public_proposal = make_proposal(status=S.CONSULTATION, public_consultation=False)
    response = external.post(
        f"/api/v1/proposals/{public_proposal.pk}/comments/", {"text": "Let me in."}
    )
    assert response.status_code == 403
    assert "member organisations only" in response.json()["detail"]
    page = world.client_for(Role.EXTERNAL_STAKEHOLDER).post(
        f"/governance/proposals/{public_proposal.pk}/comment/", {"text": "Let me in."}
    )
    assert page.status_code == 403
    # A members-only proposal: the external stakeholder does not even see it.
    members_only = make_proposal(
        status=S.CONSULTATION, disclosure=DisclosureLevel.MEMBERS, title="Members only"
    )
    response = external.post(f"/api/v1/proposals/{members_only.pk}/comments/", {"text": "Hi."})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        consultation_services.comment_post(
            actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=members_only, text="Hi."
        )
    assert not Comment.objects.exists()


def test_an_external_comment_on_a_public_consultation_is_invisible_until_approved(
    world, api_for, django_capture_on_commit_callbacks
) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    external = api_for(Role.EXTERNAL_STAKEHOLDER)
    posted = external.post(
        f"/api/v1/proposals/{proposal.pk}/comments/",
        {"text": "Hold the meetings in our village.", "paragraph": 2},
    )
    assert posted.status_code == 201
    assert posted.json()["status"] == "held"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD
    assert comment.organisation is None

    text = "Hold the meetings in our village."
    for role in (
        Role.ANONYMOUS,
        Role.EXTERNAL_STAKEHOLDER,
        Role.MEMBER,
        Role.ORGANISATION_REPRESENTATIVE,
        Role.CIVIL_SOCIETY_REVIEWER,
    ):
        assert text not in _api_comment_texts(api_for(role), proposal), role
        html = world.client_for(role).get(proposal.get_absolute_url()).content.decode()
        assert text not in html, role
        responses = api_for(role).get(f"/api/v1/proposals/{proposal.pk}/responses/").json()
        assert text not in str(responses), role
    assert text in _api_comment_texts(api_for(Role.SECRETARIAT), proposal)
    assert (
        "1 awaiting moderation"
        in world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        moderation = api_for(Role.SECRETARIAT).post(
            f"/api/v1/comments/{comment.pk}/moderation/", {"decision": "approve"}
        )
    assert moderation.status_code == 200
    assert text in _api_comment_texts(api_for(Role.ANONYMOUS), proposal)
    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert text in html
    assert world.users[Role.EXTERNAL_STAKEHOLDER].email not in html  # never an email as a name
    assert len(mail.outbox) == 1
    assert "is now shown" in mail.outbox[0].subject


def test_a_rejected_comment_stays_invisible_and_needs_a_reason(
    world, api_for, django_capture_on_commit_callbacks
) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text="Buy my stocks."
    )
    comment = Comment.objects.get()
    staff = api_for(Role.SECRETARIAT)
    refused = staff.post(f"/api/v1/comments/{comment.pk}/moderation/", {"decision": "reject"})
    assert refused.status_code == 400
    assert "reason" in refused.json()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/api/v1/comments/{comment.pk}/moderation/",
            {"decision": "reject", "reason": "Advertising."},
        )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "Buy my stocks." not in _api_comment_texts(api_for(Role.MEMBER), proposal)
    staff_view = staff.get(f"/api/v1/proposals/{proposal.pk}/comments/").json()["results"]
    assert staff_view[0]["moderation_reason"] == "Advertising."
    assert "Advertising." in mail.outbox[-1].body
    # Only the secretariat moderates.
    member = api_for(Role.MEMBER)
    assert (
        member.post(f"/api/v1/comments/{comment.pk}/moderation/", {"decision": "approve"})
    ).status_code == 403


def test_members_comments_are_shown_at_once_and_speak_for_their_organisation(
    world, api_for
) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    response = api_for(Role.MEMBER).post(
        f"/api/v1/proposals/{proposal.pk}/comments/", {"text": "We agree.", "paragraph": 1}
    )
    assert response.status_code == 201
    listed = api_for(Role.ANONYMOUS).get(f"/api/v1/proposals/{proposal.pk}/comments/").json()
    (comment,) = listed["results"]
    assert comment["organisation"] == world.own.slug
    assert comment["chamber"] == world.own.chamber.slug
    assert comment["paragraph"] == 1
    # The member's person is members-level by default: the public sees the organisation only.
    assert comment["author_name"] == ""
    member_view = api_for(Role.MEMBER).get(f"/api/v1/proposals/{proposal.pk}/comments/").json()
    assert member_view["results"][0]["author_name"] == "Mia Member"


def test_comments_are_taken_only_while_the_consultation_is_open(world, api_for) -> None:
    draft = make_proposal(status=S.DRAFT)
    closed = make_proposal(status=S.DELIBERATION, title="Closed")
    for proposal in (draft, closed):
        response = api_for(Role.MEMBER).post(
            f"/api/v1/proposals/{proposal.pk}/comments/", {"text": "Late."}
        )
        assert response.status_code == 400
        assert "not open" in str(response.json())
    assert not Comment.objects.exists()


# --- paragraphs and replies --------------------------------------------------------------------


def test_a_comment_names_a_paragraph_the_proposal_has(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION)  # four paragraphs
    member = api_for(Role.MEMBER)
    bad = member.post(f"/api/v1/proposals/{proposal.pk}/comments/", {"text": "Hm.", "paragraph": 5})
    assert bad.status_code == 400
    assert bad.json()["paragraph"] == ["The proposal has paragraphs 1 to 4."]
    good = member.post(
        f"/api/v1/proposals/{proposal.pk}/comments/", {"text": "On the list.", "paragraph": 3}
    )
    assert good.status_code == 201
    detail = member.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert [p["number"] for p in detail["paragraphs"]] == [1, 2, 3, 4]
    assert detail["paragraphs"][2]["text"].startswith("- the secretariat publishes")


def test_replies_go_one_level_deep(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    top = member_comment(proposal, world.other, "Top.")
    reply = consultation_services.comment_post(
        actor=world.users[Role.MEMBER], proposal=proposal, text="Reply.", parent=top
    )
    with pytest.raises(ValidationError) as refused:
        consultation_services.comment_post(
            actor=world.users[Role.MEMBER], proposal=proposal, text="Deeper.", parent=reply
        )
    assert "one level deep" in str(refused.value)
    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert f'aria-label="Replies to comment #{top.pk}"' in html


def test_the_comment_form_works_without_javascript(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    client = world.client_for(Role.MEMBER)
    form = client.get(f"/governance/proposals/{proposal.pk}/comment/?paragraph=2")
    html = form.content.decode()
    assert '<option value="2" selected>' in html
    assert 'label for="id_text"' in html
    empty = client.post(f"/governance/proposals/{proposal.pk}/comment/", {"text": "  "})
    assert empty.status_code == 200
    assert "Enter your comment" in empty.content.decode()
    sent = client.post(
        f"/governance/proposals/{proposal.pk}/comment/",
        {"text": "Paragraph two needs a deadline.", "paragraph": "2"},
    )
    comment = Comment.objects.get()
    assert sent.status_code == 302
    assert sent.headers["Location"].endswith("#messages")  # the success message
    assert comment.paragraph == 2
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'href="#p2">¶2</a>' in page


def test_user_markdown_is_sanitized(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    consultation_services.comment_post(
        actor=world.users[Role.MEMBER],
        proposal=proposal,
        text="**Bold** <script>alert(1)</script> [x](javascript:alert(1))",
    )
    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript' not in html


# --- responses ---------------------------------------------------------------------------------


def test_the_secretariat_answers_every_shown_comment(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    comment = member_comment(proposal, world.other, "Add a deadline.")
    member = api_for(Role.MEMBER)
    assert (
        member.put(
            f"/api/v1/comments/{comment.pk}/response/", {"outcome": "accepted", "reason": "x"}
        ).status_code
        == 403
    )
    staff = api_for(Role.SECRETARIAT)
    response = staff.put(
        f"/api/v1/comments/{comment.pk}/response/",
        {"outcome": "partly_accepted", "reason": "Deadline added for new sites."},
    )
    assert response.status_code == 200
    table = api_for(Role.ANONYMOUS).get(f"/api/v1/proposals/{proposal.pk}/responses/").json()
    assert table[0]["response"]["outcome"] == "partly_accepted"
    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert "Deadline added for new sites." in html
    assert "Partly accepted" in html


# --- participation by chamber ------------------------------------------------------------------


def test_participation_by_chamber_on_the_page_equals_the_count_from_the_api_comments(
    world, api_for, make_organisation
) -> None:
    upstream = Chamber.objects.create(slug="industry-upstream", name="Industry upstream", order=1)
    miner_a = make_organisation("Miner A", chamber=upstream)
    miner_b = make_organisation("Miner B", chamber=upstream)
    make_organisation("Miner C", chamber=upstream)  # eligible, silent
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    first = member_comment(proposal, miner_a, "One.")
    member_comment(proposal, miner_a, "Two, same organisation.")
    member_comment(proposal, miner_b, "Three.", parent=first)
    member_comment(proposal, world.own, "Civil society speaks.")
    consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text="Held."
    )
    consultation_services.comment_post(
        actor=world.users[Role.CIVIL_SOCIETY_REVIEWER], proposal=proposal, text="Reviewer."
    )

    organisations_by_chamber: dict[str, set[str]] = defaultdict(set)
    for comment in (
        api_for(Role.ANONYMOUS)
        .get(f"/api/v1/proposals/{proposal.pk}/comments/?page_size=200")
        .json()["results"]
    ):
        if comment["organisation"]:
            organisations_by_chamber[comment["chamber"]].add(comment["organisation"])
    from_api = {chamber: len(orgs) for chamber, orgs in organisations_by_chamber.items()}
    assert from_api == {"industry-upstream": 2, "civil-society": 1}

    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    for chamber in Chamber.objects.all():
        assert (
            f'data-chamber="{chamber.slug}" data-commented="{from_api.get(chamber.slug, 0)}"'
            in html
        ), chamber
    participation = (
        api_for(Role.ANONYMOUS).get(f"/api/v1/proposals/{proposal.pk}/participation/").json()
    )
    assert {row["chamber"]: row["commented"] for row in participation["chambers"]} == {
        chamber.slug: from_api.get(chamber.slug, 0) for chamber in Chamber.objects.all()
    }
    upstream_row = next(r for r in participation["chambers"] if r["chamber"] == upstream.slug)
    assert (upstream_row["eligible"], upstream_row["eligible_commented"]) == (3, 2)
    assert participation["external"] == {"shown": 0, "held": 1, "rejected": 0}
    assert "External stakeholders' comments: 0 shown, 1 awaiting moderation" in html
    # The same function serves page, API and this test.
    rows = selectors.consultation_participation(proposal=proposal).chambers
    assert {row.chamber.slug: row.commented for row in rows} == {
        r["chamber"]: r["commented"] for r in participation["chambers"]
    }


def test_participation_of_a_board_counts_its_seat_holders_as_eligible(world) -> None:
    from datetime import date

    from governance.bodies.models import Body, BodySeat

    board = Body.objects.create(slug="board", name="Board", kind="executive_board")
    BodySeat.objects.create(body=board, chamber=world.own.chamber, seats=2)
    body_services.seat_holder_add(
        actor=SYSTEM, body=board, organisation=world.own, term_start=date(2024, 1, 1)
    )
    proposal = make_proposal(status=S.CONSULTATION, body=board)
    member_comment(proposal, world.other, "Not on the board, still heard.")
    (row,) = [
        r
        for r in selectors.consultation_participation(proposal=proposal).chambers
        if r.chamber == world.own.chamber
    ]
    assert (row.commented, row.eligible, row.eligible_commented) == (1, 1, 0)
