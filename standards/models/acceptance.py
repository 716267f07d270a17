"""Acceptance requests: an upstream organisation proposes a standard version (typically its own,
or an industry scheme's) as meeting all or part of the alliance baseline.

The request states which baseline requirements it claims to meet (by reference code; none
listed means all of them) and why. Its page sets the claim beside the evidence: the coverage
the crosswalk's approved mappings give the version (``standards.selectors.acceptance``). The
alliance answers through governance: the secretariat opens a proposal from the request
(governance stores that link, so this app never imports governance) and the decision on it is
shown with the request.

A draft is the organisation's and the secretariat's only, whatever its disclosure level; once
submitted, the request is read at its own level (public by default).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import DESCRIPTION, SHORT_NOTE, BoundedTextField
from standards.models.registry import StandardVersion


class AcceptanceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_CONSIDERATION = "under_consideration", "Under consideration"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


A = AcceptanceStatus
# Where the organisation may still withdraw its request: before the alliance has answered.
WITHDRAWABLE: frozenset[str] = frozenset({A.DRAFT, A.SUBMITTED, A.UNDER_CONSIDERATION})
# The alliance's answers.
OUTCOMES: frozenset[str] = frozenset({A.ACCEPTED, A.PARTLY_ACCEPTED, A.DECLINED})


@audit_trail()
class AcceptanceRequest(DisclosedModel):
    """An organisation's request that the alliance accept a standard version as meeting (part
    of) its baseline."""

    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="acceptance_requests"
    )
    version = models.ForeignKey(
        StandardVersion,
        on_delete=models.PROTECT,
        related_name="acceptance_requests",
        verbose_name="standard version",
    )
    requirement_refs = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        verbose_name="baseline requirements claimed",
        help_text="The reference codes of the baseline requirements claimed; empty for all.",
    )
    statement = BoundedTextField(
        max_length=DESCRIPTION,
        help_text="Why the standard meets the requirements claimed (Markdown).",
    )
    status = models.CharField(max_length=20, choices=AcceptanceStatus.choices, default=A.DRAFT)
    disclosure = disclosure_field(DisclosureLevel.PUBLIC)
    status_note = BoundedTextField(
        max_length=SHORT_NOTE,
        blank=True,
        help_text="Why it was withdrawn, or what the alliance's answer says.",
    )
    drafted_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    class Meta:
        ordering = ("-submitted_at", "-created_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=AcceptanceStatus.values),
                name="acceptancerequest_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=A.DRAFT) | Q(status=A.WITHDRAWN) | Q(submitted_at__isnull=False),
                name="acceptancerequest_submitted_has_a_time",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("status", "submitted_at"), name="acceptance_status_submitted"),
            models.Index(fields=("organisation", "status"), name="acceptance_org_status"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.version} as meeting the baseline"

    def get_absolute_url(self) -> str:
        return reverse("standards:acceptance-detail", kwargs={"pk": self.pk})

    # --- the disclosure rule: a draft is secretariat-level (its organisation sees it too) ---

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.SECRETARIAT in levels:
            return Q()
        return Q(disclosure__in=list(levels)) & ~Q(status=A.DRAFT)

    @property
    def disclosure_level(self) -> str:
        return DisclosureLevel.SECRETARIAT if self.status == A.DRAFT else str(self.disclosure)

    @property
    def claims_all(self) -> bool:
        return not self.requirement_refs

    @property
    def is_draft(self) -> bool:
        return self.status == A.DRAFT

    @property
    def awaits_answer(self) -> bool:
        return self.status in WITHDRAWABLE
