"""REST API of certifications: the list (filtered, by disclosure), one certification, recording
and changing one (the organisation's representative or the secretariat), and the baseline
coverage an organisation's current certifications give it. Thin: serializers parse, selectors
read, services write."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import BoundedCharField
from members.selectors import organisation_get
from members.vocabularies import Material
from standards import services
from standards.api.serializers import described_choice_field
from standards.models import Certification, CertificationStatus
from standards.selectors import certifications as selectors
from standards.selectors.coverage import CoverageClass
from standards.selectors.registry import published_version_find

VALIDATION_ERRORS = inline_serializer(
    "CertificationValidationErrors", {"detail": serializers.CharField(required=False)}
)


class CertificationSerializer(serializers.ModelSerializer):
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    standard = serializers.CharField(source="version.standard.code", read_only=True)
    standard_title = serializers.CharField(source="version.standard.title", read_only=True)
    version = serializers.CharField(source="version.label", read_only=True)
    status = described_choice_field(CertificationStatus)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    recognised = serializers.BooleanField(
        read_only=True, help_text="Certified and valid today: it counts towards coverage."
    )
    standing = serializers.CharField(read_only=True, help_text="Its state today, in words.")
    sites = serializers.ListField(child=serializers.CharField(), source="site_list")
    disclosure = described_choice_field(DisclosureLevel)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    evidence_url = serializers.CharField(
        read_only=True, help_text="Where the certificate can be checked (a link), or empty."
    )

    class Meta:
        model = Certification
        ref_name = "Certification"
        fields = (
            "id",
            "url",
            "organisation",
            "organisation_name",
            "standard",
            "standard_title",
            "version",
            "status",
            "status_label",
            "recognised",
            "standing",
            "valid_from",
            "valid_until",
            "sites",
            "materials",
            "evidence_url",
            "disclosure",
            "updated_at",
        )
        read_only_fields = fields


class CertificationInputSerializer(serializers.Serializer):
    standard = serializers.SlugField(help_text="the standard's code")
    version = serializers.CharField(help_text="the version's label")
    status = described_choice_field(CertificationStatus, required=False)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    sites = serializers.ListField(
        child=BoundedCharField(max_length=200, name="site"), required=False, default=list
    )
    materials = serializers.ListField(
        child=serializers.ChoiceField(choices=Material.choices), required=False, default=list
    )
    evidence_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    disclosure = described_choice_field(DisclosureLevel, required=False)

    class Meta:
        ref_name = "CertificationInput"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        version = published_version_find(code=attrs.pop("standard"), label=attrs["version"])
        if version is None:
            raise serializers.ValidationError({"version": "No published version has this label."})
        attrs["version"] = version
        attrs["sites"] = "\n".join(attrs.get("sites", []))
        return attrs

    def fields_value(self) -> services.CertificationFields:
        data = dict(self.validated_data)
        data.setdefault("status", CertificationStatus.CERTIFIED)
        data.setdefault("disclosure", DisclosureLevel.PUBLIC)
        return services.CertificationFields(**data)


class CertificationListApi(APIView):
    """Certifications you may read: public ones, members-level ones for people of member
    organisations, all of your own organisation's."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        organisation = serializers.SlugField(required=False)
        standard = serializers.SlugField(required=False)
        status = serializers.ChoiceField(choices=CertificationStatus.choices, required=False)
        material = serializers.ChoiceField(choices=Material.choices, required=False)
        country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)
        current = serializers.BooleanField(required=False, default=False)

    class CreateSerializer(CertificationInputSerializer):
        organisation = serializers.SlugField(help_text="the certified organisation's slug")

        class Meta:
            ref_name = "CertificationCreate"

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", str, description="organisation slug"),
            OpenApiParameter("standard", str, description="standard code"),
            OpenApiParameter("status", str, enum=CertificationStatus.values),
            OpenApiParameter("material", str, enum=Material.values),
            OpenApiParameter("country", str, description="ISO 3166 alpha-2 code"),
            OpenApiParameter("current", bool, description="only those valid today"),
        ],
        responses=CertificationSerializer(many=True),
        operation_id="certifications_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        organisation = (
            organisation_get(user=request.user, slug=data["organisation"])
            if data.get("organisation")
            else None
        )
        queryset = selectors.certification_list(
            user=request.user,
            organisation=organisation,
            standard_code=data.get("standard"),
            status=data.get("status"),
            material=data.get("material"),
            country=data.get("country"),
            current_on=selectors.today() if data.get("current") else None,
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(CertificationSerializer(page, many=True).data)

    @extend_schema(
        request=CreateSerializer,
        responses={201: CertificationSerializer, 400: VALIDATION_ERRORS},
        operation_id="certifications_create",
    )
    def post(self, request: Request) -> Response:
        serializer = self.CreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = organisation_get(
            user=request.user, slug=serializer.validated_data.pop("organisation")
        )
        created = services.certification_record(
            actor=request.user, organisation=organisation, fields=serializer.fields_value()
        )
        found = selectors.certification_get(user=request.user, pk=created.pk)
        return Response(CertificationSerializer(found).data, status=status.HTTP_201_CREATED)


class CertificationDetailApi(APIView):
    @extend_schema(responses=CertificationSerializer, operation_id="certifications_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        certification = selectors.certification_get(user=request.user, pk=pk)
        return Response(CertificationSerializer(certification).data)

    @extend_schema(
        request=CertificationInputSerializer,
        responses={200: CertificationSerializer, 400: VALIDATION_ERRORS},
        operation_id="certifications_update",
        description="Replace what is stated about the certification (every field).",
    )
    def put(self, request: Request, pk: int) -> Response:
        certification = selectors.certification_get(user=request.user, pk=pk)
        policy.require(request.user, "certification.record", certification.organisation)
        serializer = CertificationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.certification_update(
            actor=request.user, certification=certification, fields=serializer.fields_value()
        )
        found = selectors.certification_get(user=request.user, pk=pk)
        return Response(CertificationSerializer(found).data)


class RequirementStandingSerializer(serializers.Serializer):
    ref = serializers.CharField(source="requirement.ref")
    title = serializers.CharField(source="requirement.title")
    coverage = described_choice_field(CoverageClass)
    coverage_label = serializers.CharField()
    recognised_under = serializers.SerializerMethodField()

    class Meta:
        ref_name = "RequirementStanding"

    def get_recognised_under(self, standing: selectors.RequirementStanding) -> list[str]:
        return [f"{version.standard.code} {version.label}" for version in standing.versions]


class OrganisationCoverageSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    baseline = serializers.SerializerMethodField()
    recognised_under = serializers.SerializerMethodField()
    counts = serializers.DictField(child=serializers.IntegerField())
    percentages = serializers.DictField(child=serializers.DecimalField(4, 1))
    requirements = RequirementStandingSerializer(many=True)

    class Meta:
        ref_name = "OrganisationCoverage"

    def get_baseline(self, coverage: selectors.OrganisationCoverage) -> str | None:
        baseline = coverage.baseline
        return f"{baseline.standard.code} {baseline.label}" if baseline else None

    def get_recognised_under(self, coverage: selectors.OrganisationCoverage) -> list[str]:
        return [f"{version.standard.code} {version.label}" for version in coverage.versions]


class OrganisationCoverageApi(APIView):
    """How far an organisation's current certifications (those you may read) cover the
    alliance baseline: for each requirement, the best class any of them reaches."""

    @extend_schema(responses=OrganisationCoverageSerializer, operation_id="organisation_coverage")
    def get(self, request: Request, slug: str) -> Response:
        organisation = organisation_get(user=request.user, slug=slug)
        coverage = selectors.organisation_coverage(user=request.user, organisation=organisation)
        return Response(OrganisationCoverageSerializer(coverage).data)
