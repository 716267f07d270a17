"""Chambers, member organisations and their people."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel
from alliance_portal.text_limits import DESCRIPTION, BoundedTextField
from members.vocabularies import (
    DOWNSTREAM_STAGES,
    Material,
    Sector,
    ValueChainStage,
    choice_array,
    labels,
)


@audit_trail()
class Chamber(models.Model):
    """A stakeholder group of the alliance. In chamber-balanced ballots every chamber weighs
    the same, whatever its head count."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = BoundedTextField(
        max_length=DESCRIPTION, blank=True, help_text="Who belongs here (Markdown)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "name")

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    ACTIVE = "active", "Active member"
    SUSPENDED = "suspended", "Suspended"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OrganisationKind(models.TextChoices):
    COMPANY = "company", "Company"
    INDUSTRY_ASSOCIATION = "industry_association", "Industry association"
    NGO = "ngo", "Non-governmental organisation"
    COMMUNITY_ORGANISATION = "community_organisation", "Community organisation"
    TRADE_UNION = "trade_union", "Trade union"
    GOVERNMENT_BODY = "government_body", "Government body"
    RESEARCH_INSTITUTE = "research_institute", "Research institute"
    OTHER_ALLIANCE = "other_alliance", "Other alliance"


@audit_trail()
class Organisation(models.Model):
    """A member organisation (or an applicant), in exactly one chamber.

    Disclosure: the profile of an organisation that is or was a member is public; its contacts
    are members-level; an applicant is known to the secretariat (and its own people) only.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    membership_status = models.CharField(
        max_length=12, choices=MembershipStatus.choices, default=MembershipStatus.APPLICANT
    )
    description = BoundedTextField(
        max_length=DESCRIPTION, blank=True, help_text="Public description (Markdown)."
    )
    website = models.URLField(blank=True)
    headquarters_country = CountryField(blank=True)
    countries_of_operation = CountryField(multiple=True, blank=True)
    value_chain_stages = choice_array(ValueChainStage, "value-chain stages")
    sectors = choice_array(Sector, "sectors")
    materials = choice_array(Material, "materials")
    joined_on = models.DateField(null=True, blank=True)
    # Members-level: shown to members and the organisation's own people only.
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    # The organisation's people, for sharing items with the whole organisation through
    # django-guardian group object permissions.
    group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisation"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    owner_organisation_path: ClassVar[str] = "pk"
    PUBLISHED_STATUSES: ClassVar[tuple[str, ...]] = (
        MembershipStatus.ACTIVE,
        MembershipStatus.SUSPENDED,
        MembershipStatus.WITHDRAWN,
    )

    class Meta:
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique"),
        ]
        indexes: ClassVar = [
            models.Index(fields=("membership_status", "chamber")),
            GinIndex(fields=("value_chain_stages",), name="organisation_stages_gin"),
            GinIndex(fields=("materials",), name="organisation_materials_gin"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:organisation-detail", kwargs={"slug": self.slug})

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.SECRETARIAT in levels:
            return Q()
        return Q(membership_status__in=cls.PUBLISHED_STATUSES)

    @property
    def disclosure_level(self) -> str:
        if self.membership_status in self.PUBLISHED_STATUSES:
            return DisclosureLevel.PUBLIC
        return DisclosureLevel.SECRETARIAT

    def owner_organisation_id(self) -> int | None:
        return self.pk

    @property
    def stage_labels(self) -> list[str]:
        return labels(ValueChainStage, self.value_chain_stages)

    @property
    def sector_labels(self) -> list[str]:
        return labels(Sector, self.sectors)

    @property
    def material_labels(self) -> list[str]:
        return labels(Material, self.materials)

    @property
    def is_active_member(self) -> bool:
        return self.membership_status == MembershipStatus.ACTIVE

    @property
    def is_downstream(self) -> bool:
        """Active in component or product manufacturing or retail: it buys from suppliers."""
        return any(stage in DOWNSTREAM_STAGES for stage in self.value_chain_stages)


@audit_trail()
class Person(DisclosedModel):
    """A person of a member organisation, linked to their login. Their role follows from
    their organisation's membership status and whether they represent it. ``disclosure`` says
    who may see that they belong to the organisation (members by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    position = models.CharField(max_length=150, blank=True)
    is_representative = models.BooleanField(
        default=False,
        help_text="Votes for the organisation, declares conflicts, edits its profile.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    owner_organisation_path: ClassVar[str] = "organisation_id"

    class Meta:
        ordering = ("organisation__name", "user__email")
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"
