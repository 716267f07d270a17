"""The rules of ballots, conflicts of interest and decisions, through the services: who may
vote and when, what a refusal leaves behind (nothing), closing, the frozen decision record,
publication in the public decision log, dissent, reviewer statements, endorsements and the
register of interests."""

from __future__ import annotations

import json
from datetime import timedelta
from fractions import Fraction
from typing import Any

import pghistory.models
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM, SignInRequired
from alliance_portal.roles import Role
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services as ballot_services
from governance.ballots.models import (
    Ballot,
    BallotElector,
    ConflictDeclaration,
    Decision,
    DissentingStatement,
    Endorsement,
    InterestDeclaration,
    RecusalExemption,
    ReviewerStatement,
    Vote,
)
from governance.ballots.services import closing as ballot_closing
from governance.decision_log.models import DecisionLogEntry
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.factories import make_proposal
from tests.governance.test_ballots_factories import close, open_ballot, vote

pytestmark = pytest.mark.django_db
S = ProposalStatus


def _state(ballot: Ballot) -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    return {
        "ballot": list(Ballot.objects.filter(pk=ballot.pk).values()),
        "votes": list(Vote.objects.order_by("pk").values()),
        "declarations": list(ConflictDeclaration.objects.order_by("pk").values()),
        "exemptions": list(RecusalExemption.objects.values()),
        "decisions": Decision.objects.count(),
        "log": DecisionLogEntry.objects.count(),
        "emails": OutboundEmail.objects.count(),
    }


@pytest.fixture
def rep(world):
    return world.users[Role.ORGANISATION_REPRESENTATIVE]


@pytest.fixture
def ballot(world):
    return open_ballot()


@pytest.fixture
def declared(ballot, world, rep):
    ballot_services.conflict_declare(actor=rep, ballot=ballot, has_conflict=False)
    return ballot


# --- opening ------------------------------------------------------------------------------------


def test_the_ballot_opens_with_the_proposal_and_takes_the_electorate(world, ballot) -> None:
    assert ballot.opened_at is not None
    assert ballot.closes_at == ballot.opened_at + timedelta(days=14)
    assert ballot.method == "chamber_balanced"  # the assembly's default
    electors = set(
        BallotElector.objects.filter(ballot=ballot).values_list("organisation", "chamber")
    )
    assert electors == {
        (world.own.pk, world.own.chamber_id),
        (world.other.pk, world.other.chamber_id),
    }
    # The applicant is no member: not in the electorate.
    assert not BallotElector.objects.filter(organisation=world.applicant).exists()


def test_the_representatives_are_told_once_with_no_vote_in_the_email(
    world, django_capture_on_commit_callbacks
) -> None:
    # Told once the opening commits (governance.notifications), as each chose: at once here.
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot()
    emails = OutboundEmail.objects.filter(
        event_key=f"notification:governance:ballot-opened:{ballot.pk}"
    )
    assert [e.recipient for e in emails] == ["rep@example.org"]
    assert "declare whether it has a conflict of interest" in emails[0].body


def test_settings_are_taken_when_the_ballot_opens_and_frozen_afterwards(world) -> None:
    proposal = make_proposal(status=S.DRAFT)
    closes = timezone.now() + timedelta(days=40)
    ballot_services.ballot_configure(
        actor=world.users[Role.SECRETARIAT],
        proposal=proposal,
        method="one_member_one_vote",
        quorum=Fraction(3, 5),
        threshold=Fraction(1, 2),
        secret=True,
        closes_at=closes,
    )
    ballot = Ballot.objects.get(proposal=proposal)
    assert (ballot.quorum, ballot.threshold, ballot.secret) == (
        Fraction(3, 5),
        Fraction(1, 2),
        True,
    )
    assert ballot.opened_at is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quorum": Fraction(0)}, "quorum"),
        ({"threshold": Fraction(3, 2)}, "threshold"),
        ({"method": "one_member_one_vote", "concurrent_majority": True}, "concurrent_majority"),
        ({"method": "majority"}, "method"),
        ({"closes_at": timezone.now() - timedelta(days=1)}, "closes_at"),
    ],
)
def test_bad_settings_are_refused(world, change: dict[str, Any], field: str) -> None:
    proposal = make_proposal(status=S.DELIBERATION)
    settings = {"method": "chamber_balanced", **change}
    with pytest.raises(ValidationError) as refused:
        ballot_services.ballot_configure(actor=SYSTEM, proposal=proposal, **settings)
    assert field in refused.value.message_dict
    assert not Ballot.objects.exists()


def test_settings_do_not_change_once_the_ballot_is_open(world, ballot) -> None:
    with pytest.raises(ValidationError, match="its rules do not change"):
        ballot_services.ballot_configure(
            actor=world.users[Role.SECRETARIAT], proposal=ballot.proposal, method="consent"
        )
    with pytest.raises(PermissionDenied):
        ballot_services.ballot_configure(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            proposal=make_proposal(status=S.DELIBERATION),
            method="consent",
        )


# --- voting -------------------------------------------------------------------------------------


def test_voting_twice_replaces_the_vote(world, rep, declared) -> None:
    first = ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    second = ballot_services.vote_cast(
        actor=rep, ballot=declared, choice="no", reason="Changed our mind."
    )
    assert first.pk == second.pk
    assert list(Vote.objects.values_list("organisation", "choice", "reason")) == [
        (world.own.pk, "no", "Changed our mind.")
    ]
    assert Vote.objects.get().cast_by == rep


def _refusals(world, ballot: Ballot) -> dict[str, tuple[Any, dict[str, Any], type[Exception], str]]:
    users = world.users
    return {
        "another organisation": (
            users[Role.ORGANISATION_REPRESENTATIVE],
            {"organisation": world.other, "choice": "yes"},
            PermissionDenied,
            "You represent Own Organisation, not Other Organisation",
        ),
        "a member who does not represent": (
            users[Role.MEMBER],
            {"choice": "yes"},
            PermissionDenied,
            "Only an organisation's representative may vote",
        ),
        "the secretariat": (
            users[Role.SECRETARIAT],
            {"organisation": world.own, "choice": "yes"},
            PermissionDenied,
            "Only an organisation's representative may vote",
        ),
        "a reviewer": (
            users[Role.CIVIL_SOCIETY_REVIEWER],
            {"choice": "yes"},
            PermissionDenied,
            "Only an organisation's representative may vote",
        ),
        "not signed in": (AnonymousUser(), {"choice": "yes"}, SignInRequired, ""),
        "a choice the method does not know": (
            users[Role.ORGANISATION_REPRESENTATIVE],
            {"choice": "consent"},
            ValidationError,
            "A chamber-balanced ballot takes: yes, no, abstain.",
        ),
        "a choice nobody knows": (
            users[Role.ORGANISATION_REPRESENTATIVE],
            {"choice": "maybe"},
            ValidationError,
            "takes: yes, no, abstain",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "another organisation",
        "a member who does not represent",
        "the secretariat",
        "a reviewer",
        "not signed in",
        "a choice the method does not know",
        "a choice nobody knows",
    ],
)
def test_a_refused_vote_says_why_and_changes_nothing(world, rep, declared, case: str) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="abstain")
    actor, arguments, error, message = _refusals(world, declared)[case]
    before = _state(declared)
    with pytest.raises(error) as refused:
        ballot_services.vote_cast(actor=actor, ballot=declared, **arguments)
    assert message in " ".join(getattr(refused.value, "messages", [str(refused.value)]))
    assert _state(declared) == before


def test_no_vote_without_a_conflict_declaration(world, rep, ballot) -> None:
    before = _state(ballot)
    with pytest.raises(ValidationError, match="First declare whether Own Organisation has a"):
        ballot_services.vote_cast(actor=rep, ballot=ballot, choice="yes")
    assert _state(ballot) == before


def test_no_vote_after_the_close(world, rep, declared) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    # Past its closing time but not yet closed by beat: refused already.
    after = declared.closes_at + timedelta(minutes=1)
    before = _state(declared)
    with pytest.raises(ValidationError, match="The ballot closed on"):
        ballot_services.vote_cast(actor=rep, ballot=declared, choice="no", now=after)
    assert _state(declared) == before
    close(declared)
    before = _state(declared)
    with pytest.raises(ValidationError, match="The ballot closed on"):
        ballot_services.vote_cast(actor=rep, ballot=declared, choice="no")
    with pytest.raises(ValidationError, match="The ballot closed on"):
        ballot_services.conflict_declare(
            actor=rep, ballot=declared, has_conflict=True, nature="Late."
        )
    assert _state(declared) == before


def test_an_organisation_outside_the_electorate_does_not_vote(
    world, ballot, make_organisation
) -> None:
    newcomer = make_organisation("Joined Later")  # after the ballot opened
    before = _state(ballot)
    with pytest.raises(ValidationError, match="not in this ballot's electorate"):
        ballot_services.conflict_declare(
            actor=SYSTEM, ballot=ballot, organisation=newcomer, has_conflict=False
        )
    assert _state(ballot) == before


def test_an_objection_needs_a_reason(world, rep) -> None:
    ballot = open_ballot(method="consent")
    ballot_services.conflict_declare(actor=rep, ballot=ballot, has_conflict=False)
    before = _state(ballot)
    with pytest.raises(ValidationError) as refused:
        ballot_services.vote_cast(actor=rep, ballot=ballot, choice="object", reason="  ")
    assert refused.value.message_dict == {"reason": ["An objection needs a reason."]}
    assert _state(ballot) == before
    ballot_services.vote_cast(
        actor=rep, ballot=ballot, choice="object", reason="It hurts communities."
    )
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.update(reason="")


# --- conflicts of interest ----------------------------------------------------------------------


def test_a_conflict_recuses_and_withdraws_the_vote(world, rep, declared) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    ballot_services.conflict_declare(
        actor=rep, ballot=declared, has_conflict=True, nature="We fund the proposer."
    )
    assert not Vote.objects.exists()
    before = _state(declared)
    with pytest.raises(ValidationError, match="is recused from this ballot"):
        ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    with pytest.raises(ValidationError, match="it stands"):
        ballot_services.conflict_declare(actor=rep, ballot=declared, has_conflict=False)
    assert _state(declared) == before


def test_a_conflict_has_a_nature(world, rep, ballot) -> None:
    with pytest.raises(ValidationError) as refused:
        ballot_services.conflict_declare(actor=rep, ballot=ballot, has_conflict=True, nature="")
    assert "nature" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        ballot_services.conflict_declare(
            actor=world.users[Role.MEMBER], ballot=ballot, has_conflict=False
        )
    assert not ConflictDeclaration.objects.exists()


def test_the_secretariats_reasoned_exemption_lets_a_conflicted_organisation_vote(
    world, rep, ballot
) -> None:
    ballot_services.conflict_declare(actor=rep, ballot=ballot, has_conflict=True, nature="Minor.")
    staff = world.users[Role.SECRETARIAT]
    with pytest.raises(ValidationError):
        ballot_services.recusal_exempt(
            actor=staff, ballot=ballot, organisation=world.own, reason=""
        )
    with pytest.raises(PermissionDenied):
        ballot_services.recusal_exempt(
            actor=rep, ballot=ballot, organisation=world.own, reason="Ok."
        )
    with pytest.raises(ValidationError, match="has declared no conflict"):
        ballot_services.recusal_exempt(
            actor=staff, ballot=ballot, organisation=world.other, reason="X."
        )
    ballot_services.recusal_exempt(
        actor=staff, ballot=ballot, organisation=world.own, reason="A small, public interest."
    )
    ballot_services.vote_cast(actor=rep, ballot=ballot, choice="yes")
    close(ballot)
    row = Decision.objects.get().record["conflict_declarations"][0]
    assert row == {
        "organisation": {"slug": world.own.slug, "name": "Own Organisation"},
        "chamber": world.own.chamber.slug,
        "conflict": True,
        "nature": "Minor.",
        "recused": False,
        "exemption": {"reason": "A small, public interest."},
        "declared_at": row["declared_at"],
    }


def test_one_recusal_rule_for_declarations_counts_and_the_dashboard(world, rep, ballot) -> None:
    """``ConflictDeclaration.recuses`` and its query form (``RECUSING``) say the same: a
    declared conflict recuses unless the secretariat exempts; an exempted organisation that
    has not voted yet is asked to."""

    def declaration() -> ConflictDeclaration:
        return ConflictDeclaration.objects.select_related("exemption").get(organisation=world.own)

    assert [b.pk for b in ballot_selectors.ballots_needing(user=rep)] == [ballot.pk]
    ballot_services.conflict_declare(actor=rep, ballot=ballot, has_conflict=True, nature="Minor.")
    assert declaration().recuses
    assert ballot_selectors.recused_ids(ballot=ballot) == {world.own.pk}
    assert list(ballot_selectors.recused_organisations(ballot=ballot)) == [world.own]
    assert ballot_selectors.voter_status(ballot=ballot, organisation=world.own).is_recused
    assert ballot_selectors.ballots_needing(user=rep) == []
    ballot_services.recusal_exempt(
        actor=SYSTEM, ballot=ballot, organisation=world.own, reason="A small, public interest."
    )
    assert not declaration().recuses
    assert ballot_selectors.recused_ids(ballot=ballot) == set()
    assert not ballot_selectors.voter_status(ballot=ballot, organisation=world.own).is_recused
    assert [b.pk for b in ballot_selectors.ballots_needing(user=rep)] == [ballot.pk]


# --- closing ------------------------------------------------------------------------------------


def test_the_secretariat_closes_early_only_with_a_reason(world, rep, declared) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    staff = world.users[Role.SECRETARIAT]
    before = _state(declared)
    with pytest.raises(ValidationError) as refused:
        ballot_services.ballot_close(actor=staff, ballot=declared, reason=" ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError, match="not before"):
        ballot_services.ballot_close(actor=SYSTEM, ballot=declared)
    with pytest.raises(PermissionDenied):
        ballot_services.ballot_close(actor=rep, ballot=declared, reason="Because.")
    assert _state(declared) == before
    decision = ballot_services.ballot_close(
        actor=staff, ballot=declared, reason="The assembly ended."
    )
    assert decision is not None
    assert decision.record["ballot"]["closed_early_because"] == "The assembly ended."
    with pytest.raises(ValidationError, match="closed already"):
        ballot_services.ballot_close(actor=staff, ballot=declared, reason="Again.")


def test_an_early_close_is_one_use_case_in_the_audit_trail(world, rep, declared) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    staff = world.users[Role.SECRETARIAT]
    decision = ballot_services.ballot_close(
        actor=staff, ballot=declared, reason="The assembly ended."
    )
    proposal = Proposal.objects.get(pk=declared.proposal_id)
    for item in (declared, proposal, decision, proposal.status_changes.order_by("pk").last()):
        (*_, event) = pghistory.models.Events.objects.tracks(item).order_by("pgh_created_at")
        assert event.pgh_context["use_case"] == "ballot_close", item
        assert event.pgh_context["user"] == staff.pk
        assert event.pgh_context["system"] is False


def test_closing_records_the_result_the_decision_and_the_log_entry_together(
    world, rep, declared
) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    vote(declared, world.other, "yes")
    close(declared)
    decision = Decision.objects.get()
    proposal = Proposal.objects.get(pk=declared.proposal_id)
    assert proposal.status == "adopted"
    story = proposal.status_changes.order_by("pk").last()
    assert story.to_status == "adopted"
    assert story.reason == decision.summary
    entry = decision.log_entry
    assert entry is not None
    assert entry.kind == "decision"
    canonical = json.loads(entry.canonical)
    assert canonical["record"] == decision.record
    assert decision.effective_date == timezone.localdate(decision.decided_at)
    record = decision.record
    for key in (
        "proposal",
        "body",
        "outcome",
        "summary",
        "rationale",
        "effective_date",
        "objectives",
        "countries",
        "materials",
        "impact_assessment",
        "consultation_responses",
        "tally",
        "roll_call",
        "conflict_declarations",
    ):
        assert key in record, key
    assert record["proposal"] == {"id": proposal.pk, "title": proposal.title}
    assert record["impact_assessment"]["costs"][0]["amount"] == "1000.50"
    # No people: no account's name or email address anywhere in what is published.
    for user in world.users.values():
        if user is not None:
            assert user.email not in entry.canonical
            assert not user.display_name or user.display_name not in entry.canonical


def test_if_recording_fails_nothing_is_closed_or_published(
    world, rep, declared, monkeypatch
) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the log is down")

    monkeypatch.setattr(ballot_closing, "decision_log_append", broken)
    before = _state(declared)
    with pytest.raises(RuntimeError):
        close(declared)
    assert _state(declared) == before
    assert Proposal.objects.get(pk=declared.proposal_id).status == "voting"


def test_a_withdrawn_proposals_ballot_closes_without_a_count(world, rep, declared) -> None:
    ballot_services.vote_cast(actor=rep, ballot=declared, choice="yes")
    proposal_services.proposal_transition(
        actor=SYSTEM, proposal=declared.proposal, to_status=S.WITHDRAWN, reason="Merged."
    )
    assert ballot_services.ballots_close_due(actor=SYSTEM) == [declared.pk]
    declared.refresh_from_db()
    assert declared.outcome == "cancelled"
    assert "withdrawn" in declared.close_reason
    assert not Decision.objects.exists()


# --- the frozen decision ------------------------------------------------------------------------


def _decided(world) -> Decision:
    ballot = open_ballot(method="one_member_one_vote", threshold=Fraction(1, 2))
    vote(ballot, world.own, "no", "Too soon.")
    vote(ballot, world.other, "yes")
    close(ballot)
    return Decision.objects.get(ballot=ballot)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE governance_decision SET outcome = 'rejected'",
        "UPDATE governance_decision SET record = '{}'::jsonb",
        "UPDATE governance_decision SET log_entry_id = NULL",
        "DELETE FROM governance_decision",
    ],
)
def test_the_database_refuses_to_change_a_decision(world, sql: str) -> None:
    _decided(world)
    with (
        pytest.raises(IntegrityError, match="is frozen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Decision.objects.get().outcome == "adopted"


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_truncate_decisions(world) -> None:
    _decided(world)
    with pytest.raises(IntegrityError, match="is frozen"), connection.cursor() as cursor:
        cursor.execute("TRUNCATE governance_decision CASCADE")
    assert Decision.objects.count() == 1


def test_a_statement_is_frozen_but_its_author_can_be_erased(world) -> None:
    decision = _decided(world)
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE]
    ballot_services.dissent_file(actor=rep, decision=decision, text="We dissent.")
    with pytest.raises(IntegrityError, match="is frozen"), transaction.atomic():
        DissentingStatement.objects.update(text="Changed.")
    rep.person.delete()
    rep.delete()  # erasing a person's account empties the link, nothing else
    dissent = DissentingStatement.objects.get()
    assert dissent.filed_by is None
    assert dissent.text == "We dissent."


# --- publishing ---------------------------------------------------------------------------------


def test_a_members_only_decision_is_published_when_the_proposal_goes_public(world) -> None:
    ballot = open_ballot(disclosure=DisclosureLevel.MEMBERS, method="one_member_one_vote")
    vote(ballot, world.own, "no", "No.")
    vote(ballot, world.other, "yes")
    vote_ballot = close(ballot)
    decision = Decision.objects.get(ballot=vote_ballot)
    assert decision.log_entry is None
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE]
    ballot_services.dissent_file(actor=rep, decision=decision, text="We dissent.")
    ballot_services.reviewer_statement_file(
        actor=world.users[Role.CIVIL_SOCIETY_REVIEWER], decision=decision, text="Noted."
    )
    assert not DecisionLogEntry.objects.exists()
    staff = world.users[Role.SECRETARIAT]
    proposal_services.proposal_update(
        actor=staff, proposal=decision.proposal, changes={"disclosure": DisclosureLevel.PUBLIC}
    )
    decision.refresh_from_db()
    entries = list(DecisionLogEntry.objects.order_by("seq"))
    assert [e.kind for e in entries] == ["decision", "dissent", "statement"]
    assert decision.log_entry == entries[0]
    assert all(e.amends_id == entries[0].seq for e in entries[1:])
    dissent = json.loads(entries[1].canonical)["record"]
    assert dissent["decision_seq"] == entries[0].seq
    assert dissent["organisation"] == {"slug": world.own.slug, "name": "Own Organisation"}
    statement = json.loads(entries[2].canonical)["record"]
    assert statement["author"] == "civil-society reviewer"
    with pytest.raises(ValidationError, match="published already"):
        ballot_services.decision_publish(actor=staff, decision=decision)


def test_decision_publish_raises_the_disclosure(world) -> None:
    ballot = open_ballot(disclosure=DisclosureLevel.MEMBERS)
    close(ballot)
    decision = Decision.objects.get()
    with pytest.raises(PermissionDenied):
        ballot_services.decision_publish(actor=world.users[Role.MEMBER], decision=decision)
    ballot_services.decision_publish(actor=world.users[Role.SECRETARIAT], decision=decision)
    assert Proposal.objects.get(pk=decision.proposal_id).disclosure == "public"
    assert (
        json.loads(Decision.objects.get().log_entry.canonical)["record"]["outcome"] == "no_quorum"
    )


# --- dissent, reviewer statements, endorsements -------------------------------------------------


def test_dissent_is_for_those_who_voted_no_within_14_days(world) -> None:
    decision = _decided(world)
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE]
    late = decision.decided_at + timedelta(days=14, minutes=1)
    with pytest.raises(ValidationError, match="14 days after the decision"):
        ballot_services.dissent_file(actor=rep, decision=decision, text="Late.", now=late)
    with pytest.raises(ValidationError, match="Other Organisation did not"):
        ballot_services.dissent_file(
            actor=SYSTEM, decision=decision, organisation=world.other, text="We voted yes."
        )
    with pytest.raises(PermissionDenied):
        ballot_services.dissent_file(actor=world.users[Role.MEMBER], decision=decision, text="Hm.")
    dissent = ballot_services.dissent_file(actor=rep, decision=decision, text="We dissent.")
    assert dissent.log_entry is not None
    assert dissent.log_entry.amends_id == decision.log_entry_id
    with pytest.raises(ValidationError, match="already"):
        ballot_services.dissent_file(actor=rep, decision=decision, text="Again.")
    assert DissentingStatement.objects.count() == 1


def test_a_secret_ballot_has_no_dissent(world) -> None:
    ballot = open_ballot(secret=True, method="one_member_one_vote", threshold=Fraction(1, 2))
    vote(ballot, world.own, "no")
    vote(ballot, world.other, "yes")
    close(ballot)
    decision = Decision.objects.get()
    with pytest.raises(ValidationError, match="secret ballot has no dissenting"):
        ballot_services.dissent_file(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], decision=decision, text="No."
        )


def test_reviewer_statements_are_the_reviewers(world) -> None:
    decision = _decided(world)
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.SECRETARIAT):
        with pytest.raises(PermissionDenied):
            ballot_services.reviewer_statement_file(
                actor=world.users[role], decision=decision, text="X"
            )
    with pytest.raises(ValidationError):
        ballot_services.reviewer_statement_file(
            actor=world.users[Role.CIVIL_SOCIETY_REVIEWER], decision=decision, text=" "
        )
    statement = ballot_services.reviewer_statement_file(
        actor=world.users[Role.CIVIL_SOCIETY_REVIEWER], decision=decision, text="Well argued."
    )
    record = json.loads(statement.log_entry.canonical)["record"]
    assert record["author"] == "civil-society reviewer"
    assert "reviewer@example.org" not in statement.log_entry.canonical
    assert ReviewerStatement.objects.count() == 1


def test_endorsements_by_governments_with_evidence(world, make_organisation) -> None:
    decision = _decided(world)
    staff = world.users[Role.SECRETARIAT]
    today = timezone.localdate()
    ministry = make_organisation("Ministry of Mines", kind="government_body")
    with pytest.raises(ValidationError) as refused:
        ballot_services.endorsement_record(
            actor=staff, decision=decision, organisation=world.own, endorsed_on=today
        )
    assert set(refused.value.message_dict) == {"organisation", "evidence_url"}
    with pytest.raises(ValidationError) as refused:
        ballot_services.endorsement_record(
            actor=staff,
            decision=decision,
            endorser_name="Zambia",
            evidence_note="Letter.",
            endorsed_on=today,
        )
    assert "country" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        ballot_services.endorsement_record(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            decision=decision,
            organisation=ministry,
            evidence_note="Letter.",
            endorsed_on=today,
        )
    ballot_services.endorsement_record(
        actor=staff,
        decision=decision,
        organisation=ministry,
        evidence_url="https://example.org/letter.pdf",
        endorsed_on=today,
    )
    ballot_services.endorsement_record(
        actor=staff,
        decision=decision,
        endorser_name="Ministry of Mines and Minerals Development, Zambia",
        country="zm",
        evidence_note="Letter kept by the secretariat.",
        endorsed_on=today,
    )
    with pytest.raises(ValidationError, match="endorsed this decision already"):
        ballot_services.endorsement_record(
            actor=staff,
            decision=decision,
            endorser_name="ministry of mines",
            country="CD",
            evidence_note="Again.",
            endorsed_on=today,
        )
    assert Endorsement.objects.count() == 2
    assert DecisionLogEntry.objects.filter(kind="endorsement").count() == 2
    rejected = open_ballot(title="Rejected")
    vote(rejected, world.own, "no")
    vote(rejected, world.other, "no")
    close(rejected)
    with pytest.raises(ValidationError, match="Only an adopted decision"):
        ballot_services.endorsement_record(
            actor=staff,
            decision=Decision.objects.get(ballot=rejected),
            organisation=ministry,
            evidence_note="Letter.",
            endorsed_on=today,
        )


# --- the register of interests ------------------------------------------------------------------


def test_the_register_of_interests(world) -> None:
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE]
    interest = ballot_services.interest_declare(actor=rep, kind="funding", description="A grant.")
    assert (interest.organisation, interest.declared_by) == (world.own, rep)
    with pytest.raises(PermissionDenied):
        ballot_services.interest_declare(
            actor=rep, organisation=world.other, kind="other", description="Theirs."
        )
    with pytest.raises(PermissionDenied):
        ballot_services.interest_declare(
            actor=world.users[Role.MEMBER], kind="other", description="X"
        )
    with pytest.raises(ValidationError):
        ballot_services.interest_declare(
            actor=world.users[Role.SECRETARIAT], kind="other", description="X"
        )
    ballot_services.interest_declare(
        actor=world.users[Role.SECRETARIAT],
        organisation=world.other,
        kind="role",
        description="Sits on a board.",
    )
    ballot_services.interest_end(actor=rep, interest=interest, reason="The grant ended.")
    with pytest.raises(ValidationError, match="ended already"):
        ballot_services.interest_end(actor=rep, interest=interest, reason="Again.")
    assert InterestDeclaration.objects.filter(ended_at__isnull=True).count() == 1
