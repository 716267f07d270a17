"""The benchmark dataset (``manage.py seed_bench``, issue 19 item 1), built once at scale 0.01
(``bench`` in tests/conftest.py): proportional counts, a decision log whose chain verifies,
decision records exactly as the closing service writes them, rows that pass their models'
validation, and the key pages rendering for the secretariat and an anonymous reader."""

from __future__ import annotations

import io
import json
import random

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client

from alliance_portal.bench import SCALE_ONE, count
from alliance_portal.models import User
from alliance_portal.roles import SECRETARIAT_GROUP
from glossary.models import Concept, ConceptStatus, Definition, Label, Revision
from governance.actions.models import ActionItem
from governance.ballots.models import Ballot, BallotElector, Decision, Vote
from governance.ballots.selectors.ballots import ballot_tally
from governance.ballots.selectors.records import decision_record_build
from governance.bodies.models import Body, Constitution, SeatHolder
from governance.consultations.models import Comment, CommentResponse
from governance.decision_log import merkle
from governance.decision_log.models import DecisionLogEntry, DecisionState, PublishedDecision
from governance.decision_log.verify import decision_log_verify
from governance.proposals.models import CostEntry, ImpactAssessment, ImpactOption, Proposal
from governance.versions.models import ProposalVersion
from members.models import Organisation, Person
from standards.models import Element, Mapping, MappingSet, Standard, StandardVersion
from tests.conftest import BENCH_SCALE

pytestmark = pytest.mark.django_db


def test_counts_scale_linearly(bench: str) -> None:
    expected = {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "comments": Comment.objects.filter(proposal__ballot__isnull=False).count(),
        "ballots": Ballot.objects.filter(closed_at__isnull=False).count(),
        "decision_log_entries": DecisionLogEntry.objects.count(),
        "elements": Element.objects.count(),
        "mappings": Mapping.objects.count(),
        "concepts": Concept.objects.count(),
        "labels": Label.objects.count(),
        "action_items": ActionItem.objects.count(),
    }
    for name, found in expected.items():
        assert found == count(name, BENCH_SCALE), name
    assert Standard.objects.count() == max(2, count("standards", BENCH_SCALE))
    # Votes: as many as planned, less where a small body has fewer electors than planned.
    votes = Vote.objects.count()
    assert 0.9 * count("votes", BENCH_SCALE) <= votes <= count("votes", BENCH_SCALE)
    # Every decided proposal has its closed ballot and decision; 1 % more are in consultation.
    assert Proposal.objects.count() == count("proposals", BENCH_SCALE) + max(
        1, round(count("ballots", BENCH_SCALE) * 0.01)
    )
    assert Decision.objects.count() == count("ballots", BENCH_SCALE)
    assert set(SCALE_ONE) >= set(expected)
    assert "Built in" in bench
    assert "governance" in bench


def test_the_decision_log_chain_verifies(bench: str) -> None:
    check = decision_log_verify()
    assert check.ok, check
    assert check.entries == count("decision_log_entries", BENCH_SCALE)
    published = list(
        DecisionLogEntry.objects.order_by("seq").values_list("published_at", flat=True)
    )
    assert published == sorted(published), "the chain runs forward in time"
    out = io.StringIO()
    call_command("verify_decision_log", stdout=out)
    assert out.getvalue().startswith("OK:")
    # The bulk-inserted entries have their Merkle tree too, as appends store it.
    assert f"Merkle tree of {check.entries} entries matches" in out.getvalue()
    assert merkle.current_size() == check.entries


def test_decision_records_are_what_the_closing_service_writes(bench: str) -> None:
    """``decision_record_build`` over the stored rows gives each sampled decision's record."""
    decisions = list(
        Decision.objects.select_related("ballot__proposal__body", "ballot__version", "log_entry")
    )
    sample = [
        *random.Random(1).sample(decisions, 12),  # noqa: S311 (a sample, not a secret)
        next(d for d in decisions if d.ballot.secret),
        next(d for d in decisions if d.ballot.method == "one_member_one_vote"),
        next(d for d in decisions if d.ballot.method == "chamber_balanced"),
    ]
    for decision in sample:
        ballot = decision.ballot
        built = decision_record_build(
            ballot=ballot,
            result=ballot_tally(ballot=ballot),
            decided_at=decision.decided_at,
            summary=decision.summary,
            rationale=decision.rationale,
            effective_date=decision.effective_date,
        )
        assert built == decision.record, decision.pk
        assert ballot.outcome == decision.outcome == ballot.proposal.status == built["outcome"]
        if decision.log_entry is not None:
            assert json.loads(decision.log_entry.canonical)["record"] == decision.record
    corrected = PublishedDecision.objects.filter(state=DecisionState.CORRECTED).first()
    assert corrected is not None
    assert corrected.latest_seq > corrected.entry_id
    assert corrected.summary != corrected.record["summary"]
    assert PublishedDecision.objects.filter(search__isnull=True).count() == 0
    assert PublishedDecision.objects.filter(search="cobalt").exists()


MODELS: list[type[models.Model]] = [
    Organisation,
    Person,
    User,
    Standard,
    StandardVersion,
    Element,
    MappingSet,
    Mapping,
    Concept,
    Revision,
    Label,
    Definition,
    Body,
    Constitution,
    SeatHolder,
    Proposal,
    ProposalVersion,
    Comment,
    CommentResponse,
    ImpactAssessment,
    ImpactOption,
    CostEntry,
    Ballot,
    BallotElector,
    Vote,
    Decision,
    DecisionLogEntry,
    PublishedDecision,
    ActionItem,
]


# Declared without blank=True although the log's service writes them empty (a decision that
# did not take effect, no objectives, countries or materials): full_clean would refuse rows the
# portal writes itself.
NOT_BLANK_BUT_EMPTY: dict[type[models.Model], list[str]] = {
    PublishedDecision: ["effective_date", "objectives", "countries", "materials"],
}


def test_rows_pass_their_models_validation(bench: str) -> None:
    """A random sample of every model the bench writes passes ``full_clean`` (fields, check
    and unique constraints)."""
    for model in MODELS:
        rows = list(model._default_manager.order_by("?")[:10])
        assert rows, model
        for row in rows:
            row.full_clean(exclude=NOT_BLANK_BUT_EMPTY.get(model))


def test_glossary_review_went_through_the_workflow(bench: str) -> None:
    agreed = Concept.objects.filter(status=ConceptStatus.AGREED)
    assert agreed.exists()
    assert not agreed.filter(current_revision__status__in=["proposed", "under_review"]).exists()
    assert Concept.objects.exclude(status=ConceptStatus.AGREED).exists()


@pytest.fixture
def secretariat_client(client: Client) -> Client:
    user = User.objects.create_user(email="bench-staff@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    client.force_login(user)
    return client


def _pages() -> list[str]:
    decision = PublishedDecision.objects.order_by("-entry_id").first()
    corrected = PublishedDecision.objects.filter(state=DecisionState.CORRECTED).first()
    assert decision is not None
    assert corrected is not None
    concept = Concept.objects.filter(status=ConceptStatus.AGREED).order_by("pk").first()
    organisation = Organisation.objects.filter(membership_status="active").order_by("pk").first()
    proposal = Proposal.objects.filter(disclosure="public", status="adopted").first()
    body = Body.objects.filter(slug__startswith="bench-wg").first()
    assert concept is not None
    assert organisation is not None
    assert proposal is not None
    assert body is not None
    return [
        "/",
        "/governance/decisions/",
        "/governance/decisions/?page=2",
        "/governance/decisions/?q=cobalt",
        f"/governance/decisions/?body={decision.body_slug}&year={decision.decided_at.year}",
        f"/governance/decisions/{decision.entry_id}/",
        f"/governance/decisions/{corrected.entry_id}/",
        "/governance/decisions/feed/",
        "/api/v1/decision-log/?page=2",
        "/glossary/?q=cobat",
        "/glossary/?q=traceability",
        f"/glossary/{concept.slug}/",
        "/members/",
        "/members/?chamber=civil-society&material=cobalt",
        f"/members/{organisation.slug}/",
        "/members/coverage/",
        "/standards/",
        "/standards/crosswalk/",
        "/governance/proposals/",
        f"/governance/proposals/{proposal.pk}/",
        "/governance/actions/",
        f"/governance/bodies/{body.slug}/",
    ]


def test_key_pages_render_for_an_anonymous_reader(bench: str, client: Client) -> None:
    for path in _pages():
        response = client.get(path)
        assert response.status_code == 200, path


def test_key_pages_render_for_the_secretariat(bench: str, secretariat_client: Client) -> None:
    for path in _pages():
        response = secretariat_client.get(path)
        assert response.status_code == 200, path


def test_refuses_a_database_with_organisations_unless_forced(make_organisation) -> None:
    make_organisation("Already Here")
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_bench", scale=0.001, stdout=io.StringIO())


def test_refuses_production_settings_unless_told(settings) -> None:
    settings.SETTINGS_MODULE = "alliance_portal.settings.production"
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_bench", scale=0.001, stdout=io.StringIO())


def test_refuses_to_build_twice(bench: str) -> None:
    with pytest.raises(CommandError, match="bench data already"):
        call_command("seed_bench", scale=0.001, force=True, stdout=io.StringIO())
