"""Setting up and opening a ballot, declaring conflicts of interest, exemptions and votes."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.ballots.methods import METHODS, method_names_sentence, methods_named
from governance.ballots.models import (
    Ballot,
    BallotElector,
    ConflictDeclaration,
    RecusalExemption,
    Vote,
)
from governance.ballots.services.common import (
    DEFAULT_VOTING_PERIOD,
    MAX_TERM,
    MAX_TEXT,
    _check_elector,
    _check_running,
    _lock,
    _speaking_for,
    _text,
    _when,
    default_method,
)
from governance.bodies.constitution import check_ballot_bounds
from governance.bodies.selectors import body_electorate
from governance.common.services import acting_user
from governance.effects.services import check_effect_before_ballot
from governance.proposals.models import BEFORE_BALLOT, Proposal
from governance.versions.services.records import current_version
from members.models import Organisation

# --- setting up and opening ---------------------------------------------------------------------


@use_case
def ballot_configure(
    *,
    actor: Actor,
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
    the voters; and a quorum or threshold below the bounds of the body's constitution for the
    method (the error quotes the rule and the decision that set it)."""
    policy.require(actor, "ballot.configure", proposal)
    now = now or timezone.now()
    proposal = Proposal.objects.select_for_update().select_related("body").get(pk=proposal.pk)
    if proposal.status not in BEFORE_BALLOT:
        raise ValidationError("The ballot has opened: its rules do not change any more.")
    errors: dict[str, str] = {}
    rule = METHODS.get(method)
    if rule is None:
        errors["method"] = method_names_sentence()
    for name, value in (("quorum", quorum), ("threshold", threshold)):
        if not isinstance(value, Fraction) or not 0 < value <= 1:
            errors[name] = "A fraction above 0 and at most 1, such as 1/2 or 2/3."
        elif value.denominator > MAX_TERM:
            errors[name] = "Write the fraction with smaller numbers."
    if concurrent_majority and (rule is None or not rule.takes_concurrent_majority):
        takers = methods_named(m for m in METHODS.values() if m.takes_concurrent_majority)
        errors["concurrent_majority"] = f"Concurrent majority applies to {takers} ballots."
    if closes_at is not None and closes_at <= now:
        errors["closes_at"] = "The ballot closes at a time in the future."
    if rule is not None and not errors:
        errors.update(
            check_ballot_bounds(
                body=proposal.body, method=method, quorum=quorum, threshold=threshold
            )
        )
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
    # The constitution may have changed since the ballot was set up (or the body's defaults
    # fall below it): a ballot never opens outside the bounds.
    out_of_bounds = check_ballot_bounds(
        body=proposal.body, method=ballot.method, quorum=ballot.quorum, threshold=ballot.threshold
    )
    if out_of_bounds:
        raise ValidationError(out_of_bounds)
    check_effect_before_ballot(proposal=proposal)
    ballot.opened_at = now
    ballot.closes_at = closes_at
    # The ballot is on the current version of the text, frozen: its number and sha256 go into
    # the decision record.
    ballot.version = current_version(proposal=proposal, actor=policy.SYSTEM, now=now)
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
    """Tell each representative of the electorate, as they chose (governance.notifications):
    the ballot is open, until when, where to declare and vote. Says nothing about any vote."""
    from governance.notifications.events import ballot_opened

    ballot_opened(ballot)


# --- conflicts of interest ----------------------------------------------------------------------


@use_case
def conflict_declare(
    *,
    actor: Actor,
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
    policy.require(actor, "conflict.declare", ballot)
    now = now or timezone.now()
    organisation = _speaking_for(actor, organisation, "declare conflicts of interest")
    ballot = _lock(ballot)
    _check_running(ballot, now)
    _check_elector(ballot, organisation)
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
    if declaration.recuses:
        Vote.objects.filter(ballot=ballot, organisation=organisation).delete()
    return declaration


@use_case
def recusal_exempt(
    *,
    actor: Actor,
    ballot: Ballot,
    organisation: Organisation,
    reason: str,
    now: datetime | None = None,
) -> RecusalExemption:
    """Record the secretariat's reasoned exemption: the organisation declared a conflict of
    interest in this ballot but is not recused from it (published with the declaration).
    While the ballot runs; once per declaration."""
    policy.require(actor, "recusal.exempt", ballot)
    now = now or timezone.now()
    ballot = _lock(ballot)
    _check_running(ballot, now)
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
        declaration=declaration,
        reason=reason,
        granted_by=acting_user(actor),
        granted_at=now,
    )


# --- voting -------------------------------------------------------------------------------------


@use_case
def vote_cast(
    *,
    actor: Actor,
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
    policy.require(actor, "ballot.vote", ballot)
    now = now or timezone.now()
    organisation = _speaking_for(actor, organisation, "vote")
    ballot = _lock(ballot)
    if not policy.can_view(actor, ballot.proposal):
        raise PermissionDenied("You may not vote on a proposal you cannot see.")
    _check_running(ballot, now)
    _check_elector(ballot, organisation)
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
    if declaration.recuses:
        raise ValidationError(
            f"{organisation.name} declared a conflict of interest and is recused from this "
            "ballot; only the secretariat's reasoned exemption would let it vote."
        )
    rule = ballot.rule
    if choice not in rule.choice_values:
        allowed = ", ".join(label.lower() for _, label in rule.choices)
        raise ValidationError({"choice": f"A {rule.label.lower()} ballot takes: {allowed}."})
    reason = reason.strip()
    if choice in rule.reason_required:
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
