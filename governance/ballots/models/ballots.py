"""Ballots, their electorate and votes, and what the models of this feature share (the
proposal's disclosure, frozen rows)."""

from __future__ import annotations

from collections.abc import Collection
from fractions import Fraction
from typing import Any, ClassVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance_portal.append_only import APPEND_ONLY_TRIGGER_PREFIX
from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import STATEMENT, BoundedTextField
from governance.ballots.methods import (
    ChamberBalanced,
    Consent,
    Method,
    method_choices,
    method_for,
    methods,
    union,
    vote_choices,
)
from governance.proposals.models import Proposal
from members.models import Chamber, Organisation


def _text_choices(name: str, pairs: list[tuple[str, str]]) -> type[models.TextChoices]:
    """A TextChoices class made of (value, label) pairs, each member named by its value."""
    members = [(value.upper(), (value, label)) for value, label in pairs]
    return models.TextChoices(name, members)  # type: ignore[call-overload]


# The stored values and their labels come from the registry of ballot methods (one class per
# method in governance.ballots.methods): the model, forms, admin and API take them from here.
BallotMethod = _text_choices("BallotMethod", method_choices())
VoteChoice = _text_choices("VoteChoice", vote_choices())
# The choices that disagree with the proposal: the organisations that made them may dissent.
DISSENTING_CHOICES = union(method.dissenting for method in methods())


class BallotOutcome(models.TextChoices):
    ADOPTED = "adopted", "Adopted"
    REJECTED = "rejected", "Rejected"
    NO_QUORUM = "no_quorum", "No quorum"
    # The proposal left the ballot (withdrawn) before it closed: nothing was counted.
    CANCELLED = "cancelled", "Closed without a count"


class _ProposalDisclosure(models.Model):
    """Disclosure of an item that follows its proposal's (for the access policy)."""

    proposal_path: ClassVar[str] = "proposal"
    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        abstract = True

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        return Q(**{f"{cls.proposal_path}__disclosure__in": list(levels)})

    @property
    def disclosure_level(self) -> str:
        proposal: Any = self
        for part in self.proposal_path.split("__"):
            proposal = getattr(proposal, part)
        return str(proposal.disclosure)

    def owner_organisation_id(self) -> int | None:
        return None


# --- frozen rows --------------------------------------------------------------------------------


def frozen_triggers(*, publishable: str, erasable: tuple[str, ...]) -> list[pgtrigger.Trigger]:
    """Triggers that freeze a row once written: the database refuses DELETE, TRUNCATE and
    every UPDATE except two: setting ``publishable`` (the link to the public decision log) once,
    from empty to an entry; and emptying an ``erasable`` link to a person's account (erasing a
    person's data never needs to change what the alliance decided). The names start with the
    append-only prefix, so the test database's flush switches them off like the other
    append-only tables' (``alliance_portal.testing.db``)."""
    kept = ", ".join(
        f"'{column}'" for column in (f"{publishable}_id", *(f"{e}_id" for e in erasable))
    )
    erased = "".join(
        f"\n        AND (NEW.{e}_id IS NULL OR NEW.{e}_id IS NOT DISTINCT FROM OLD.{e}_id)"
        for e in erasable
    )
    refuse = (
        "RAISE EXCEPTION '% is frozen: % is not allowed', TG_TABLE_NAME, TG_OP "
        "USING ERRCODE = 'restrict_violation', "
        "HINT = 'A decision is corrected by a new entry of the public decision log.';"
    )
    allow_update = f"""
    IF TG_OP = 'UPDATE'
        AND (to_jsonb(OLD) - ARRAY[{kept}]) = (to_jsonb(NEW) - ARRAY[{kept}])
        AND (OLD.{publishable}_id IS NULL
             OR NEW.{publishable}_id IS NOT DISTINCT FROM OLD.{publishable}_id){erased}
    THEN
        RETURN NEW;
    END IF;
    {refuse}"""
    return [
        pgtrigger.Trigger(
            name=f"{APPEND_ONLY_TRIGGER_PREFIX}_frozen_update_delete",
            level=pgtrigger.Row,
            when=pgtrigger.Before,
            operation=pgtrigger.Update | pgtrigger.Delete,
            func=allow_update,
        ),
        pgtrigger.Trigger(
            name=f"{APPEND_ONLY_TRIGGER_PREFIX}_frozen_truncate",
            level=pgtrigger.Statement,
            when=pgtrigger.Before,
            operation=pgtrigger.Truncate,
            func=refuse,
        ),
    ]


# --- ballots ------------------------------------------------------------------------------------


@audit_trail()
class Ballot(_ProposalDisclosure):
    """The ballot on a proposal. The secretariat may set it up while the proposal is before
    its ballot (method, quorum, threshold, secrecy, closing time); it opens when the proposal
    moves to ``voting`` (with the defaults of its body if nobody set it up), when the
    electorate is taken (``BallotElector``), and closes on time (Celery beat) or early by
    the secretariat with a reason. ``outcome`` is empty until it closes."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="ballot")
    version = models.ForeignKey(
        "governance.ProposalVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The frozen version of the text voted on, taken when the ballot opens "
        "(empty for ballots opened before proposals had versions).",
    )
    method = models.CharField(max_length=20, choices=BallotMethod.choices)
    quorum_numerator = models.PositiveSmallIntegerField(default=1)
    quorum_denominator = models.PositiveSmallIntegerField(default=2)
    threshold_numerator = models.PositiveSmallIntegerField(default=2)
    threshold_denominator = models.PositiveSmallIntegerField(default=3)
    concurrent_majority = models.BooleanField(
        default=False,
        help_text="Chamber-balanced only: adopted only if every chamber's share is above 1/2.",
    )
    secret = models.BooleanField(
        default=False,
        help_text="Individual choices are never shown; small chambers' figures are withheld.",
    )
    effective_date = models.DateField(
        null=True,
        blank=True,
        help_text="The day an adopted decision takes effect; empty: the day the ballot closes.",
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = BoundedTextField(max_length=STATEMENT, blank=True)
    outcome = models.CharField(max_length=12, choices=BallotOutcome.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-opened_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(method__in=BallotMethod.values), name="ballot_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(quorum_numerator__gte=1)
                & Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="ballot_quorum_a_fraction_in_0_1",
            ),
            models.CheckConstraint(
                condition=Q(threshold_numerator__gte=1)
                & Q(threshold_numerator__lte=models.F("threshold_denominator")),
                name="ballot_threshold_a_fraction_in_0_1",
            ),
            models.CheckConstraint(
                condition=Q(concurrent_majority=False) | Q(method=ChamberBalanced.value),
                name="ballot_concurrent_majority_only_chamber_balanced",
            ),
            models.CheckConstraint(
                condition=Q(opened_at__isnull=True)
                | (Q(closes_at__isnull=False) & Q(closes_at__gt=models.F("opened_at"))),
                name="ballot_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=(Q(closed_at__isnull=True) & Q(outcome=""))
                | (Q(closed_at__isnull=False) & Q(opened_at__isnull=False) & ~Q(outcome="")),
                name="ballot_outcome_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=BallotOutcome.values),
                name="ballot_outcome_valid",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("closed_at", "closes_at"))]

    def __str__(self) -> str:
        return f"Ballot on {self.proposal}"

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url() + "#ballot"

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    @property
    def threshold(self) -> Fraction:
        return Fraction(self.threshold_numerator, self.threshold_denominator)

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def state(self) -> str:
        """``scheduled`` (set up, not open), ``open`` or ``closed``."""
        if self.opened_at is None:
            return "scheduled"
        return "open" if self.closed_at is None else "closed"

    @property
    def rule(self) -> Method:
        """The ballot's method: its choices, count, explanation and labels."""
        return method_for(self.method)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return list(self.rule.choices)


@audit_trail()
class BallotElector(models.Model):
    """One organisation of the ballot's electorate, with its chamber, as taken when the ballot
    opened (``body_electorate`` that day): the E_c of the tally before recusals. Taking it once
    keeps the result reproducible whatever happens to memberships and seats later."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="electors")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("ballot", "chamber__order", "organisation__name")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("ballot", "organisation"), name="ballotelector_once_per_ballot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.chamber}) on {self.ballot}"


# The audit trail records who cast or changed each organisation's vote and when, never the
# choice or its reason: a secret ballot's choices must not leave the votes table, and a
# roll-call ballot's are published with the decision.
@audit_trail(exclude=["choice", "reason"])
class Vote(models.Model):
    """An organisation's vote in a ballot, cast by its representative; casting again replaces
    it until the ballot closes. ``cast_by`` is the person who cast it (never published)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)
    reason = BoundedTextField(max_length=STATEMENT, blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("ballot", "organisation__name")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("ballot", "organisation"), name="vote_one_per_ballot"),
            models.CheckConstraint(
                condition=Q(choice__in=VoteChoice.values), name="vote_choice_valid"
            ),
            models.CheckConstraint(
                condition=~Q(choice=Consent.OBJECT) | ~Q(reason=""),
                name="vote_objection_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Vote of {self.organisation} on {self.ballot}"  # never the choice
