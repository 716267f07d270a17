"""Decisions and what is said about them: dissenting statements, civil-society reviewers'
statements and endorsements. Never changed once written."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import DOCUMENT, SHORT_NOTE, STATEMENT, BoundedTextField
from governance.ballots.models.ballots import (
    Ballot,
    BallotOutcome,
    _ProposalDisclosure,
    frozen_triggers,
)
from governance.proposals.models import Proposal
from members.models import Organisation

# --- decisions and what is said about them ------------------------------------------------------


@audit_trail()
class Decision(_ProposalDisclosure):
    """The decision record, written once when the ballot closes with a count and never changed
    (the database refuses; corrections are new entries of the public decision log).

    ``record`` is the full public content, built once by
    ``governance.ballots.selectors.decision_record_build``: JSON without floats, naming
    organisations and never people. The members' decision page and the public log both show
    this very record. ``log_entry`` is set when it is published (at once for a public
    proposal, when its disclosure is raised to public for a members-only one)."""

    ballot = models.OneToOneField(Ballot, on_delete=models.PROTECT, related_name="decision")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=12, choices=BallotOutcome.choices)
    summary = BoundedTextField(max_length=SHORT_NOTE)
    # Composed by the count: its own words plus the impact assessment's rationale.
    rationale = BoundedTextField(max_length=DOCUMENT)
    effective_date = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField()
    record = models.JSONField(help_text="The public record, as published.")
    log_entry = models.OneToOneField(
        "governance.DecisionLogEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )

    class Meta:
        ordering = ("-decided_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(
                    outcome__in=[
                        BallotOutcome.ADOPTED,
                        BallotOutcome.REJECTED,
                        BallotOutcome.NO_QUORUM,
                    ]
                ),
                name="decision_outcome_is_a_result",
            ),
            models.CheckConstraint(
                condition=Q(effective_date__isnull=True) | Q(outcome=BallotOutcome.ADOPTED),
                name="decision_only_adopted_takes_effect",
            ),
        ]
        triggers: ClassVar = frozen_triggers(publishable="log_entry", erasable=())

    def __str__(self) -> str:
        return f"Decision on {self.proposal}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url() + "#decision"


class _Statement(_ProposalDisclosure):
    """Something said about a decision, shown with it; published in the decision log as an
    entry of its own when the decision is public."""

    proposal_path: ClassVar[str] = "decision__proposal"

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    text = BoundedTextField(max_length=STATEMENT, help_text="Markdown.")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


@audit_trail()
class DissentingStatement(_Statement):
    """An organisation that voted no or objected explains its dissent (within 14 days of the
    decision; never for a secret ballot). Names the organisation, not the person."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="dissents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    log_entry = models.OneToOneField(
        "governance.DecisionLogEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dissenting_statement",
    )

    class Meta:
        ordering = ("decision", "filed_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("decision", "organisation"), name="dissent_once_per_organisation"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="dissent_has_a_text"),
        ]
        triggers: ClassVar = frozen_triggers(publishable="log_entry", erasable=("filed_by",))

    def __str__(self) -> str:
        return f"Dissent of {self.organisation} on {self.decision}"


@audit_trail()
class ReviewerStatement(_Statement):
    """A civil-society reviewer's public statement on a decision. Published as coming from
    "a civil-society reviewer": the person is not named in the record."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="reviewer_statements"
    )
    log_entry = models.OneToOneField(
        "governance.DecisionLogEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewer_statement",
    )

    class Meta:
        ordering = ("decision", "filed_at", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(text=""), name="reviewerstatement_has_a_text"),
        ]
        triggers: ClassVar = frozen_triggers(publishable="log_entry", erasable=("filed_by",))

    def __str__(self) -> str:
        return f"Reviewer statement on {self.decision}"


class EndorserKind(models.TextChoices):
    GOVERNMENT = "government", "Government"
    PUBLIC_BODY = "public_body", "Public body"


@audit_trail()
class Endorsement(_ProposalDisclosure):
    """A government or public body endorses an adopted decision (the briefing's "seal of
    approval from policy makers"). Member or not, the secretariat records it with evidence
    (a link to the letter or statement, or a note of where it is kept)."""

    proposal_path: ClassVar[str] = "decision__proposal"

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="endorsements")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member organisation that endorses, if it is one.",
    )
    endorser_name = models.CharField(max_length=200)
    endorser_kind = models.CharField(max_length=12, choices=EndorserKind.choices)
    country = CountryField(blank=True)
    statement = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="What the endorser said (Markdown)."
    )
    evidence_url = models.URLField(blank=True, max_length=500)
    evidence_note = BoundedTextField(
        max_length=SHORT_NOTE, blank=True, help_text="Where the evidence is kept."
    )
    endorsed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    log_entry = models.OneToOneField(
        "governance.DecisionLogEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="endorsement",
    )

    class Meta:
        ordering = ("decision", "endorsed_on", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(evidence_url="") | ~Q(evidence_note=""),
                name="endorsement_has_evidence",
            ),
            models.CheckConstraint(
                condition=Q(endorser_kind__in=EndorserKind.values),
                name="endorsement_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(endorser_name=""), name="endorsement_names_the_endorser"
            ),
            models.UniqueConstraint(
                Lower("endorser_name"),
                "decision",
                name="endorsement_once_per_endorser",
            ),
        ]
        triggers: ClassVar = frozen_triggers(publishable="log_entry", erasable=("recorded_by",))

    def __str__(self) -> str:
        return f"Endorsement by {self.endorser_name} of {self.decision}"
