"""Conflicts of interest: the standing register, each ballot's declarations and the
secretariat's reasoned exemptions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import STATEMENT, BoundedTextField
from governance.ballots.models.ballots import Ballot, _ProposalDisclosure
from members.models import Organisation

# --- conflicts of interest ----------------------------------------------------------------------


class InterestKind(models.TextChoices):
    FINANCIAL = "financial", "Financial interest (shares, loans, contracts)"
    BUSINESS = "business", "Business relationship (customer, supplier, partner)"
    FUNDING = "funding", "Funding received or given"
    ROLE = "role", "Role in another organisation or body"
    OTHER = "other", "Other interest"


@audit_trail()
class InterestDeclaration(models.Model):
    """An entry of the standing register of interests: what an organisation declared about
    itself, and who declared it (the person is shown only to those who may see them). An
    interest that ends keeps its entry, with the day and reason it ended."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=InterestKind.choices)
    description = BoundedTextField(max_length=STATEMENT)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = BoundedTextField(max_length=STATEMENT, blank=True)

    class Meta:
        ordering = ("organisation__name", "-declared_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind__in=InterestKind.values), name="interest_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(description=""), name="interest_has_a_description"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | ~Q(end_reason=""),
                name="interest_ends_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None


@audit_trail()
class ConflictDeclaration(_ProposalDisclosure):
    """An organisation's declaration for one ballot, made before it votes: no conflict of
    interest, or a conflict with its nature. A conflict recuses the organisation unless the
    secretariat records a reasoned exemption. Published with the decision, naming the
    organisation, never the person who declared."""

    proposal_path: ClassVar[str] = "ballot__proposal"

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="declarations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField()
    nature = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="What the conflict is (when there is one)."
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("ballot", "organisation__name")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("ballot", "organisation"), name="conflictdeclaration_once_per_ballot"
            ),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(nature=""),
                name="conflictdeclaration_conflict_has_a_nature",
            ),
        ]

    def __str__(self) -> str:
        what = "conflict of interest" if self.has_conflict else "no conflict"
        return f"{self.organisation}: {what} ({self.ballot})"

    @property
    def recuses(self) -> bool:
        """The recusal rule: a declared conflict recuses the organisation from the ballot
        unless the secretariat recorded a reasoned exemption (``RECUSING`` is the same rule
        for queries). Load ``exemption`` with the declaration to ask it of many."""
        return self.has_conflict and not hasattr(self, "exemption")


# The recusal rule of ``ConflictDeclaration.recuses``, as a condition on declarations.
RECUSING = Q(has_conflict=True, exemption__isnull=True)


@audit_trail()
class RecusalExemption(models.Model):
    """The secretariat's reasoned decision that a declared conflict does not recuse the
    organisation from the ballot (published with the declaration)."""

    declaration = models.OneToOneField(
        ConflictDeclaration, on_delete=models.PROTECT, related_name="exemption"
    )
    reason = BoundedTextField(max_length=STATEMENT)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(reason=""), name="recusalexemption_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"Exemption for {self.declaration}"
