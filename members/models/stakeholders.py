"""The stakeholder map, partner alliances and the countries the alliance works in."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import DESCRIPTION, SHORT_NOTE, STATEMENT, BoundedTextField
from members.models.organisations import Chamber, Organisation
from members.vocabularies import Material, Sector, ValueChainStage, choice_array

CRITICAL_FROM = 4  # influence or impact at or above this makes a group critical


class EngagementStatus(models.TextChoices):
    MEMBER = "member", "Member"
    PARTNER_ALLIANCE = "partner_alliance", "Engaged through a partner alliance"
    INFORMAL = "informal", "Engaged informally"
    NOT_ENGAGED = "not_engaged", "Not engaged"


@audit_trail()
class StakeholderGroup(models.Model):
    """A group of people affected by or able to change responsible sourcing, inside or outside
    the membership (e.g. "artisanal miners in South Kivu"). Maintained by the secretariat."""

    name = models.CharField(max_length=200, unique=True)
    description = BoundedTextField(max_length=DESCRIPTION, blank=True)
    chamber = models.ForeignKey(
        Chamber,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stakeholder_groups",
        help_text="The chamber the group would sit in, if it joined.",
    )
    countries = CountryField(multiple=True, blank=True)
    value_chain_stages = choice_array(ValueChainStage, "value-chain stages")
    materials = choice_array(Material, "materials")
    influence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1–5: how far the group can bring about change.",
    )
    impact = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1–5: how directly the group is affected by the change.",
    )
    engagement = models.CharField(max_length=20, choices=EngagementStatus.choices)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="represented_groups"
    )
    partner_alliances: models.ManyToManyField[PartnerAlliance, Any] = models.ManyToManyField(
        "PartnerAlliance", blank=True, related_name="engaged_groups"
    )

    class Meta:
        ordering = ("-influence", "-impact", "name")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5), name="group_influence_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5), name="group_impact_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_critical(self) -> bool:
        return self.influence >= CRITICAL_FROM or self.impact >= CRITICAL_FROM

    @classmethod
    def critical_q(cls) -> models.Q:
        return models.Q(influence__gte=CRITICAL_FROM) | models.Q(impact__gte=CRITICAL_FROM)


@audit_trail()
class PartnerAlliance(models.Model):
    """Another alliance or initiative the alliance liaises with for wider stakeholder coverage."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    description = BoundedTextField(max_length=DESCRIPTION, blank=True)
    sectors = choice_array(Sector, "sectors")
    chambers = models.ManyToManyField(Chamber, blank=True, related_name="partner_alliances")
    value_chain_stages = choice_array(ValueChainStage, "value-chain stages")
    materials = choice_array(Material, "materials")
    countries = CountryField(multiple=True, blank=True)
    cooperation_agreed_on = models.DateField(null=True, blank=True)
    # Members-level.
    liaison_name = models.CharField(max_length=150, blank=True)
    liaison_email = models.EmailField(blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class CountryRole(models.TextChoices):
    PRODUCER = "producer", "Producer country"
    CONSUMER = "consumer", "Consumer country"
    BOTH = "both", "Producer and consumer country"


@audit_trail()
class FocusCountry(models.Model):
    """A country (jurisdiction) the alliance works in. Its page gathers members, partner
    alliances, stakeholder groups, risk notes and what higher apps register."""

    country = CountryField(unique=True)
    role = models.CharField(max_length=10, choices=CountryRole.choices)
    summary = BoundedTextField(max_length=SHORT_NOTE, blank=True, help_text="Markdown.")

    class Meta:
        verbose_name_plural = "focus countries"
        ordering = ("country",)

    def __str__(self) -> str:
        return str(self.country.name)

    def get_absolute_url(self) -> str:
        return reverse("countries:country-detail", kwargs={"iso2": self.country.code.lower()})


@audit_trail()
class FocusMaterial(models.Model):
    """A material the alliance works on; coverage gaps are reported for each."""

    material = models.CharField(max_length=40, choices=Material.choices, unique=True)

    class Meta:
        ordering = ("material",)

    def __str__(self) -> str:
        return self.get_material_display()


@audit_trail()
class CountryRiskNote(DisclosedModel):
    """A note the secretariat keeps on a country: e.g. whether and by whom it (or an area in
    it) is designated conflict-affected or high-risk, with source and date."""

    country = models.ForeignKey(FocusCountry, on_delete=models.CASCADE, related_name="risk_notes")
    disclosure = disclosure_field(DisclosureLevel.PUBLIC)
    title = models.CharField(max_length=200)
    designation = models.CharField(
        max_length=200,
        blank=True,
        help_text='e.g. "conflict-affected or high-risk area (CAHRA)"',
    )
    designated_by = models.CharField(max_length=200, blank=True)
    source = models.URLField(blank=True)
    noted_on = models.DateField()
    note = BoundedTextField(max_length=STATEMENT, blank=True, help_text="Markdown.")

    class Meta:
        ordering = ("-noted_on",)

    def __str__(self) -> str:
        return self.title
