"""Initiatives (funded projects that put decisions into practice) and pledges towards them.

An initiative has a budget in one currency; member organisations and partner alliances pledge
amounts, each in its own currency. What is still missing is worked out per currency by the
selectors (``governance.initiatives.selectors``): amounts in different currencies are never
added together."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel
from alliance_portal.text_limits import DOCUMENT, BoundedTextField
from governance.decision_log.models import PublishedDecision
from members.models import Organisation, PartnerAlliance
from members.vocabularies import Material, choice_array

MONEY_DIGITS = 14
MONEY_PLACES = 2


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed, looking for funding"
    FUNDED = "funded", "Funded, not started"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


# Pledges are taken while the initiative may still use the money.
OPEN_FOR_PLEDGES: frozenset[str] = frozenset(
    {InitiativeStatus.PROPOSED, InitiativeStatus.FUNDED, InitiativeStatus.RUNNING}
)
# An initiative is public or for members, like a proposal; never secretariat-only.
INITIATIVE_DISCLOSURE_LEVELS = (DisclosureLevel.PUBLIC, DisclosureLevel.MEMBERS)


def _currency_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__regex": r"^[A-Z]{3}$"}), name=name)


@audit_trail()
class Initiative(DisclosedModel):
    """A funded project that puts one or more published decisions into practice, led by a
    member organisation, with partner alliances involved and a budget in one currency."""

    disclosure = models.CharField(
        "disclosure level",
        max_length=12,
        choices=[(level.value, level.label) for level in INITIATIVE_DISCLOSURE_LEVELS],
        default=DisclosureLevel.PUBLIC,
        help_text="Who may read this initiative: everyone, or people of member organisations.",
    )
    # The lead organisation's people read a members-level initiative like members do.
    owner_organisation_path: ClassVar[str | None] = "lead_organisation_id"

    title = models.CharField(max_length=200)
    description = BoundedTextField(max_length=DOCUMENT, help_text="Markdown.")
    status = models.CharField(
        max_length=12, choices=InitiativeStatus.choices, default=InitiativeStatus.PROPOSED
    )
    decisions = models.ManyToManyField(
        PublishedDecision,
        blank=True,
        related_name="initiatives",
        help_text="The published decisions this initiative puts into practice.",
    )
    actions = models.ManyToManyField(
        "governance.ActionItem",
        blank=True,
        related_name="initiatives",
        help_text="Action items of those decisions that this initiative funds.",
    )
    countries = CountryField(multiple=True, blank=True)
    materials = choice_array(Material, "materials")
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_initiatives"
    )
    partner_alliances = models.ManyToManyField(
        PartnerAlliance, blank=True, related_name="initiatives"
    )
    budget_amount = models.DecimalField(
        "budget", max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES
    )
    budget_currency = models.CharField("budget currency", max_length=3, help_text="ISO 4217.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(title=""), name="initiative_has_a_title"),
            models.CheckConstraint(
                condition=Q(budget_amount__gte=0), name="initiative_budget_not_negative"
            ),
            _currency_check("budget_currency", "initiative_budget_currency_iso"),
            models.CheckConstraint(
                condition=Q(disclosure__in=[level.value for level in INITIATIVE_DISCLOSURE_LEVELS]),
                name="initiative_public_or_members",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:initiative-detail", kwargs={"pk": self.pk})

    @property
    def open_for_pledges(self) -> bool:
        return self.status in OPEN_FOR_PLEDGES

    def material_labels(self) -> list[str]:
        return [str(Material(code).label) for code in self.materials if code in Material.values]


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", "Pledged"
    PAID = "paid", "Paid"
    WITHDRAWN = "withdrawn", "Withdrawn"


@audit_trail()
class Pledge(models.Model):
    """An amount promised towards an initiative by a member organisation (through its
    representative) or by a partner alliance (recorded by the secretariat): exactly one of the
    two. ``due_on`` is when the money is expected; ``paid_on`` when the secretariat saw it
    arrive. How much one organisation pledged is members-level; totals per currency are
    public."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="pledges")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    partner_alliance = models.ForeignKey(
        PartnerAlliance, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    amount = models.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    currency = models.CharField(max_length=3, help_text="ISO 4217.")
    status = models.CharField(
        max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    due_on = models.DateField("due on", null=True, blank=True)
    paid_on = models.DateField("paid on", null=True, blank=True)
    pledged_at = models.DateTimeField(default=timezone.now, editable=False)
    pledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("pledged_at", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(partner_alliance__isnull=True))
                | (Q(organisation__isnull=True) & Q(partner_alliance__isnull=False)),
                name="pledge_by_organisation_or_partner_alliance",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_amount_positive"),
            _currency_check("currency", "pledge_currency_iso"),
            models.CheckConstraint(
                condition=Q(status=PledgeStatus.PAID, paid_on__isnull=False)
                | (~Q(status=PledgeStatus.PAID) & Q(paid_on__isnull=True)),
                name="pledge_paid_has_paid_on",
            ),
            models.CheckConstraint(
                condition=Q(status=PledgeStatus.WITHDRAWN) | Q(withdrawn_at__isnull=True),
                name="pledge_withdrawn_at_only_when_withdrawn",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("initiative", "currency", "status")),
            models.Index(fields=("status", "due_on")),
        ]

    def __str__(self) -> str:
        return f"{self.pledger_name}: {self.amount} {self.currency}"

    @property
    def pledger_name(self) -> str:
        pledger = self.organisation or self.partner_alliance
        return pledger.name if pledger else ""

    @property
    def by_partner_alliance(self) -> bool:
        return self.partner_alliance_id is not None
