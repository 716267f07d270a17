"""Certifications: which organisation is recognised under which standard version, for which
sites and materials, and until when.

A certification is what an organisation (or the secretariat for it) records with evidence: the
portal shows it as "recognised under", never as "compliant", since an audit has limits. Only a
*current* certification (certified, and valid today) counts towards the organisation's baseline
coverage (``standards.selectors.certifications``).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import SHORT_NOTE, BoundedTextField
from members.vocabularies import Material, choice_array, labels
from standards.models.registry import StandardVersion


class CertificationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "Certification in progress"
    CERTIFIED = "certified", "Certified"
    SUSPENDED = "suspended", "Suspended"
    EXPIRED = "expired", "Expired"


@audit_trail()
class Certification(DisclosedModel):
    """An organisation's certification (or assessment in progress) under a standard version."""

    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="certifications"
    )
    version = models.ForeignKey(
        StandardVersion,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name="standard version",
    )
    sites = BoundedTextField(
        max_length=SHORT_NOTE,
        blank=True,
        help_text="The sites the certification covers, one per line. Leave empty for all.",
    )
    materials = choice_array(Material, "materials")
    status = models.CharField(
        max_length=12, choices=CertificationStatus.choices, default=CertificationStatus.CERTIFIED
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    evidence_url = models.URLField(
        "evidence link",
        max_length=500,
        blank=True,
        help_text="Where the certificate or the audit summary can be checked.",
    )
    disclosure = disclosure_field(DisclosureLevel.PUBLIC)
    recorded_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    class Meta:
        ordering = ("organisation__name", "version__standard__title", "-valid_from")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="certification_valid_until_after_from",
                violation_error_message="A certification ends on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(status=CertificationStatus.CERTIFIED) | Q(valid_from__isnull=False),
                name="certification_certified_has_start",
                violation_error_message="Give the day a certification took effect.",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("organisation", "status"), name="certification_org_status"),
            models.Index(fields=("version", "status"), name="certification_version_status"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("standards:certification-detail", kwargs={"pk": self.pk})

    def is_current(self, today: date) -> bool:
        """Certified and valid on ``today``: what counts towards baseline coverage."""
        return (
            self.status == CertificationStatus.CERTIFIED
            and self.valid_from is not None
            and self.valid_from <= today
            and (self.valid_until is None or self.valid_until >= today)
        )

    @property
    def recognised(self) -> bool:
        return self.is_current(timezone.localdate())

    @property
    def standing(self) -> str:
        """Its state today, in plain words: "Recognised", "Expired", "Suspended"..."""
        today = timezone.localdate()
        if self.is_current(today):
            return "Recognised"
        if self.status == CertificationStatus.CERTIFIED:
            if self.valid_until is not None and self.valid_until < today:
                return "Expired"
            return "Recognised from a later date"
        return str(CertificationStatus(self.status).label)

    @property
    def material_labels(self) -> list[str]:
        return labels(Material, self.materials)

    @property
    def site_list(self) -> list[str]:
        return [line.strip() for line in self.sites.splitlines() if line.strip()]


def current_q(today: date, prefix: str = "") -> Q:
    """The certifications current on ``today`` (``prefix`` reaches them from another model)."""
    return Q(
        **{
            f"{prefix}status": CertificationStatus.CERTIFIED,
            f"{prefix}valid_from__lte": today,
        }
    ) & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today}))
