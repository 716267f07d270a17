"""What is said about a decision: dissenting statements, reviewer statements and endorsements."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.ballots.models import (
    DISSENTING_CHOICES,
    BallotOutcome,
    Decision,
    DissentingStatement,
    Endorsement,
    EndorserKind,
    ReviewerStatement,
    Vote,
)
from governance.ballots.selectors import (
    dissent_deadline,
    dissent_public_record,
    endorsement_public_record,
    recused_ids,
    reviewer_statement_public_record,
)
from governance.ballots.services.common import _speaking_for, _text, _when
from governance.common.services import acting_user
from governance.decision_log.services import decision_log_append
from members.models import Organisation, OrganisationKind


def _decision_seq(decision: Decision) -> int | None:
    return int(decision.log_entry_id) if decision.log_entry_id is not None else None


@use_case
def dissent_file(
    *,
    actor: Actor,
    decision: Decision,
    text: str,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> DissentingStatement:
    """Attach the representative's organisation's dissenting statement to a decision: it
    voted no or objected (and was not recused), within 14 days of the decision, once; never
    for a secret ballot. Published in the decision log when the decision is public."""
    policy.require(actor, "dissent.file", decision)
    now = now or timezone.now()
    organisation = _speaking_for(actor, organisation, "file dissenting statements")
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("ballot", "proposal")
        .get(pk=decision.pk)
    )
    if not policy.can_view(actor, decision.proposal):
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
    *, actor: Actor, decision: Decision, text: str, now: datetime | None = None
) -> ReviewerStatement:
    """File a civil-society reviewer's public statement on any decision (the system may record
    one too, e.g. demo data). Shown with the decision as a reviewer's, without the person's
    name; published in the decision log when the decision is public."""
    policy.require(actor, "reviewer_statement.file", decision)
    now = now or timezone.now()
    decision = Decision.objects.select_related("proposal").get(pk=decision.pk)
    if not policy.can_view(actor, decision.proposal):
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
    actor: Actor,
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
    policy.require(actor, "endorsement.record", decision)
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
