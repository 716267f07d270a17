"""Invariants the database keeps, whatever code or psql session writes."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from governance.consultations.models import Comment
from governance.proposals.models import CostEntry, Proposal, ProposalStatus
from tests.governance.factories import add_impact_assessment, make_proposal

pytestmark = pytest.mark.django_db


def _refused(update) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        update()


def test_only_a_public_proposal_has_a_public_consultation() -> None:
    proposal = make_proposal(public_consultation=True)
    _refused(lambda: Proposal.objects.filter(pk=proposal.pk).update(disclosure="members"))
    _refused(lambda: Proposal.objects.filter(pk=proposal.pk).update(disclosure="secretariat"))


def test_a_proposal_past_draft_was_consulted() -> None:
    proposal = make_proposal()
    _refused(lambda: Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.VOTING))


def test_a_rejected_comment_has_a_reason_and_a_member_comment_an_organisation(world) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION)
    comment = Comment.objects.create(
        proposal=proposal, author_kind="member", organisation=world.own, text="Hi."
    )
    _refused(lambda: Comment.objects.filter(pk=comment.pk).update(status="rejected"))
    _refused(lambda: Comment.objects.filter(pk=comment.pk).update(organisation=None))
    _refused(lambda: Comment.objects.filter(pk=comment.pk).update(paragraph=0))


def test_an_amount_has_an_iso_currency_and_each_dimension_appears_once() -> None:
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    add_impact_assessment(proposal)
    entry = CostEntry.objects.filter(amount__isnull=False).first()
    _refused(lambda: CostEntry.objects.filter(pk=entry.pk).update(currency=""))
    _refused(lambda: CostEntry.objects.filter(pk=entry.pk).update(currency="usd"))
    _refused(lambda: CostEntry.objects.filter(pk=entry.pk).update(amount=-1))
    other = CostEntry.objects.exclude(pk=entry.pk).filter(kind=entry.kind).first()
    _refused(lambda: CostEntry.objects.filter(pk=other.pk).update(dimension=entry.dimension))
