"""Output serializers shared by the standards API's views (each view keeps its own input and
filter serializers). Every nested serializer names its schema component (``ref_name``)."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliance_portal.models import User
from members.vocabularies import Material, ValueChainStage
from standards.models import (
    Element,
    ElementKind,
    Mapping,
    MappingSet,
    MappingStatus,
    Rationale,
    Relationship,
    Standard,
    StandardKind,
    StandardVersion,
    VersionStatus,
)
from standards.selectors.coverage import CoverageClass

_ENUM_FIELDS: dict[type[models.TextChoices], type[serializers.ChoiceField]] = {}


def described_choice_field(
    choices: type[models.TextChoices], **kwargs: Any
) -> serializers.ChoiceField:
    """A choice field described in the schema as a string listing its values, not as an enum
    component. Other apps have fields named ``kind`` and ``status`` with other choices, and
    drf-spectacular names enum components after the field: they would collide (a schema
    warning, which fails ``check --deploy``)."""
    field_class = _ENUM_FIELDS.get(choices)
    if field_class is None:
        values = ", ".join(f"`{value}`" for value in choices.values)
        field_class = extend_schema_field({"type": "string", "description": f"One of {values}."})(
            type(f"{choices.__name__}Field", (serializers.ChoiceField,), {})
        )
        _ENUM_FIELDS[choices] = field_class
    return field_class(choices=choices.choices, **kwargs)


class VersionSummarySerializer(serializers.ModelSerializer):
    status = described_choice_field(VersionStatus)

    class Meta:
        model = StandardVersion
        fields = ("label", "status", "published_on", "effective_on")
        ref_name = "StandardVersionSummary"


class StandardSerializer(serializers.ModelSerializer):
    kind = described_choice_field(StandardKind)
    materials = serializers.ListField(child=serializers.ChoiceField(choices=Material.choices))
    value_chain_stages = serializers.ListField(
        child=serializers.ChoiceField(choices=ValueChainStage.choices)
    )
    versions = VersionSummarySerializer(many=True, source="version_list")

    class Meta:
        model = Standard
        fields = (
            "code",
            "title",
            "short_name",
            "issuing_body",
            "kind",
            "materials",
            "value_chain_stages",
            "website",
            "summary",
            "versions",
        )
        ref_name = "Standard"


class StandardVersionSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.code")
    standard_title = serializers.CharField(source="standard.title")
    status = described_choice_field(VersionStatus)
    supersedes = serializers.CharField(
        source="supersedes.label", allow_null=True, default=None, help_text="version label"
    )

    class Meta:
        model = StandardVersion
        fields = (
            "standard",
            "standard_title",
            "label",
            "status",
            "published_on",
            "effective_on",
            "supersedes",
            "notes",
        )
        ref_name = "StandardVersion"


class ElementSerializer(serializers.ModelSerializer):
    kind = described_choice_field(ElementKind)
    parent_ref = serializers.CharField(
        source="parent.ref", allow_null=True, default=None, help_text="the parent's reference code"
    )

    class Meta:
        model = Element
        fields = ("id", "ref", "parent_ref", "kind", "title", "summary", "order")
        ref_name = "Element"


class MappingElementSerializer(serializers.ModelSerializer):
    """An element as a mapping names it: enough to find it without another request."""

    standard = serializers.CharField(source="version.standard.code")
    standard_kind = described_choice_field(StandardKind, source="version.standard.kind")
    version = serializers.CharField(source="version.label")
    kind = described_choice_field(ElementKind)

    class Meta:
        model = Element
        fields = ("id", "standard", "standard_kind", "version", "ref", "kind", "title")
        ref_name = "MappingElement"


class MappingSerializer(serializers.ModelSerializer):
    """A crosswalk mapping, read "focal_element <relationship> reference_element". People's
    names are members-level (context ``show_people``); the author's organisation is public."""

    focal_element = MappingElementSerializer()
    reference_element = MappingElementSerializer()
    relationship = serializers.ChoiceField(choices=Relationship.choices)
    rationale = serializers.ChoiceField(choices=Rationale.choices)
    status = described_choice_field(MappingStatus)
    author_organisation = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    reviewed_by = serializers.SerializerMethodField()
    approved_by = serializers.SerializerMethodField()

    class Meta:
        model = Mapping
        fields = (
            "id",
            "mapping_set",
            "focal_element",
            "relationship",
            "reference_element",
            "rationale",
            "strength",
            "explanation",
            "status",
            "supersedes",
            "author_organisation",
            "author",
            "reviewed_by",
            "approved_by",
            "created_at",
            "reviewed_at",
            "approved_at",
            "superseded_at",
        )
        ref_name = "Mapping"

    @extend_schema_field({"type": "string", "nullable": True})
    def get_author_organisation(self, mapping: Mapping) -> str | None:
        person = getattr(mapping.author, "person", None) if mapping.author_id else None
        return person.organisation.name if person is not None else None

    def _name(self, user: User | None) -> str | None:
        if user is None or not self.context.get("show_people"):
            return None
        return str(user.display_name or user.email)

    @extend_schema_field({"type": "string", "nullable": True, "description": "members-level"})
    def get_author(self, mapping: Mapping) -> str | None:
        return self._name(mapping.author)

    @extend_schema_field({"type": "string", "nullable": True, "description": "members-level"})
    def get_reviewed_by(self, mapping: Mapping) -> str | None:
        return self._name(mapping.reviewed_by)

    @extend_schema_field({"type": "string", "nullable": True, "description": "members-level"})
    def get_approved_by(self, mapping: Mapping) -> str | None:
        return self._name(mapping.approved_by)


class SetVersionSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.code")
    standard_title = serializers.CharField(source="standard.title")
    version = serializers.CharField(source="label")

    class Meta:
        model = StandardVersion
        fields = ("standard", "standard_title", "version")
        ref_name = "MappingSetVersion"


class StatusCountsSerializer(serializers.Serializer):
    draft = serializers.IntegerField()
    reviewed = serializers.IntegerField()
    approved = serializers.IntegerField()
    superseded = serializers.IntegerField()

    class Meta:
        ref_name = "MappingStatusCounts"


class MappingSetSerializer(serializers.ModelSerializer):
    focal_version = SetVersionSerializer()
    reference_version = SetVersionSerializer()

    class Meta:
        model = MappingSet
        fields = (
            "id",
            "focal_version",
            "reference_version",
            "purpose",
            "version_number",
            "comprehensive",
            "created_at",
        )
        ref_name = "MappingSet"


class MappingSetDetailSerializer(MappingSetSerializer):
    """A set with how many of its mappings (that the caller may see) are in each status."""

    status_counts = StatusCountsSerializer()

    class Meta(MappingSetSerializer.Meta):
        fields = (*MappingSetSerializer.Meta.fields, "status_counts")  # type: ignore[assignment]
        ref_name = "MappingSetDetail"


class CoverageCountsSerializer(serializers.Serializer):
    fully_covered = serializers.IntegerField()
    partly_covered = serializers.IntegerField()
    not_covered = serializers.IntegerField()
    unmapped = serializers.IntegerField()

    class Meta:
        ref_name = "CoverageCounts"


class CoveragePercentagesSerializer(serializers.Serializer):
    fully_covered = serializers.DecimalField(max_digits=4, decimal_places=1)
    partly_covered = serializers.DecimalField(max_digits=4, decimal_places=1)
    not_covered = serializers.DecimalField(max_digits=4, decimal_places=1)
    unmapped = serializers.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        ref_name = "CoveragePercentages"


class CoveringElementSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="element_id")
    ref = serializers.CharField()
    relationship = serializers.ChoiceField(
        choices=Relationship.choices, help_text='read "requirement <relationship> element"'
    )

    class Meta:
        ref_name = "CoveringElement"


class RequirementCoverageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="requirement.pk")
    ref = serializers.CharField(source="requirement.ref")
    title = serializers.CharField(source="requirement.title")
    coverage_class = serializers.ChoiceField(choices=CoverageClass.choices, source="coverage")
    elements = CoveringElementSerializer(many=True)

    class Meta:
        ref_name = "RequirementCoverage"


class CoverageSerializer(serializers.Serializer):
    standard = serializers.CharField(source="version.standard.code")
    version = serializers.CharField(source="version.label")
    baseline_standard = serializers.CharField()
    baseline_version = serializers.CharField()
    total = serializers.IntegerField()
    counts = CoverageCountsSerializer()
    percentages = CoveragePercentagesSerializer()
    requirements = RequirementCoverageSerializer(many=True)

    class Meta:
        ref_name = "BaselineCoverage"
