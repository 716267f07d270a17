"""The admin goes through the same services: consultations opened and closed, comments
moderated, RS issues' status changed with a reason."""

from __future__ import annotations

import pytest
from django.contrib.admin import helpers

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.consultations import services as consultation_services
from governance.consultations.models import Comment, CommentResponse, CommentStatus
from governance.objectives import services as objective_services
from governance.objectives.models import Issue
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.factories import assembly, make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db


def test_admin_actions_open_and_close_consultations(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    ready = make_proposal(title="Ready")
    unscheduled = make_proposal(title="Unscheduled")
    Proposal.objects.filter(pk=unscheduled.pk).update(consultation_closes_at=None)
    response = staff.post(
        "/admin/governance/proposal/",
        {"action": "open_consultations", helpers.ACTION_CHECKBOX_NAME: [ready.pk, unscheduled.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Consultation opened: 1 proposal(s)." in page
    assert "Set a closing time in the future" in page
    assert dict(Proposal.objects.values_list("title", "status")) == {
        "Ready": S.CONSULTATION,
        "Unscheduled": S.DRAFT,
    }
    staff.post(
        "/admin/governance/proposal/",
        {"action": "close_consultations", helpers.ACTION_CHECKBOX_NAME: [ready.pk]},
    )
    ready.refresh_from_db()
    assert ready.status == S.DELIBERATION
    assert ready.status_changes.last().actor == world.users[Role.SECRETARIAT]


def test_admin_moderates_comments_and_asks_the_reason_to_reject(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    for text in ("Fine.", "Spam."):
        consultation_services.comment_post(
            actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text=text
        )
    fine, spam = Comment.objects.order_by("pk")
    staff = world.client_for(Role.SECRETARIAT)
    staff.post(
        "/admin/governance/comment/",
        {"action": "approve", helpers.ACTION_CHECKBOX_NAME: [fine.pk]},
    )
    asked = staff.post(
        "/admin/governance/comment/", {"action": "reject", helpers.ACTION_CHECKBOX_NAME: [spam.pk]}
    )
    assert asked.status_code == 200
    assert "Reject the comments" in asked.content.decode()
    staff.post(
        "/admin/governance/comment/",
        {
            "action": "reject",
            "apply": "1",
            "reason": "Advertising.",
            helpers.ACTION_CHECKBOX_NAME: [spam.pk],
        },
    )
    assert dict(Comment.objects.values_list("text", "status")) == {
        "Fine.": CommentStatus.SHOWN,
        "Spam.": CommentStatus.REJECTED,
    }


def test_admin_tables_a_proposal_and_changes_an_issue_with_a_reason(world) -> None:
    body = assembly()
    staff = world.client_for(Role.SECRETARIAT)
    response = staff.post(
        "/admin/governance/proposal/add/",
        {
            "body": body.pk,
            "title": "From the admin",
            "summary": "S.",
            "text": "T.",
            "disclosure": "public",
            "materials": "cobalt",
            "sponsors-TOTAL_FORMS": "0",
            "sponsors-INITIAL_FORMS": "0",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.get(title="From the admin")
    assert proposal.created_by == world.users[Role.SECRETARIAT]
    assert proposal.materials == ["cobalt"]

    issue = objective_services.issue_create(
        actor=SYSTEM, title="Wages", status="parked", reason="Survey."
    )
    url = f"/admin/governance/issue/{issue.pk}/change/"
    data = {
        "title": "Wages",
        "description": "",
        "status": "contentious",
        "objective": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "1",
    }
    refused = staff.post(url, data)
    assert refused.status_code == 200
    assert "Say why the issue has this status." in refused.content.decode()
    assert staff.post(url, {**data, "status_reason": "Method disputed."}).status_code == 302
    issue.refresh_from_db()
    assert issue.status == "contentious"
    assert issue.status_changes.last().reason == "Method disputed."
    assert Issue.objects.count() == 1


def test_comments_and_responses_are_never_deleted_in_the_admin(world) -> None:
    """Issue 14 item 10: the consultation's comments and responses are a public record;
    moderation hides a comment with a reason, nobody deletes one (nor its response)."""
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    comment = consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text="Said."
    )
    consultation_services.comment_moderate(
        actor=SYSTEM, comment=comment, decision=consultation_services.ModerationVerdict.APPROVE
    )
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.DELIBERATION)
    comment.refresh_from_db()
    response = consultation_services.comment_respond(
        actor=SYSTEM, comment=comment, outcome="accepted", reason="Done."
    )
    staff = world.client_for(Role.SECRETARIAT)
    for path, pk in (("comment", comment.pk), ("commentresponse", response.pk)):
        assert staff.get(f"/admin/governance/{path}/{pk}/delete/").status_code == 403
        assert (
            staff.post(f"/admin/governance/{path}/{pk}/delete/", {"post": "yes"}).status_code == 403
        )
        staff.post(
            f"/admin/governance/{path}/",
            {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [pk]},
        )
        assert "delete_selected" not in staff.get(f"/admin/governance/{path}/").content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert CommentResponse.objects.filter(pk=response.pk).exists()
