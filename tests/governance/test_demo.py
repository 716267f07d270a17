from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from governance.bodies.models import Body, SeatHolder
from governance.consultations.models import AuthorKind, Comment, CommentResponse, CommentStatus
from governance.objectives.models import Issue, IssueStatus, Objective
from governance.proposals.models import (
    CostEntry,
    ImpactAssessment,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Body,
            SeatHolder,
            Objective,
            Issue,
            Proposal,
            ProposalStatusChange,
            Comment,
            CommentResponse,
            ImpactAssessment,
        )
    }


def test_seed_demo_under_test_settings_is_idempotent_and_covers_every_state(demo) -> None:
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first

    assert {"general-assembly", "executive-board"} <= set(
        Body.objects.values_list("slug", flat=True)
    )
    assert Body.objects.filter(kind="working_group").count() == 2
    board = Body.objects.get(slug="executive-board")
    assert board.seats.count() == 7
    assert SeatHolder.objects.filter(body=board, term_end__isnull=True).count() >= 10

    assert Proposal.objects.count() >= 12
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    assert set(Issue.objects.values_list("status", flat=True)) == set(IssueStatus.values)
    assert all(issue.status_changes.exists() for issue in Issue.objects.all())
    assert Objective.objects.filter(indicators__measurements__isnull=False).distinct().count() >= 3

    chambers = set(
        Comment.objects.filter(author_kind=AuthorKind.MEMBER).values_list(
            "organisation__chamber__slug", flat=True
        )
    )
    assert len(chambers) >= 5
    public = Proposal.objects.get(consultation_public=True, status=ProposalStatus.CONSULTATION)
    external = Comment.objects.filter(proposal=public, author_kind=AuthorKind.EXTERNAL)
    assert external.filter(status=CommentStatus.REJECTED).count() >= 1
    assert external.filter(status=CommentStatus.SHOWN).count() >= 1
    assert CommentResponse.objects.count() >= 20
    assert CostEntry.objects.filter(kind="inaction").exclude(amount=None).exists()
    decided = Proposal.objects.filter(status__in=("voting", "adopted", "rejected", "no_quorum"))
    for proposal in decided:
        assert proposal.impact_assessment.costs.filter(kind="inaction").count() == 3
        unanswered = proposal.comments.filter(status=CommentStatus.SHOWN, response__isnull=True)
        assert not unanswered.exists(), proposal


def test_seed_demo_in_development_comments_as_the_demo_logins(demo_with_logins) -> None:
    authors = set(
        Comment.objects.filter(author__isnull=False).values_list("author__email", flat=True)
    )
    assert authors == {"member@demo.alliance.example", "representative@demo.alliance.example"}
    chair = SeatHolder.objects.get(body__slug="executive-board", position="Chair")
    assert chair.person is not None
    assert chair.person.user.email == "representative@demo.alliance.example"
