"""REST API of the standards registry: standards, versions, elements, element import and
baseline coverage. Thin: serializers parse, selectors read, services write."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from members.vocabularies import Material, ValueChainStage
from standards import services
from standards.api.serializers import (
    CoverageSerializer,
    ElementSerializer,
    StandardSerializer,
    StandardVersionSerializer,
)
from standards.models import StandardKind
from standards.selectors import coverage, registry

# A refused request: ``detail``, or each field named with its messages (so ``detail`` is
# not required, and other keys are allowed).
VALIDATION_ERRORS = inline_serializer(
    "StandardsValidationErrors", {"detail": serializers.CharField(required=False)}
)


class StandardListApi(APIView):
    """The standards registry: public reference data, with each standard's versions."""

    throttle_scope = "search"
    throttle_only_with = ("q",)

    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=StandardKind.choices, required=False)
        material = serializers.ChoiceField(choices=Material.choices, required=False)
        stage = serializers.ChoiceField(choices=ValueChainStage.choices, required=False)
        q = serializers.CharField(required=False, max_length=100)

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=StandardKind.values),
            OpenApiParameter("material", str, enum=Material.values),
            OpenApiParameter(
                "stage", str, enum=ValueChainStage.values, description="value-chain stage"
            ),
            OpenApiParameter("q", str, description="code, title, short name or issuer contains"),
        ],
        responses=StandardSerializer(many=True),
        operation_id="standards_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = registry.standard_list(
            user=request.user,
            kind=filters.validated_data.get("kind"),
            material=filters.validated_data.get("material"),
            stage=filters.validated_data.get("stage"),
            search=filters.validated_data.get("q"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(StandardSerializer(page, many=True).data)


class StandardDetailApi(APIView):
    @extend_schema(responses=StandardSerializer, operation_id="standards_retrieve")
    def get(self, request: Request, code: str) -> Response:
        standard = registry.standard_get(user=request.user, code=code)
        return Response(StandardSerializer(standard).data)


class VersionDetailApi(APIView):
    @extend_schema(responses=StandardVersionSerializer, operation_id="standard_versions_retrieve")
    def get(self, request: Request, code: str, version: str) -> Response:
        found = registry.version_get(user=request.user, code=code, label=version)
        return Response(StandardVersionSerializer(found).data)


class ElementListApi(APIView):
    """A version's elements as a flat list; ``parent_ref`` gives the tree."""

    throttle_scope = "search"
    throttle_only_with = ("q",)

    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, max_length=100)

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="search within the version")],
        responses=ElementSerializer(many=True),
        operation_id="standard_version_elements_list",
    )
    def get(self, request: Request, code: str, version: str) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        found = registry.version_get(user=request.user, code=code, label=version)
        queryset = registry.element_list(
            user=request.user, version=found, search=filters.validated_data.get("q")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(ElementSerializer(page, many=True).data)


class ElementImportApi(APIView):
    """Import a version's element tree from CSV (secretariat). All rows or none."""

    class InputSerializer(serializers.Serializer):
        csv = serializers.CharField(
            help_text="CSV text with the columns ref, parent_ref, kind, title, summary, order",
            trim_whitespace=False,
        )

        class Meta:
            ref_name = "ElementImportInput"

    class OutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()

        class Meta:
            ref_name = "ElementImportResult"

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 400: VALIDATION_ERRORS},
        operation_id="standard_version_elements_import",
    )
    def post(self, request: Request, code: str, version: str) -> Response:
        found = registry.version_get(user=request.user, code=code, label=version)
        policy.require(request.user, "version.import_elements", found)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.version_import_elements_csv(
            actor=request.user, version=found, csv_text=serializer.validated_data["csv"]
        )
        return Response(self.OutputSerializer(result).data, status=status.HTTP_200_OK)


class CoverageApi(APIView):
    """How far this version covers the alliance baseline: counts and percentages of each
    coverage class, and the class of every baseline requirement (approved mappings only)."""

    @extend_schema(
        responses={200: CoverageSerializer, 400: VALIDATION_ERRORS},
        operation_id="standard_version_coverage_retrieve",
    )
    def get(self, request: Request, code: str, version: str) -> Response:
        found = registry.version_get(user=request.user, code=code, label=version)
        result = coverage.version_coverage(version=found)
        data = {
            "version": result.version,
            "baseline_standard": result.baseline.standard.code,
            "baseline_version": result.baseline.label,
            "total": result.total,
            "counts": result.counts,
            "percentages": result.percentages,
            "requirements": result.requirements,
        }
        return Response(CoverageSerializer(data).data)
