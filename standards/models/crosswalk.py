"""The requirement crosswalk: mapping sets and crosswalk mappings between elements of two
standard versions, after NIST IR 8477 (set-theory relationships) with the 0-10 strength scale of
NIST IR 8278A rev. 1.

A mapping reads "focal element is <relationship> reference element". Its life: ``draft`` (a
member proposes it) → ``reviewed`` (the secretariat checked it) → ``approved`` (the secretariat
accepts it; only approved mappings count for baseline coverage). An approved mapping is never
edited: a replacement is proposed as a new mapping that ``supersedes`` it, and when the
replacement is approved the old one becomes ``superseded``.

Disclosure: approved and superseded mappings are public (the crosswalk is public, DESIGN.md §2);
draft and reviewed ones are members-level work in progress (members, civil-society reviewers,
the secretariat).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.generations import generation_trigger
from alliance_portal.text_limits import STATEMENT, BoundedTextField
from standards.models.registry import (
    CROSSWALK_GENERATION,
    REFUSE,
    Element,
    PublicReferenceData,
    StandardVersion,
)


class Relationship(models.TextChoices):
    """NIST IR 8477 set-theory relationships, read "focal <relationship> reference"."""

    EQUAL = "equal", "equal to"
    SUBSET_OF = "subset_of", "subset of"
    SUPERSET_OF = "superset_of", "superset of"
    INTERSECTS_WITH = "intersects_with", "intersects with"
    NO_RELATIONSHIP = "no_relationship", "no relationship with"


# How a sentence says it: "<focal> is a subset of <reference>".
PHRASE: dict[str, str] = {
    Relationship.EQUAL: "is equal to",
    Relationship.SUBSET_OF: "is a subset of",
    Relationship.SUPERSET_OF: "is a superset of",
    Relationship.INTERSECTS_WITH: "intersects with",
    Relationship.NO_RELATIONSHIP: "has no relationship with",
}

# "A subset_of B" is "B superset_of A"; the other relationships are symmetric.
INVERSE: dict[str, str] = {
    Relationship.EQUAL: Relationship.EQUAL,
    Relationship.SUBSET_OF: Relationship.SUPERSET_OF,
    Relationship.SUPERSET_OF: Relationship.SUBSET_OF,
    Relationship.INTERSECTS_WITH: Relationship.INTERSECTS_WITH,
    Relationship.NO_RELATIONSHIP: Relationship.NO_RELATIONSHIP,
}

# NIST IR 8278A rev. 1: strength 0-10; equal is always 10, no relationship always 0, the
# others 1-9 (or not assessed).
STRENGTH_MIN, STRENGTH_MAX = 0, 10
FIXED_STRENGTH: dict[str, int] = {Relationship.EQUAL: 10, Relationship.NO_RELATIONSHIP: 0}
PARTIAL_STRENGTH = (1, 9)


def strength_problem(relationship: str, strength: int | None) -> str | None:
    """Why ``strength`` is not allowed with ``relationship``, or None when it is. The same
    rule is a CHECK constraint on the table (``mapping_strength_fits_relationship``)."""
    if strength is not None and not STRENGTH_MIN <= strength <= STRENGTH_MAX:
        return f"Strength is a whole number from {STRENGTH_MIN} to {STRENGTH_MAX}."
    fixed = FIXED_STRENGTH.get(relationship)
    if fixed is not None:
        if strength != fixed:
            label = Relationship(relationship).name.lower().replace("_", " ")
            return f"The strength of '{label}' is always {fixed}."
        return None
    low, high = PARTIAL_STRENGTH
    if strength is not None and not low <= strength <= high:
        return (
            f"The strength of a partial relationship is from {low} to {high} "
            "(or left empty when not assessed)."
        )
    return None


class Rationale(models.TextChoices):
    """Why the mapper sees the relationship (NIST IR 8477)."""

    SYNTACTIC = "syntactic", "Syntactic"
    SEMANTIC = "semantic", "Semantic"
    FUNCTIONAL = "functional", "Functional"


class MappingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEWED = "reviewed", "Reviewed"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


PUBLISHED_STATUSES: tuple[str, ...] = (MappingStatus.APPROVED, MappingStatus.SUPERSEDED)


@audit_trail()
class MappingSet(PublicReferenceData, models.Model):
    """The crosswalk mappings from one focal version to one reference version, made for one
    purpose. A set is versioned (``version_number``); ``comprehensive`` says whether every
    focal element is meant to be mapped. Sets are public; their mappings carry their own
    disclosure."""

    focal_version = models.ForeignKey(
        StandardVersion, on_delete=models.PROTECT, related_name="focal_mapping_sets"
    )
    reference_version = models.ForeignKey(
        StandardVersion, on_delete=models.PROTECT, related_name="reference_mapping_sets"
    )
    purpose = BoundedTextField(
        max_length=STATEMENT, help_text="What the mappings are for (Markdown)."
    )
    version_number = models.PositiveIntegerField(default=1)
    comprehensive = models.BooleanField(
        default=False, help_text="Every focal element is meant to be mapped."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("focal_version", "reference_version", "-version_number")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("focal_version", "reference_version", "version_number"),
                name="mapping_set_version_unique",
                violation_error_message="This mapping set version exists already.",
            ),
            models.CheckConstraint(
                condition=~Q(focal_version=F("reference_version")),
                name="mapping_set_two_versions",
                violation_error_message="A mapping set maps one version to another version.",
            ),
            models.CheckConstraint(
                condition=Q(version_number__gte=1), name="mapping_set_version_positive"
            ),
        ]
        triggers: ClassVar = [
            # The mappings' elements belong to the set's versions: the versions stay put.
            pgtrigger.Trigger(
                name="versions_fixed_once_mapped",
                operation=pgtrigger.UpdateOf("focal_version_id", "reference_version_id"),
                when=pgtrigger.Before,
                condition=pgtrigger.AnyChange("focal_version", "reference_version"),
                func=(
                    "IF EXISTS (SELECT 1 FROM standards_mapping WHERE mapping_set_id = OLD.id)"  # noqa: S608 (fixed SQL)
                    " THEN RAISE EXCEPTION 'The versions of a mapping set with mappings cannot"
                    f" change' {REFUSE}; END IF; RETURN NEW;"
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.focal_version} → {self.reference_version} (set {self.version_number})"

    def get_absolute_url(self) -> str:
        return reverse("standards:mapping-set-detail", kwargs={"pk": self.pk})


_FROZEN = (
    "IF OLD.status IN ('approved', 'superseded') THEN"
    " IF TG_OP = 'DELETE' THEN"
    " RAISE EXCEPTION 'An approved crosswalk mapping is never deleted (mapping %)', OLD.id"
    f" {REFUSE}; END IF;"
    " IF (to_jsonb(NEW) - 'status' - 'superseded_at' - 'updated_at')"
    " IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'superseded_at' - 'updated_at')"
    " OR NOT (NEW.status = OLD.status"
    " OR (OLD.status = 'approved' AND NEW.status = 'superseded')) THEN"
    " RAISE EXCEPTION 'An approved crosswalk mapping is never edited: supersede it with a new"
    f" mapping (mapping %)', OLD.id {REFUSE}; END IF; END IF;"
    " IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
)

_IN_SET_VERSIONS = (
    "IF NOT EXISTS (SELECT 1 FROM standards_mappingset AS s"  # noqa: S608 (fixed SQL)
    " JOIN standards_element AS focal ON focal.id = NEW.focal_element_id"
    " JOIN standards_element AS reference ON reference.id = NEW.reference_element_id"
    " WHERE s.id = NEW.mapping_set_id AND focal.version_id = s.focal_version_id"
    " AND reference.version_id = s.reference_version_id) THEN"
    " RAISE EXCEPTION 'A mapping''s focal and reference elements belong to its set''s focal"
    f" and reference versions' {REFUSE}; END IF; RETURN NEW;"
)


@audit_trail()
class Mapping(models.Model):
    """One crosswalk mapping: "focal element is <relationship> reference element"."""

    mapping_set = models.ForeignKey(MappingSet, on_delete=models.PROTECT, related_name="mappings")
    focal_element = models.ForeignKey(
        Element, on_delete=models.PROTECT, related_name="focal_mappings"
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    reference_element = models.ForeignKey(
        Element, on_delete=models.PROTECT, related_name="reference_mappings"
    )
    rationale = models.CharField(max_length=12, choices=Rationale.choices)
    strength = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="0-10: equal is 10, no relationship 0, the others 1-9 or empty.",
    )
    explanation = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="Why, in the mapper's words (Markdown)."
    )
    status = models.CharField(
        max_length=12, choices=MappingStatus.choices, default=MappingStatus.DRAFT
    )
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacements",
        help_text="The approved mapping this one replaces once approved.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_mappings",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_mappings",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_mappings",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        ordering = ("mapping_set", "focal_element__order", "focal_element__ref", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(strength__isnull=True)
                | Q(strength__gte=STRENGTH_MIN, strength__lte=STRENGTH_MAX),
                name="mapping_strength_0_to_10",
                violation_error_message="Strength is a whole number from 0 to 10.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(relationship=Relationship.EQUAL, strength=10)
                    | Q(relationship=Relationship.NO_RELATIONSHIP, strength=0)
                    | (
                        Q(
                            relationship__in=(
                                Relationship.SUBSET_OF,
                                Relationship.SUPERSET_OF,
                                Relationship.INTERSECTS_WITH,
                            )
                        )
                        & (Q(strength__isnull=True) | Q(strength__gte=1, strength__lte=9))
                    )
                ),
                name="mapping_strength_fits_relationship",
                violation_error_message=(
                    "Equal is strength 10, no relationship 0, the others 1-9 or empty."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True)
                | Q(author__isnull=True)
                | ~Q(reviewed_by=F("author")),
                name="mapping_reviewer_not_author",
                violation_error_message="The reviewer of a mapping is never its author.",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | Q(author__isnull=True)
                | ~Q(approved_by=F("author")),
                name="mapping_approver_not_author",
                violation_error_message="A mapping is never approved by its author.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status=MappingStatus.DRAFT,
                        reviewed_at__isnull=True,
                        approved_at__isnull=True,
                    )
                    | Q(
                        status=MappingStatus.REVIEWED,
                        reviewed_at__isnull=False,
                        approved_at__isnull=True,
                    )
                    | Q(
                        status=MappingStatus.APPROVED,
                        reviewed_at__isnull=False,
                        approved_at__isnull=False,
                        superseded_at__isnull=True,
                    )
                    | Q(
                        status=MappingStatus.SUPERSEDED,
                        reviewed_at__isnull=False,
                        approved_at__isnull=False,
                        superseded_at__isnull=False,
                    )
                ),
                name="mapping_status_dates",
                violation_error_message="A mapping's dates do not fit its status.",
            ),
            models.CheckConstraint(
                condition=~Q(supersedes=F("pk")), name="mapping_not_superseding_itself"
            ),
            models.UniqueConstraint(
                fields=("mapping_set", "focal_element", "reference_element"),
                condition=Q(status=MappingStatus.APPROVED),
                name="one_approved_mapping_per_pair",
                violation_error_message=(
                    "These two elements have an approved mapping in this set already."
                ),
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("status", "relationship"), name="mapping_status_relationship"),
        ]
        triggers: ClassVar = [
            generation_trigger(CROSSWALK_GENERATION),
            pgtrigger.Trigger(
                name="approved_mapping_frozen",
                operation=pgtrigger.Update | pgtrigger.Delete,
                when=pgtrigger.Before,
                func=_FROZEN,
            ),
            pgtrigger.Trigger(
                name="elements_in_set_versions",
                operation=pgtrigger.Insert
                | pgtrigger.UpdateOf("mapping_set_id", "focal_element_id", "reference_element_id"),
                when=pgtrigger.Before,
                func=_IN_SET_VERSIONS,
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.focal_element.ref} {self.get_relationship_display()} "
            f"{self.reference_element.ref}"
        )

    def get_absolute_url(self) -> str:
        return reverse("standards:mapping-detail", kwargs={"pk": self.pk})

    # --- the access policy (alliance_portal.policy) ---------------------------------------

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.MEMBERS in levels:
            return Q(pk__isnull=False)
        return Q(status__in=PUBLISHED_STATUSES)

    @property
    def disclosure_level(self) -> str:
        if self.status in PUBLISHED_STATUSES:
            return str(DisclosureLevel.PUBLIC)
        return str(DisclosureLevel.MEMBERS)

    def owner_organisation_id(self) -> int | None:
        return None

    @property
    def relationship_phrase(self) -> str:
        return PHRASE[self.relationship]

    @property
    def is_frozen(self) -> bool:
        """Approved and superseded mappings are never edited."""
        return self.status in PUBLISHED_STATUSES
