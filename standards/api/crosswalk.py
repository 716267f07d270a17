"""REST API of the crosswalk: mapping sets and crosswalk mappings through their life. Thin:
serializers parse, selectors read (through the access policy), services decide and write."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from standards import services
from standards.api.registry import VALIDATION_ERRORS
from standards.api.serializers import (
    MappingSerializer,
    MappingSetDetailSerializer,
    MappingSetSerializer,
    described_choice_field,
)
from standards.models import (
    Element,
    Mapping,
    MappingSet,
    MappingStatus,
    Rationale,
    Relationship,
    Standard,
    StandardVersion,
)
from standards.selectors import crosswalk, registry


def _mapping_data(request: Request, mapping: Mapping | list[Mapping], many: bool = False) -> Any:
    context = {"show_people": crosswalk.shows_people(user=request.user)}
    return MappingSerializer(mapping, many=many, context=context).data


def _reloaded(request: Request, mapping: Mapping) -> Mapping:
    return crosswalk.mapping_get(user=request.user, pk=mapping.pk)


class MappingFilterSerializer(serializers.Serializer):
    relationship = serializers.ChoiceField(choices=Relationship.choices, required=False)
    status = described_choice_field(MappingStatus, required=False)
    standard = serializers.SlugField(required=False, help_text="standard code, either side")

    def validate_standard(self, value: str) -> str:
        if not Standard.objects.filter(code=value).exists():
            raise serializers.ValidationError(f"No standard has the code '{value}'.")
        return value


MAPPING_FILTERS = [
    OpenApiParameter("relationship", str, enum=Relationship.values),
    OpenApiParameter("status", str, enum=MappingStatus.values),
    OpenApiParameter("standard", str, description="standard code, focal or reference side"),
]


class MappingInputSerializer(serializers.Serializer):
    relationship = serializers.ChoiceField(choices=Relationship.choices)
    rationale = serializers.ChoiceField(choices=Rationale.choices)
    strength = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="0-10: equal is 10, no_relationship 0, the others 1-9 or null",
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "MappingJudgement"


def _paginated_mappings(request: Request, view: APIView, queryset: Any) -> Response:
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(queryset, request, view=view) or []
    return paginator.get_paginated_response(_mapping_data(request, list(page), many=True))


class MappingSetListApi(APIView):
    """Mapping sets: public. The secretariat opens new ones."""

    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(serializers.Serializer):
        standard = serializers.SlugField(required=False)

    class InputSerializer(serializers.Serializer):
        focal_standard = serializers.SlugField(help_text="standard code")
        focal_version = serializers.CharField(help_text="version label")
        reference_standard = serializers.SlugField(help_text="standard code")
        reference_version = serializers.CharField(help_text="version label")
        purpose = serializers.CharField()
        comprehensive = serializers.BooleanField(default=False)
        version_number = serializers.IntegerField(required=False, min_value=1)

        class Meta:
            ref_name = "MappingSetCreate"

        def _version(self, code: str, label: str, field: str) -> StandardVersion:
            found = (
                StandardVersion.objects.filter(standard__code=code, label=label)
                .select_related("standard")
                .first()
            )
            if found is None:
                raise serializers.ValidationError({field: f"No version '{label}' of '{code}'."})
            return found

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            attrs["focal_version"] = self._version(
                attrs.pop("focal_standard"), attrs["focal_version"], "focal_version"
            )
            attrs["reference_version"] = self._version(
                attrs.pop("reference_standard"), attrs["reference_version"], "reference_version"
            )
            return attrs

    @extend_schema(
        parameters=[OpenApiParameter("standard", str, description="standard code, either side")],
        responses=MappingSetSerializer(many=True),
        operation_id="mapping_sets_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = crosswalk.mapping_set_list(
            user=request.user, standard=filters.validated_data.get("standard")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(MappingSetSerializer(page, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: MappingSetSerializer, 400: VALIDATION_ERRORS},
        operation_id="mapping_sets_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "mapping_set.open")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.mapping_set_create(actor=request.user, **serializer.validated_data)
        found = crosswalk.mapping_set_get(user=request.user, pk=created.pk)
        return Response(MappingSetSerializer(found).data, status=status.HTTP_201_CREATED)


def _set_detail(request: Request, mapping_set: MappingSet) -> dict[str, Any]:
    mapping_set.status_counts = crosswalk.mapping_status_counts(  # type: ignore[attr-defined]
        user=request.user, mapping_set=mapping_set
    )
    return dict(MappingSetDetailSerializer(mapping_set).data)


class MappingSetDetailApi(APIView):
    """A mapping set with the number of its mappings (that you may see) in each status."""

    @extend_schema(responses=MappingSetDetailSerializer, operation_id="mapping_sets_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
        return Response(_set_detail(request, mapping_set))


class MappingSetMappingsApi(APIView):
    """The mappings of one set; members propose new ones (drafts), naming elements by their
    reference codes in the set's focal and reference versions."""

    pagination_class = PageNumberPagination  # documents the answer as a page

    class InputSerializer(MappingInputSerializer):
        focal_element = serializers.CharField(help_text="reference code in the focal version")
        reference_element = serializers.CharField(
            help_text="reference code in the reference version"
        )

        class Meta:
            ref_name = "MappingCreate"

    @extend_schema(
        parameters=MAPPING_FILTERS[:2],
        responses=MappingSerializer(many=True),
        operation_id="mapping_set_mappings_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
        filters = MappingFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = crosswalk.mapping_list(
            user=request.user,
            mapping_set=mapping_set,
            relationship=filters.validated_data.get("relationship"),
            status=filters.validated_data.get("status"),
        )
        return _paginated_mappings(request, self, queryset)

    @extend_schema(
        request=InputSerializer,
        responses={201: MappingSerializer, 400: VALIDATION_ERRORS},
        operation_id="mapping_set_mappings_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
        policy.require(request.user, "mapping.propose", mapping_set)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        focal: Element = registry.element_get_by_ref(
            version_id=mapping_set.focal_version_id,
            ref=data.pop("focal_element"),
            field="focal_element",
        )
        reference: Element = registry.element_get_by_ref(
            version_id=mapping_set.reference_version_id,
            ref=data.pop("reference_element"),
            field="reference_element",
        )
        created = services.mapping_create(
            actor=request.user,
            mapping_set=mapping_set,
            focal_element=focal,
            reference_element=reference,
            **data,
        )
        return Response(
            _mapping_data(request, _reloaded(request, created)), status=status.HTTP_201_CREATED
        )


class MappingSetImportApi(APIView):
    """Propose many mappings at once from CSV in the NIST IR 8278A rev. 1 template: all rows
    become drafts, or none does (the answer lists every problem by row)."""

    class InputSerializer(serializers.Serializer):
        csv = serializers.CharField(trim_whitespace=False, help_text="CSV text")

        class Meta:
            ref_name = "MappingSetImportInput"

    class OutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        mappings = serializers.ListField(child=serializers.IntegerField())

        class Meta:
            ref_name = "MappingSetImportResult"

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer, 400: VALIDATION_ERRORS},
        operation_id="mapping_set_import",
    )
    def post(self, request: Request, pk: int) -> Response:
        mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
        policy.require(request.user, "mapping.propose", mapping_set)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.mapping_set_import_csv(
            actor=request.user, mapping_set=mapping_set, csv_text=serializer.validated_data["csv"]
        )
        data = {"created": len(created), "mappings": [mapping.pk for mapping in created]}
        return Response(self.OutputSerializer(data).data, status=status.HTTP_201_CREATED)


class MappingListApi(APIView):
    """Crosswalk mappings you may see: approved and superseded ones are public, drafts and
    reviewed ones members-level."""

    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(MappingFilterSerializer):
        mapping_set = serializers.IntegerField(required=False, min_value=1)

    @extend_schema(
        parameters=[
            *MAPPING_FILTERS,
            OpenApiParameter("mapping_set", int, description="mapping set id"),
        ],
        responses=MappingSerializer(many=True),
        operation_id="mappings_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = crosswalk.mapping_list(
            user=request.user,
            mapping_set=filters.validated_data.get("mapping_set"),
            relationship=filters.validated_data.get("relationship"),
            status=filters.validated_data.get("status"),
            standard=filters.validated_data.get("standard"),
        )
        return _paginated_mappings(request, self, queryset)


class MappingDetailApi(APIView):
    class InputSerializer(serializers.Serializer):
        relationship = serializers.ChoiceField(choices=Relationship.choices, required=False)
        rationale = serializers.ChoiceField(choices=Rationale.choices, required=False)
        strength = serializers.IntegerField(required=False, allow_null=True)
        explanation = serializers.CharField(required=False, allow_blank=True)

        class Meta:
            ref_name = "MappingUpdate"

    @extend_schema(responses=MappingSerializer, operation_id="mappings_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        mapping = crosswalk.mapping_get(user=request.user, pk=pk)
        return Response(_mapping_data(request, mapping))

    @extend_schema(
        request=InputSerializer,
        responses={200: MappingSerializer, 400: VALIDATION_ERRORS},
        operation_id="mappings_partial_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        """Change a draft or reviewed mapping (its author or the secretariat). An approved
        mapping is never edited: propose a replacement with ``supersede``."""
        mapping = crosswalk.mapping_get(user=request.user, pk=pk)
        policy.require(request.user, "mapping.edit", mapping)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = services.mapping_update(
            actor=request.user, mapping=mapping, changes=dict(serializer.validated_data)
        )
        return Response(_mapping_data(request, _reloaded(request, updated)))


class MappingReviewApi(APIView):
    """The secretariat marks a draft as reviewed (never the author)."""

    @extend_schema(
        request=None,
        responses={200: MappingSerializer, 400: VALIDATION_ERRORS},
        operation_id="mappings_review",
    )
    def post(self, request: Request, pk: int) -> Response:
        mapping = crosswalk.mapping_get(user=request.user, pk=pk)
        reviewed = services.mapping_review(actor=request.user, mapping=mapping)
        return Response(_mapping_data(request, _reloaded(request, reviewed)))


class MappingApproveApi(APIView):
    """The secretariat approves a reviewed mapping (never the author); a replacement's
    approval supersedes the mapping it replaces."""

    @extend_schema(
        request=None,
        responses={200: MappingSerializer, 400: VALIDATION_ERRORS},
        operation_id="mappings_approve",
    )
    def post(self, request: Request, pk: int) -> Response:
        mapping = crosswalk.mapping_get(user=request.user, pk=pk)
        approved = services.mapping_approve(actor=request.user, mapping=mapping)
        return Response(_mapping_data(request, _reloaded(request, approved)))


class MappingSupersedeApi(APIView):
    """Propose a replacement for an approved mapping: a new draft for the same elements."""

    @extend_schema(
        request=MappingInputSerializer,
        responses={201: MappingSerializer, 400: VALIDATION_ERRORS},
        operation_id="mappings_supersede",
    )
    def post(self, request: Request, pk: int) -> Response:
        mapping = crosswalk.mapping_get(user=request.user, pk=pk)
        policy.require(request.user, "mapping.propose", mapping.mapping_set)
        serializer = MappingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.mapping_supersede(
            actor=request.user, mapping=mapping, **serializer.validated_data
        )
        return Response(
            _mapping_data(request, _reloaded(request, created)), status=status.HTTP_201_CREATED
        )
