"""Ballots, conflicts of interest and decisions (Governance II): one function per use case,
each a transaction (``@use_case``). A refusal changes nothing: ``ValidationError`` for bad
input (a closed ballot, a missing declaration, a choice the method does not know...),
``PermissionDenied`` for someone who may not act (``SignInRequired`` when not signed in).

The life of a ballot: the secretariat may set it up before it opens (``ballot_configure``);
it opens when the proposal moves to ``voting`` (``ballot_open_for``, called by the
lifecycle), taking the electorate of the body that day; each organisation's representative
declares whether it has a conflict of interest (``conflict_declare``) and votes
(``vote_cast``, again to change it); the secretariat may exempt a conflicted organisation from
recusal with a reason (``recusal_exempt``); the ballot closes on time (``ballots_close_due``,
Celery beat) or early (``ballot_close``, the secretariat with a reason), which counts the
stored votes with ``governance.tally``, writes the frozen ``Decision``, records the proposal's
result and, for a public proposal, appends the decision to the public decision log, all in one
transaction. Afterwards: dissenting statements, reviewer statements and endorsements, each
published in the log when the decision is public; a members-only decision is published when
the proposal's disclosure is raised to public (``decision_publish``)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pghistory
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.outbox import email_queue
from alliance_portal.roles import Role
from alliance_portal.types import Actor
from governance.ballots.models import (
    DISSENTING_CHOICES,
    Ballot,
    BallotElector,
    BallotMethod,
    BallotOutcome,
    ConflictDeclaration,
    Decision,
    DissentingStatement,
    Endorsement,
    EndorserKind,
    InterestDeclaration,
    InterestKind,
    RecusalExemption,
    ReviewerStatement,
    Vote,
    choices_for,
)
from governance.ballots.selectors import (
    ballot_tally,
    decision_public_record,
    decision_record_build,
    dissent_deadline,
    dissent_public_record,
    endorsement_public_record,
    recused_ids,
    reviewer_statement_public_record,
)
from governance.bodies.models import BodyKind
from governance.bodies.selectors import body_electorate
from governance.common.services import acting_user, require_staff
from governance.decision_log.services import decision_log_append
from governance.proposals.models import BEFORE_BALLOT, Proposal, ProposalStatus
from governance.proposals.selectors import impact_assessment_of
from governance.proposals.services import proposal_record_result
from governance.tally import CHOICES_BY_METHOD, TallyResult
from members.models import Organisation, OrganisationKind, Person

logger = logging.getLogger(__name__)
S = ProposalStatus
DEFAULT_VOTING_PERIOD = timedelta(days=14)
MAX_TEXT = 10_000
# PositiveSmallIntegerField holds numerators and denominators up to this.
MAX_TERM = 32_767


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %B %Y at %H:%M} UTC"


def _fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def default_method(proposal: Proposal) -> str:
    """The general assembly votes chamber-balanced; boards and working groups, whose seats are
    already shared out by chamber, one member one vote."""
    if proposal.body.kind == BodyKind.GENERAL_ASSEMBLY:
        return BallotMethod.CHAMBER_BALANCED
    return BallotMethod.ONE_MEMBER_ONE_VOTE


def _speaking_for(
    actor: Actor | None, organisation: Organisation | None, what: str
) -> Organisation:
    """The organisation ``actor`` acts for as its representative. The system (``actor=None``:
    demo data, imports) names the organisation itself. Refuses anyone else, and a
    representative naming an organisation they do not represent."""
    if actor is None:
        if organisation is None:
            raise ValidationError({"organisation": "Say which organisation."})
        return organisation
    who = policy.principal(actor)
    if not who.is_authenticated:
        raise policy.SignInRequired
    if who.role != Role.ORGANISATION_REPRESENTATIVE or who.organisation_id is None:
        raise PermissionDenied(f"Only an organisation's representative may {what}.")
    own = Organisation.objects.get(pk=who.organisation_id)
    if organisation is not None and organisation.pk != own.pk:
        raise PermissionDenied(
            f"You represent {own.name}, not {organisation.name}: you may {what} for your own "
            "organisation only."
        )
    return own


def _lock(ballot: Ballot) -> Ballot:
    return (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("proposal__body")
        .get(pk=ballot.pk)
    )


def _require_running(ballot: Ballot, now: datetime) -> None:
    """Refuse unless the ballot takes declarations and votes now."""
    if ballot.opened_at is None or ballot.closes_at is None:
        raise ValidationError("The ballot has not opened yet.")
    if ballot.closed_at is not None:
        raise ValidationError(
            f"The ballot closed on {_when(ballot.closed_at)}: nothing more is taken."
        )
    if ballot.closes_at <= now:
        raise ValidationError(
            f"The ballot closed on {_when(ballot.closes_at)}: nothing more is taken."
        )
    if ballot.proposal.status != S.VOTING:
        raise ValidationError("The proposal is no longer put to the vote.")


def _require_elector(ballot: Ballot, organisation: Organisation) -> None:
    if not BallotElector.objects.filter(ballot=ballot, organisation=organisation).exists():
        raise ValidationError(
            f"{organisation.name} is not in this ballot's electorate (the organisations that "
            f"vote on the {ballot.proposal.body.name}'s ballots when it opened)."
        )


def _text(value: str, field: str, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: f"At most {MAX_TEXT} characters."})
    return value


# --- setting up and opening ---------------------------------------------------------------------


@use_case
def ballot_configure(
    *,
    actor: Actor | None,
    proposal: Proposal,
    method: str,
    quorum: Fraction = Fraction(1, 2),
    threshold: Fraction = Fraction(2, 3),
    concurrent_majority: bool = False,
    secret: bool = False,
    closes_at: datetime | None = None,
    effective_date: date | None = None,
    now: datetime | None = None,
) -> Ballot:
    """Set up the proposal's ballot before it opens (the secretariat): the method, quorum and
    threshold as exact fractions in (0, 1], concurrent majority (chamber-balanced only),
    secrecy, the closing time (default: 14 days after it opens) and the day an adopted
    decision takes effect. Refused once the ballot has opened: its rules never change under
    the voters."""
    require_staff(actor, "set up ballots")
    now = now or timezone.now()
    proposal = Proposal.objects.select_for_update().select_related("body").get(pk=proposal.pk)
    if proposal.status not in BEFORE_BALLOT:
        raise ValidationError("The ballot has opened: its rules do not change any more.")
    errors: dict[str, str] = {}
    if method not in BallotMethod.values:
        errors["method"] = "Chamber-balanced, one member one vote, or consent."
    for name, value in (("quorum", quorum), ("threshold", threshold)):
        if not isinstance(value, Fraction) or not 0 < value <= 1:
            errors[name] = "A fraction above 0 and at most 1, such as 1/2 or 2/3."
        elif value.denominator > MAX_TERM:
            errors[name] = "Write the fraction with smaller numbers."
    if concurrent_majority and method != BallotMethod.CHAMBER_BALANCED:
        errors["concurrent_majority"] = "Concurrent majority applies to chamber-balanced ballots."
    if closes_at is not None and closes_at <= now:
        errors["closes_at"] = "The ballot closes at a time in the future."
    if errors:
        raise ValidationError(errors)
    ballot, _ = Ballot.objects.update_or_create(
        proposal=proposal,
        defaults={
            "method": method,
            "quorum_numerator": quorum.numerator,
            "quorum_denominator": quorum.denominator,
            "threshold_numerator": threshold.numerator,
            "threshold_denominator": threshold.denominator,
            "concurrent_majority": concurrent_majority,
            "secret": secret,
            "closes_at": closes_at,
            "effective_date": effective_date,
        },
    )
    return ballot


def ballot_open_for(*, proposal: Proposal, now: datetime) -> Ballot:
    """Open the proposal's ballot: called by the lifecycle (``proposal_transition`` to
    ``voting``) inside its transaction, never on its own. Uses the ballot set up for the
    proposal, or the body's defaults (chamber-balanced for the assembly, quorum 1/2,
    threshold 2/3, roll-call, 14 days). Takes the electorate: the organisations that vote on
    the body's ballots that day, with their chambers. Tells their representatives by email."""
    ballot = Ballot.objects.select_for_update().filter(proposal=proposal).first()
    if ballot is None:
        ballot = Ballot(proposal=proposal, method=default_method(proposal))
    if ballot.opened_at is not None:
        raise ValidationError("The ballot has opened already.")
    closes_at = ballot.closes_at or now + DEFAULT_VOTING_PERIOD
    if closes_at <= now:
        raise ValidationError(
            {
                "closes_at": f"The ballot was set to close on {_when(closes_at)}, which has "
                "passed: set a new closing time in the ballot's settings first."
            }
        )
    ballot.opened_at = now
    ballot.closes_at = closes_at
    ballot.save()
    electorate = body_electorate(body=proposal.body, on=timezone.localdate(now))
    BallotElector.objects.bulk_create(
        [
            BallotElector(ballot=ballot, organisation_id=pk, chamber_id=chamber_id)
            for pk, chamber_id in electorate.values_list("pk", "chamber_id")
        ]
    )
    _notify_opened(ballot)
    return ballot


def _notify_opened(ballot: Ballot) -> None:
    """Email each representative of the electorate once (through the outbox): the ballot is
    open, until when, where to declare and vote. Says nothing about anyone's vote."""
    proposal = ballot.proposal
    url = settings.PORTAL_BASE_URL + reverse("governance:ballot-vote", kwargs={"pk": proposal.pk})
    people = Person.objects.filter(
        is_representative=True,
        organisation_id__in=BallotElector.objects.filter(ballot=ballot).values("organisation_id"),
    ).select_related("user")
    assert ballot.closes_at is not None  # noqa: S101 (an open ballot has its closing time)
    for person in people:
        if not person.user.email or not person.user.is_active:
            continue
        email_queue(
            event_key=f"governance:ballot-opened:{ballot.pk}",
            recipient=person.user.email,
            subject=f"Ballot open: “{proposal.title}”",
            body=(
                f"The {proposal.body.name}'s ballot on “{proposal.title}” is open until "
                f"{_when(ballot.closes_at)}.\n\nAs your organisation's representative, first "
                "declare whether it has a conflict of interest, then cast its vote (you may "
                f"change it until the ballot closes):\n\n{url}\n"
            ),
        )


# --- conflicts of interest ----------------------------------------------------------------------


@use_case
def conflict_declare(
    *,
    actor: Actor | None,
    ballot: Ballot,
    has_conflict: bool,
    nature: str = "",
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> ConflictDeclaration:
    """Declare, for the representative's organisation, whether it has a conflict of interest
    in this ballot (and its nature). A conflict recuses the organisation: a vote it already
    cast is withdrawn, and only the secretariat's reasoned exemption lets it vote. A declared
    conflict stands once made (it may be described again, not undone); "no conflict" may be
    revised to a conflict until the ballot closes."""
    now = now or timezone.now()
    organisation = _speaking_for(actor, organisation, "declare conflicts of interest")
    ballot = _lock(ballot)
    _require_running(ballot, now)
    _require_elector(ballot, organisation)
    nature = nature.strip()
    if has_conflict:
        nature = _text(nature, "nature", "Say what the conflict of interest is.")
    elif nature:
        raise ValidationError({"nature": "Describe a conflict only when you declare one."})
    existing = ConflictDeclaration.objects.filter(ballot=ballot, organisation=organisation).first()
    if existing is not None and existing.has_conflict and not has_conflict:
        raise ValidationError(
            {
                "has_conflict": f"{organisation.name} declared a conflict of interest in this "
                "ballot; it stands. Only the secretariat's reasoned exemption lifts the recusal."
            }
        )
    declaration, _ = ConflictDeclaration.objects.update_or_create(
        ballot=ballot,
        organisation=organisation,
        defaults={
            "has_conflict": has_conflict,
            "nature": nature,
            "declared_by": acting_user(actor),
            "declared_at": now,
        },
    )
    if has_conflict and not hasattr(declaration, "exemption"):
        Vote.objects.filter(ballot=ballot, organisation=organisation).delete()
    return declaration


@use_case
def recusal_exempt(
    *,
    actor: Actor | None,
    ballot: Ballot,
    organisation: Organisation,
    reason: str,
    now: datetime | None = None,
) -> RecusalExemption:
    """Record the secretariat's reasoned exemption: the organisation declared a conflict of
    interest in this ballot but is not recused from it (published with the declaration).
    While the ballot runs; once per declaration."""
    require_staff(actor, "exempt organisations from recusal")
    now = now or timezone.now()
    ballot = _lock(ballot)
    _require_running(ballot, now)
    declaration = ConflictDeclaration.objects.filter(
        ballot=ballot, organisation=organisation, has_conflict=True
    ).first()
    if declaration is None:
        raise ValidationError(
            {"organisation": f"{organisation.name} has declared no conflict in this ballot."}
        )
    if RecusalExemption.objects.filter(declaration=declaration).exists():
        raise ValidationError({"organisation": f"{organisation.name} is exempted already."})
    reason = _text(reason, "reason", "Say why the conflict does not recuse the organisation.")
    return RecusalExemption.objects.create(
        declaration=declaration, reason=reason, granted_by=acting_user(actor), granted_at=now
    )


# --- voting -------------------------------------------------------------------------------------


@use_case
def vote_cast(
    *,
    actor: Actor | None,
    ballot: Ballot,
    choice: str,
    reason: str = "",
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Vote:
    """Cast the representative's organisation's vote, or replace the one it cast (the page,
    the API and the system's imports all come here). Refused, changing nothing: someone who
    is not the organisation's representative; a ballot that has not opened or has closed; an
    organisation outside the electorate; one that has not declared whether it has a conflict
    of interest, or is recused by one (without the secretariat's exemption); a choice the
    ballot's method does not know; an objection without a reason."""
    now = now or timezone.now()
    organisation = _speaking_for(actor, organisation, "vote")
    ballot = _lock(ballot)
    if actor is not None and not policy.can_view(actor, ballot.proposal):
        raise PermissionDenied("You may not vote on a proposal you cannot see.")
    _require_running(ballot, now)
    _require_elector(ballot, organisation)
    declaration = (
        ConflictDeclaration.objects.filter(ballot=ballot, organisation=organisation)
        .select_related("exemption")
        .first()
    )
    if declaration is None:
        raise ValidationError(
            f"First declare whether {organisation.name} has a conflict of interest in this "
            "ballot; then vote."
        )
    if declaration.has_conflict and not hasattr(declaration, "exemption"):
        raise ValidationError(
            f"{organisation.name} declared a conflict of interest and is recused from this "
            "ballot; only the secretariat's reasoned exemption would let it vote."
        )
    if choice not in CHOICES_BY_METHOD[ballot.method]:
        allowed = ", ".join(label.lower() for _, label in choices_for(ballot.method))
        raise ValidationError(
            {"choice": f"A {ballot.get_method_display().lower()} ballot takes: {allowed}."}
        )
    reason = reason.strip()
    if choice == "object":
        reason = _text(reason, "reason", "An objection needs a reason.")
    elif len(reason) > MAX_TEXT:
        raise ValidationError({"reason": f"At most {MAX_TEXT} characters."})
    vote, _ = Vote.objects.update_or_create(
        ballot=ballot,
        organisation=organisation,
        defaults={
            "choice": choice,
            "reason": reason,
            "cast_by": acting_user(actor),
            "cast_at": now,
        },
    )
    return vote


# --- closing ------------------------------------------------------------------------------------


def _summary(ballot: Ballot, outcome: str) -> str:
    proposal = ballot.proposal
    body = proposal.body.name
    if outcome == BallotOutcome.NO_QUORUM:
        head = (
            f"The {body} took no decision on “{proposal.title}”: its ballot closed without quorum."
        )
    else:
        head = f"The {body} {outcome} “{proposal.title}”."
    return f"{head} {proposal.summary}".strip()


def _rationale(ballot: Ballot, result: TallyResult, tally: dict[str, Any]) -> str:
    """How the count reached the outcome, in words, using only what the record publishes."""
    quorum = _fraction_text(result.quorum)
    threshold = _fraction_text(result.threshold)
    support = tally["support"]
    support_text = f"{support['num']}/{support['den']}" if support else None
    sentences = []
    if ballot.method == BallotMethod.CHAMBER_BALANCED:
        taking_part = [row for row in tally["chambers"] if row["takes_part"]]
        missed = [row["chamber"]["name"] for row in taking_part if not row["quorum_met"]]
        sentences.append(
            f"Chamber-balanced ballot: each of the {len(taking_part)} chambers taking part "
            f"weighs the same; a chamber meets quorum when {quorum} of its eligible "
            "organisations vote."
        )
        if missed:
            sentences.append(f"Quorum was not met in: {', '.join(missed)}.")
        elif taking_part:
            sentences.append("Every chamber taking part met its quorum.")
        if not missed and taking_part:
            if support_text:
                reached = (
                    "reached"
                    if result.support and result.support >= result.threshold
                    else "fell short of"
                )
                sentences.append(
                    f"The mean of the chambers' shares of yes votes, {support_text}, {reached} "
                    f"the threshold of {threshold}."
                )
            else:
                sentences.append(
                    "The mean support is not published for this secret ballot (a chamber had "
                    f"fewer than three votes); it was compared with the threshold of {threshold}."
                )
            if ballot.concurrent_majority:
                short = [row["chamber"]["name"] for row in taking_part if not row["supported"]]
                sentences.append(
                    "A concurrent majority was required: every chamber's share above 1/2"
                    + (f"; not reached in: {', '.join(short)}." if short else ", and it was.")
                )
    elif ballot.method == BallotMethod.ONE_MEMBER_ONE_VOTE:
        sentences.append(
            f"One member, one vote: quorum {quorum} of the eligible organisations, threshold "
            f"{threshold} of the yes and no votes."
        )
        if result.outcome == BallotOutcome.NO_QUORUM:
            sentences.append("Quorum was not met.")
        elif support_text:
            sentences.append(f"Quorum was met; the share of yes votes was {support_text}.")
        else:
            sentences.append("Quorum was met; the share of yes votes is not published.")
    else:
        sentences.append(
            f"Consent ballot: quorum {quorum} of the eligible organisations; adopted unless an "
            "organisation objects (an objection gives its reason)."
        )
        if result.outcome == BallotOutcome.NO_QUORUM:
            sentences.append("Quorum was not met.")
        elif result.outcome == BallotOutcome.REJECTED:
            sentences.append("Quorum was met and at least one organisation objected.")
        else:
            sentences.append("Quorum was met and no organisation objected.")
    recused = sum(row["recused"] for row in tally["chambers"])
    if recused:
        sentences.append(
            f"{recused} organisation{'s were' if recused != 1 else ' was'} recused for a "
            "conflict of interest."
        )
    text = " ".join(sentences)
    assessment = impact_assessment_of(proposal=ballot.proposal)
    if result.outcome == BallotOutcome.ADOPTED and assessment is not None:
        text += f"\n\nWhy this option (from the impact assessment): {assessment.rationale}"
    return text


def _close(ballot: Ballot, *, actor: Actor | None, reason: str, now: datetime) -> Decision | None:
    """Close the locked ballot now. With the proposal still put to the vote: count the stored
    votes, record the proposal's result, write the frozen decision and, for a public proposal,
    append it to the public decision log, all in the caller's transaction. Otherwise (the
    proposal was withdrawn meanwhile) close it without a count."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("body")
        .get(pk=ballot.proposal_id)
    )
    ballot.proposal = proposal
    ballot.closed_at = now
    ballot.closed_by = acting_user(actor)
    if proposal.status != S.VOTING:
        ballot.outcome = BallotOutcome.CANCELLED
        ballot.close_reason = reason or (
            f"The proposal is {proposal.get_status_display().lower()}: nothing was counted."
        )
        ballot.save(update_fields=["closed_at", "closed_by", "outcome", "close_reason"])
        return None
    result = ballot_tally(ballot=ballot)
    ballot.outcome = result.outcome
    ballot.close_reason = reason
    ballot.save(update_fields=["closed_at", "closed_by", "outcome", "close_reason"])
    summary = _summary(ballot, result.outcome)
    proposal_record_result(
        actor=actor, proposal=proposal, result=result.outcome, reason=summary, now=now
    )
    # The nested use case renamed the shared audit context: this is still the ballot's close.
    pghistory.context(use_case="ballot_close")
    effective_date = (
        (ballot.effective_date or timezone.localdate(now))
        if result.outcome == BallotOutcome.ADOPTED
        else None
    )
    record = decision_record_build(
        ballot=ballot,
        result=result,
        decided_at=now,
        summary=summary,
        rationale="",
        effective_date=effective_date,
    )
    record["rationale"] = _rationale(ballot, result, record["tally"])
    entry = None
    if proposal.disclosure == DisclosureLevel.PUBLIC:
        entry = decision_log_append(kind="decision", record=record)
    return Decision.objects.create(
        ballot=ballot,
        proposal=proposal,
        outcome=result.outcome,
        summary=summary,
        rationale=record["rationale"],
        effective_date=effective_date,
        decided_at=now,
        record=record,
        log_entry=entry,
    )


@use_case
def ballot_close(
    *, actor: Actor | None, ballot: Ballot, reason: str = "", now: datetime | None = None
) -> Decision | None:
    """Close a ballot: the secretariat, before its time only with a reason; the system when it
    is due. Counts the stored votes and writes the decision (see ``_close``); returns it, or
    None when the proposal had left the ballot. Refused: a ballot not open, or closed already."""
    require_staff(actor, "close ballots")
    now = now or timezone.now()
    locked = _lock(ballot)
    if locked.opened_at is None or locked.closes_at is None:
        raise ValidationError("The ballot has not opened: there is nothing to close.")
    if locked.closed_at is not None:
        raise ValidationError(f"The ballot closed already, on {_when(locked.closed_at)}.")
    reason = reason.strip()
    if now < locked.closes_at and locked.proposal.status == S.VOTING:
        if actor is None:
            raise ValidationError(f"The ballot closes on {_when(locked.closes_at)}, not before.")
        if not reason:
            raise ValidationError(
                {"reason": "Say why the ballot closes before its time; the reason is published."}
            )
    decision = _close(locked, actor=actor, reason=reason, now=now)
    for field in ("closed_at", "outcome", "close_reason"):
        setattr(ballot, field, getattr(locked, field))
    return decision


@use_case
def ballots_close_due(*, actor: None = None, now: datetime | None = None) -> list[int]:
    """Close every ballot that is due: open ones whose closing time has come, and open ones
    whose proposal left the ballot (withdrawn). Returns the ids closed. Each is locked with
    SKIP LOCKED (another worker closing it is left to finish) and re-checked under the lock,
    so running twice, or two runs at once, closes each ballot once."""
    now = now or timezone.now()
    due = (
        Ballot.objects.filter(opened_at__isnull=False, closed_at__isnull=True)
        .filter(Q(closes_at__lte=now) | ~Q(proposal__status=S.VOTING))
        .order_by("closes_at", "pk")
        .values_list("pk", flat=True)
    )
    done = []
    for pk in list(due):
        try:
            with transaction.atomic():
                ballot = (
                    Ballot.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=pk, closed_at__isnull=True)
                    .select_related("proposal__body")
                    .first()
                )
                if ballot is None:
                    continue
                _close(ballot, actor=None, reason="", now=now)
        except ValidationError as refused:
            logger.warning("Ballot %s could not close: %s", pk, refused.messages)
            continue
        done.append(pk)
    return done


# --- publishing ---------------------------------------------------------------------------------


def _publish(decision: Decision) -> None:
    """Append the decision and what was said about it so far to the public decision log."""
    entry = decision_log_append(kind="decision", record=decision_public_record(decision))
    decision.log_entry = entry
    decision.save(update_fields=["log_entry"])
    seq = entry.seq
    for dissent in decision.dissents.filter(log_entry__isnull=True).select_related(
        "organisation", "decision"
    ):
        dissent.log_entry = decision_log_append(
            kind="dissent", record=dissent_public_record(dissent, seq), amends=seq
        )
        dissent.save(update_fields=["log_entry"])
    for statement in decision.reviewer_statements.filter(log_entry__isnull=True).select_related(
        "decision"
    ):
        statement.log_entry = decision_log_append(
            kind="statement", record=reviewer_statement_public_record(statement, seq), amends=seq
        )
        statement.save(update_fields=["log_entry"])
    for endorsement in decision.endorsements.filter(log_entry__isnull=True).select_related(
        "organisation", "decision"
    ):
        endorsement.log_entry = decision_log_append(
            kind="endorsement", record=endorsement_public_record(endorsement, seq), amends=seq
        )
        endorsement.save(update_fields=["log_entry"])


def decision_publish_on_disclosure(*, proposal: Proposal) -> None:
    """Called by ``proposal_update`` when a proposal's disclosure is raised to public: its
    decision, if it has one not yet published, goes to the public decision log now."""
    decision = (
        Decision.objects.select_for_update()
        .filter(proposal=proposal, log_entry__isnull=True)
        .first()
    )
    if decision is not None:
        _publish(decision)


@use_case
def decision_publish(*, actor: Actor | None, decision: Decision) -> Decision:
    """Publish a members-only proposal's decision (the secretariat): the proposal's disclosure
    is raised to public and the decision, with its dissenting statements, reviewer statements
    and endorsements, is appended to the public decision log. Refused when it is published
    already."""
    require_staff(actor, "publish decisions")
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.log_entry_id is not None:
        raise ValidationError(
            f"The decision is published already (decision log entry {decision.log_entry_id})."
        )
    proposal = Proposal.objects.select_for_update().get(pk=decision.proposal_id)
    if proposal.disclosure != DisclosureLevel.PUBLIC:
        proposal.disclosure = DisclosureLevel.PUBLIC
        proposal.save(update_fields=["disclosure", "updated_at"])
    _publish(decision)
    return decision


def _decision_seq(decision: Decision) -> int | None:
    return int(decision.log_entry_id) if decision.log_entry_id is not None else None


@use_case
def dissent_file(
    *,
    actor: Actor | None,
    decision: Decision,
    text: str,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> DissentingStatement:
    """Attach the representative's organisation's dissenting statement to a decision: it
    voted no or objected (and was not recused), within 14 days of the decision, once; never
    for a secret ballot. Published in the decision log when the decision is public."""
    now = now or timezone.now()
    organisation = _speaking_for(actor, organisation, "file dissenting statements")
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("ballot", "proposal")
        .get(pk=decision.pk)
    )
    if actor is not None and not policy.can_view(actor, decision.proposal):
        raise PermissionDenied("You may not comment on a decision you cannot see.")
    if decision.ballot.secret:
        raise ValidationError("A secret ballot has no dissenting statements: no vote is known.")
    deadline = dissent_deadline(decision)
    if now > deadline:
        raise ValidationError(
            f"Dissenting statements were taken until {_when(deadline)}, 14 days after the decision."
        )
    voted_against = Vote.objects.filter(
        ballot=decision.ballot, organisation=organisation, choice__in=DISSENTING_CHOICES
    ).exists()
    if not voted_against or organisation.pk in recused_ids(ballot=decision.ballot):
        raise ValidationError(
            f"Only an organisation that voted no or objected may attach a dissenting statement; "
            f"{organisation.name} did not."
        )
    if DissentingStatement.objects.filter(decision=decision, organisation=organisation).exists():
        raise ValidationError(f"{organisation.name} has attached its dissenting statement already.")
    dissent = DissentingStatement(
        decision=decision,
        organisation=organisation,
        text=_text(text, "text", "Write the statement."),
        filed_by=acting_user(actor),
        filed_at=now,
    )
    seq = _decision_seq(decision)
    if seq is not None:
        dissent.log_entry = decision_log_append(
            kind="dissent", record=dissent_public_record(dissent, seq), amends=seq
        )
    dissent.save()
    return dissent


@use_case
def reviewer_statement_file(
    *, actor: Actor | None, decision: Decision, text: str, now: datetime | None = None
) -> ReviewerStatement:
    """File a civil-society reviewer's public statement on any decision (the system may record
    one too, e.g. demo data). Shown with the decision as a reviewer's, without the person's
    name; published in the decision log when the decision is public."""
    now = now or timezone.now()
    if actor is not None:
        who = policy.principal(actor)
        if not who.is_authenticated:
            raise policy.SignInRequired
        if who.role != Role.CIVIL_SOCIETY_REVIEWER:
            raise PermissionDenied("Only civil-society reviewers file reviewer statements.")
    decision = Decision.objects.select_related("proposal").get(pk=decision.pk)
    if actor is not None and not policy.can_view(actor, decision.proposal):
        raise PermissionDenied("You may not comment on a decision you cannot see.")
    statement = ReviewerStatement(
        decision=decision,
        text=_text(text, "text", "Write the statement."),
        filed_by=acting_user(actor),
        filed_at=now,
    )
    seq = _decision_seq(decision)
    if seq is not None:
        statement.log_entry = decision_log_append(
            kind="statement", record=reviewer_statement_public_record(statement, seq), amends=seq
        )
    statement.save()
    return statement


@use_case
def endorsement_record(
    *,
    actor: Actor | None,
    decision: Decision,
    endorsed_on: date,
    organisation: Organisation | None = None,
    endorser_name: str = "",
    endorser_kind: str = EndorserKind.GOVERNMENT,
    country: str = "",
    statement: str = "",
    evidence_url: str = "",
    evidence_note: str = "",
    now: datetime | None = None,
) -> Endorsement:
    """Record a government's or public body's endorsement of an adopted decision (the
    secretariat), with its evidence: a link to the letter or statement, or a note of where it
    is kept. A member organisation must be a government body; a non-member is named with its
    kind and country. Once per endorser and decision. Published in the decision log when the
    decision is public."""
    require_staff(actor, "record endorsements")
    now = now or timezone.now()
    decision = Decision.objects.select_related("proposal").get(pk=decision.pk)
    errors: dict[str, str] = {}
    if decision.outcome != BallotOutcome.ADOPTED:
        errors["decision"] = "Only an adopted decision is endorsed."
    if organisation is not None:
        if organisation.kind != OrganisationKind.GOVERNMENT_BODY:
            errors["organisation"] = (
                f"{organisation.name} is not a government body; endorsements come from "
                "governments and public bodies."
            )
        endorser_name = organisation.name
        country = country or str(organisation.headquarters_country or "")
    endorser_name = endorser_name.strip()
    if not endorser_name:
        errors["endorser_name"] = "Name the government or public body."
    if endorser_kind not in EndorserKind.values:
        errors["endorser_kind"] = "A government or a public body."
    if organisation is None and not country:
        errors["country"] = "Say which country's government or public body this is."
    if not evidence_url.strip() and not evidence_note.strip():
        errors["evidence_url"] = "Give the evidence: a link, or a note of where it is kept."
    if endorsed_on > timezone.localdate(now):
        errors["endorsed_on"] = "An endorsement is recorded once it has been given."
    if (
        not errors
        and Endorsement.objects.filter(
            decision=decision, endorser_name__iexact=endorser_name
        ).exists()
    ):
        errors["endorser_name"] = f"{endorser_name} has endorsed this decision already."
    if errors:
        raise ValidationError(errors)
    endorsement = Endorsement(
        decision=decision,
        organisation=organisation,
        endorser_name=endorser_name,
        endorser_kind=endorser_kind,
        country=country.upper(),
        statement=statement.strip(),
        evidence_url=evidence_url.strip(),
        evidence_note=evidence_note.strip(),
        endorsed_on=endorsed_on,
        recorded_by=acting_user(actor),
        recorded_at=now,
    )
    endorsement.full_clean(exclude=["decision", "organisation", "recorded_by", "log_entry"])
    seq = _decision_seq(decision)
    if seq is not None:
        endorsement.log_entry = decision_log_append(
            kind="endorsement", record=endorsement_public_record(endorsement, seq), amends=seq
        )
    endorsement.save()
    return endorsement


# --- the register of interests ------------------------------------------------------------------


def _register_actor(
    actor: Actor | None, organisation: Organisation | None, what: str
) -> Organisation:
    """The organisation whose register entry ``actor`` writes: the representative's own, or
    any the secretariat (or the system) names."""
    if actor is not None and policy.principal(actor).is_staff_role:
        if organisation is None:
            raise ValidationError({"organisation": "Say which organisation."})
        return organisation
    return _speaking_for(actor, organisation, what)


@use_case
def interest_declare(
    *,
    actor: Actor | None,
    kind: str,
    description: str,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> InterestDeclaration:
    """Add an interest to the standing register: the representative for their organisation,
    or the secretariat for any. Public, with the organisation named; the person who declared
    is recorded and shown only to those who may see them."""
    organisation = _register_actor(actor, organisation, "declare interests")
    if kind not in InterestKind.values:
        raise ValidationError({"kind": "Financial, business, funding, role or other."})
    return InterestDeclaration.objects.create(
        organisation=organisation,
        kind=kind,
        description=_text(description, "description", "Describe the interest."),
        declared_by=acting_user(actor),
        declared_at=now or timezone.now(),
    )


@use_case
def interest_end(
    *,
    actor: Actor | None,
    interest: InterestDeclaration,
    reason: str,
    now: datetime | None = None,
) -> InterestDeclaration:
    """Record that a registered interest has ended, with the reason; the entry stays in the
    register. The organisation's representative or the secretariat; once."""
    _register_actor(actor, interest.organisation, "end interests")
    interest = InterestDeclaration.objects.select_for_update().get(pk=interest.pk)
    if interest.ended_at is not None:
        raise ValidationError(f"This interest ended already, on {_when(interest.ended_at)}.")
    interest.end_reason = _text(reason, "reason", "Say why the interest has ended.")
    interest.ended_at = now or timezone.now()
    interest.save(update_fields=["ended_at", "end_reason"])
    return interest
