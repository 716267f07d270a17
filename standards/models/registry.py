"""The standards registry: standards, their versions and each version's tree of elements.

Standards are public reference data: everyone may read every standard, version and element
(``PublicReferenceData``), so pages and API still go through the access policy like any other
model, and a later decision to hide something changes one method, not every view.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

import pgtrigger
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.generations import generation_trigger
from alliance_portal.text_limits import SHORT_NOTE, STATEMENT, BoundedTextField
from members.vocabularies import Material, ValueChainStage, choice_array

# Codes and version labels appear in URLs (/standards/<code>/<version>/).
CODE_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
LABEL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# These paths under /standards/ are pages: no standard may take their codes.
RESERVED_CODES = (
    "crosswalk",
    "certifications",
    "tiers",
    "reporting",
    "demands",
    "value-chains",
    "acceptance-requests",
)

# SQLSTATE 23514 (check_violation): a refusal by a trigger reads like a refused CHECK
# constraint, a django.db.IntegrityError.
REFUSE = "USING ERRCODE = 'check_violation'"


class PublicReferenceData:
    """The access policy's view of reference data that everyone may read (see
    ``alliance_portal.policy``). ``disclosure_q`` must not be an empty ``Q()``: the policy ORs
    it with other conditions, and an empty Q would vanish from the OR."""

    owner_organisation_path: ClassVar[str | None] = None

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        return Q(pk__isnull=False)

    @property
    def disclosure_level(self) -> str:
        return str(DisclosureLevel.PUBLIC)

    def owner_organisation_id(self) -> int | None:
        return None


# The generation of what the crosswalk matrix shows (alliance_portal.generations).
CROSSWALK_GENERATION = "crosswalk"


class StandardKind(models.TextChoices):
    CERTIFICATION_STANDARD = "certification_standard", "Certification standard"
    DUE_DILIGENCE_GUIDANCE = "due_diligence_guidance", "Due-diligence guidance"
    REGULATION = "regulation", "Regulation"
    ASSURANCE_PROGRAMME = "assurance_programme", "Assurance programme"
    ALLIANCE_BASELINE = "alliance_baseline", "Alliance baseline"


@audit_trail()
class Standard(PublicReferenceData, models.Model):
    """A responsible-sourcing standard, guidance, regulation or assurance programme, or the
    alliance's own baseline (there is at most one standard of that kind)."""

    code = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Short lower-case code used in addresses, e.g. irma-std-001.",
    )
    title = models.CharField(max_length=250)
    short_name = models.CharField(
        max_length=40, help_text="Column heading in the crosswalk matrix, e.g. IRMA."
    )
    issuing_body = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=StandardKind.choices)
    materials = choice_array(Material, "materials")
    value_chain_stages = choice_array(ValueChainStage, "value-chain stages")
    website = models.URLField(blank=True)
    summary = BoundedTextField(
        max_length=SHORT_NOTE,
        blank=True,
        help_text="What it covers, in the alliance's own words (Markdown).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("title",)
        # The crosswalk matrix is kept rendered until the standards change (standards.views).
        triggers: ClassVar = [
            generation_trigger(CROSSWALK_GENERATION),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(code__regex=CODE_PATTERN) & ~Q(code__in=RESERVED_CODES),
                name="standard_code_format",
                violation_error_message=(
                    "A code is lower-case letters, digits and hyphens, and none of the "
                    "addresses of the standards pages: "
                    + ", ".join(f"'{code}'" for code in RESERVED_CODES)
                    + "."
                ),
            ),
            models.UniqueConstraint(
                fields=("kind",),
                condition=Q(kind=StandardKind.ALLIANCE_BASELINE),
                name="one_alliance_baseline",
                violation_error_message="The alliance has one baseline standard already.",
            ),
        ]
        indexes: ClassVar = [
            GinIndex(fields=("materials",), name="standard_materials_gin"),
            GinIndex(fields=("value_chain_stages",), name="standard_stages_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("standards:standard-detail", kwargs={"code": self.code})

    @property
    def is_baseline(self) -> bool:
        return self.kind == StandardKind.ALLIANCE_BASELINE

    @property
    def material_labels(self) -> list[str]:
        return [str(Material(value).label) for value in self.materials]

    @property
    def stage_labels(self) -> list[str]:
        return [str(ValueChainStage(value).label) for value in self.value_chain_stages]


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Superseded"
    WITHDRAWN = "withdrawn", "Withdrawn"


@audit_trail()
class StandardVersion(PublicReferenceData, models.Model):
    """One published (or draft) version of a standard. A standard has at most one current
    version; the crosswalk matrix and the alliance baseline use the current ones."""

    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="versions")
    label = models.CharField(
        max_length=40, help_text="As the issuer names it, e.g. 1.0, v3, 3rd-edition."
    )
    published_on = models.DateField(null=True, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The earlier version of the same standard that this one replaces.",
    )
    notes = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="About this version (Markdown)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("standard__title", "-published_on", "label")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("standard", "label"),
                name="standard_version_label_unique",
                violation_error_message="This standard has a version with this label already.",
            ),
            models.UniqueConstraint(
                fields=("standard",),
                condition=Q(status=VersionStatus.CURRENT),
                name="one_current_version_per_standard",
                violation_error_message="A standard has one current version at a time.",
            ),
            models.CheckConstraint(
                condition=Q(label__regex=LABEL_PATTERN),
                name="standard_version_label_format",
                violation_error_message="A label is letters, digits, dots, hyphens, underscores.",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(effective_on__gte=F("published_on")),
                name="standard_version_effective_after_published",
                violation_error_message="A version takes effect on or after its publication.",
            ),
            models.CheckConstraint(
                condition=~Q(supersedes=F("pk")),
                name="standard_version_not_superseding_itself",
                violation_error_message="A version cannot supersede itself.",
            ),
        ]
        triggers: ClassVar = [
            generation_trigger(CROSSWALK_GENERATION),
            pgtrigger.Trigger(
                name="supersedes_same_standard",
                operation=pgtrigger.Insert | pgtrigger.Update,
                when=pgtrigger.Before,
                condition=pgtrigger.Q(new__supersedes__isnull=False),
                func=pgtrigger.Func(
                    "IF NOT EXISTS (SELECT 1 FROM {meta.db_table} AS earlier"  # noqa: S608 (fixed SQL)
                    " WHERE earlier.id = NEW.supersedes_id"
                    " AND earlier.standard_id = NEW.standard_id) THEN"
                    " RAISE EXCEPTION 'A version supersedes an earlier version of the same"
                    f" standard' {REFUSE}; END IF; RETURN NEW;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard.short_name} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "standards:version-detail",
            kwargs={"code": self.standard.code, "version": self.label},
        )


class ElementKind(models.TextChoices):
    PRINCIPLE = "principle", "Principle"
    CHAPTER = "chapter", "Chapter"
    STEP = "step", "Step"
    CRITERION = "criterion", "Criterion"
    REQUIREMENT = "requirement", "Requirement"
    ARTICLE = "article", "Article"
    ANNEX = "annex", "Annex"


@audit_trail()
class Element(PublicReferenceData, models.Model):
    """A node of a version's tree (principle, chapter, step, criterion, requirement, article,
    annex), identified in its version by its reference code. ``summary`` is written in the
    alliance's own words, never copied from the standard. A parent is always an element of the
    same version, and no element is its own ancestor (database triggers)."""

    version = models.ForeignKey(StandardVersion, on_delete=models.PROTECT, related_name="elements")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(max_length=12, choices=ElementKind.choices)
    ref = models.CharField(
        "reference code", max_length=40, help_text="As the standard numbers it, e.g. 2.1 or Art. 4."
    )
    title = models.CharField(max_length=250)
    summary = BoundedTextField(
        max_length=SHORT_NOTE,
        blank=True,
        help_text="A short summary in the alliance's own words (Markdown).",
    )
    order = models.PositiveIntegerField(default=0, help_text="Position among its siblings.")

    class Meta:
        ordering = ("version", "order", "ref")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("version", "ref"),
                name="element_ref_unique_in_version",
                violation_error_message="This version has an element with this reference code.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="element_not_its_own_parent",
                violation_error_message="An element cannot be its own parent.",
            ),
            models.CheckConstraint(condition=~Q(ref=""), name="element_ref_not_blank"),
        ]
        indexes: ClassVar = [
            models.Index(fields=("version", "parent", "order"), name="element_tree_order"),
            GinIndex(
                SearchVector("ref", "title", "summary", config="english"),
                name="element_search_gin",
            ),
        ]
        triggers: ClassVar = [
            generation_trigger(CROSSWALK_GENERATION),
            pgtrigger.Trigger(
                name="parent_in_same_version_no_cycle",
                operation=pgtrigger.Insert | pgtrigger.Update,
                when=pgtrigger.Before,
                condition=pgtrigger.Q(new__parent__isnull=False),
                func=pgtrigger.Func(
                    "IF NOT EXISTS (SELECT 1 FROM {meta.db_table} AS p"  # noqa: S608 (fixed SQL)
                    " WHERE p.id = NEW.parent_id AND p.version_id = NEW.version_id) THEN"
                    " RAISE EXCEPTION 'An element''s parent belongs to the same version'"
                    f" {REFUSE}; END IF;"
                    " IF EXISTS (WITH RECURSIVE ancestors(id, parent_id) AS ("
                    " SELECT id, parent_id FROM {meta.db_table} WHERE id = NEW.parent_id"
                    " UNION SELECT e.id, e.parent_id FROM {meta.db_table} AS e"
                    " JOIN ancestors AS a ON e.id = a.parent_id)"
                    " SELECT 1 FROM ancestors WHERE id = NEW.id) THEN"
                    " RAISE EXCEPTION 'An element cannot be its own ancestor'"
                    f" {REFUSE}; END IF; RETURN NEW;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"
