"""Membership applications and the texts every member's people accept."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import DESCRIPTION, DOCUMENT, STATEMENT, BoundedTextField
from members.models.organisations import Chamber, Organisation, OrganisationKind, Person
from members.vocabularies import Material, Sector, ValueChainStage, choice_array


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted, awaiting review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn by the applicant"


def commitment_letter_path(instance: MembershipApplication, filename: str) -> str:
    # A random name: the letters are served by a secretariat-only view, never guessed.
    return f"applications/commitment-letters/{uuid.uuid4().hex}.pdf"


@audit_trail()
class MembershipApplication(models.Model):
    """An organisation's request to join, with its senior management's signed commitment.
    Known to the secretariat only; approving it creates the organisation."""

    organisation_name = models.CharField(max_length=200)
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="applications")
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(blank=True)
    headquarters_country = CountryField()
    countries_of_operation = CountryField(multiple=True, blank=True)
    value_chain_stages = choice_array(ValueChainStage, "value-chain stages")
    sectors = choice_array(Sector, "sectors")
    materials = choice_array(Material, "materials")
    description = BoundedTextField(
        max_length=DESCRIPTION, help_text="What the organisation does (Markdown)."
    )
    motivation = BoundedTextField(
        max_length=STATEMENT, help_text="Why it wants to join the alliance."
    )
    # The person who will represent the organisation.
    representative_name = models.CharField(max_length=150)
    representative_email = models.EmailField()
    representative_position = models.CharField(max_length=150)
    # Commitment signed by senior management.
    commitment_signatory_name = models.CharField(max_length=150)
    commitment_signatory_position = models.CharField(max_length=150)
    commitment_signed_on = models.DateField()
    commitment_letter = models.FileField(upload_to=commitment_letter_path)

    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = BoundedTextField(max_length=STATEMENT, blank=True)
    organisation = models.OneToOneField(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        ordering = ("-submitted_at",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.REJECTED)
                | ~models.Q(rejection_reason=""),
                name="application_rejection_has_reason",
            ),
            models.UniqueConstraint(
                Lower("organisation_name"),
                condition=models.Q(status=ApplicationStatus.SUBMITTED),
                name="application_one_open_per_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.get_status_display()})"


class AgreementKind(models.TextChoices):
    CHARTER = "charter", "Membership charter"
    PROTOCOL = "protocol", "Information-sharing (competition-law) protocol"
    COMPETITION = "competition", "Competition-law statement"


@audit_trail()
class AgreementVersion(models.Model):
    """One published version of the membership charter, the information-sharing protocol or
    the competition-law statement (shown on every meeting agenda and member-information form).
    The newest published version of each kind is current; people accept it again when a new
    version is published."""

    kind = models.CharField(max_length=12, choices=AgreementKind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = BoundedTextField(max_length=DOCUMENT, help_text="Markdown.")
    published_at = models.DateTimeField()

    class Meta:
        ordering = ("kind", "-version")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("kind", "version"), name="agreement_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, version {self.version}"


@audit_trail()
class AgreementAcceptance(models.Model):
    """A person's acceptance of one agreement version; never changed, only added."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="acceptances")
    agreement = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="acceptances"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-accepted_at",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("person", "agreement"), name="acceptance_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} accepted {self.agreement}"
