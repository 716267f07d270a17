"""The demo of issue 16, item 7 (constitution slice): a constitution decision that set the
bounds, and a glossary batch adopted by decision."""

from __future__ import annotations

import pytest

from glossary.models import ConceptStatus, Revision
from governance.bodies.constitution import constitution_for
from governance.bodies.models import Body
from governance.demo_constitution import CONSTITUTION, GLOSSARY
from governance.effects.models import ProposalEffect

pytestmark = pytest.mark.django_db


def test_a_constitution_decision_set_the_boards_bounds(demo, client) -> None:
    effect = ProposalEffect.objects.select_related("decision").get(
        proposal__title=CONSTITUTION.title
    )
    assert effect.applied_at is not None
    board = Body.objects.get(slug="executive-board")
    current = constitution_for(board)
    assert current.adopted_by == effect.decision
    assert current.min_consultation_days == 21
    seq = effect.decision.log_entry_id
    page = client.get(f"/governance/bodies/{board.slug}/").content.decode()
    assert f'href="/governance/decisions/{seq}/"' in page


def test_a_glossary_batch_was_adopted_by_decision(demo, client) -> None:
    effect = ProposalEffect.objects.select_related("decision").get(proposal__title=GLOSSARY.title)
    assert effect.applied_at is not None
    revisions = Revision.objects.filter(pk__in=effect.payload["revisions"]).select_related(
        "concept"
    )
    assert len(revisions) == 1  # "responsible exit" ("living income" stays proposed)
    for revision in revisions:
        assert revision.concept.status == ConceptStatus.AGREED
        page = client.get(revision.concept.get_absolute_url()).content.decode()
        assert f'href="/governance/decisions/{effect.decision.log_entry_id}/"' in page
