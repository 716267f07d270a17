"""Downstream demands: which baseline requirements (or elements of named standards) a
downstream organisation asks of its suppliers, per material.

A demand is the buyer's own information: its people and the secretariat read it in full, and
nobody else reads a single row. Everyone else sees only aggregates (how many buyers ask for a
requirement and material, never which, and only from 3 buyers up: ``standards.selectors.demands``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.db import models
from django.db.models import Q

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import SHORT_NOTE, BoundedTextField
from members.vocabularies import Material
from standards.models.registry import Element


@audit_trail()
class Demand(models.Model):
    """A downstream organisation asks its suppliers of ``material`` to meet ``element`` (a
    baseline requirement or an element of another standard)."""

    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="demands",
        verbose_name="buyer",
    )
    material = models.CharField(max_length=40, choices=Material.choices)
    element = models.ForeignKey(
        Element,
        on_delete=models.PROTECT,
        related_name="demands",
        verbose_name="requirement or element",
    )
    note = BoundedTextField(
        max_length=SHORT_NOTE,
        blank=True,
        help_text=(
            "Optional: where the demand comes from (e.g. the clause of your supplier code). "
            "Read by your organisation and the secretariat only."
        ),
    )
    recorded_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    class Meta:
        ordering = ("organisation__name", "material", "element__version", "element__order")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("organisation", "material", "element"),
                name="demand_unique_per_buyer_material_element",
                violation_error_message="Your organisation demands this already for this material.",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("material", "element"), name="demand_material_element"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_material_display()}: {self.element}"

    # The access policy (alliance_portal.policy): a demand is the secretariat's to read, and
    # its own organisation's people's (through ``owner_organisation_path``); never anyone
    # else's, whatever their level.
    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.SECRETARIAT in levels:
            return Q()
        return Q(pk__isnull=True)  # no row: not an empty Q, which an OR would drop

    @property
    def disclosure_level(self) -> str:
        return str(DisclosureLevel.SECRETARIAT)

    def owner_organisation_id(self) -> int | None:
        return int(self.organisation_id) if self.organisation_id else None
