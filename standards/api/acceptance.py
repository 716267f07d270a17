"""REST API of acceptance requests: the list (drafts only for their organisation and the
secretariat), one request with the coverage the crosswalk shows for its claim, drafting and
changing one (the organisation's representative), submitting and withdrawing it. Thin:
serializers parse, selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy.principals import principal
from alliance_portal.text_limits import text_input
from members.models import Organisation
from standards import services
from standards.api.serializers import described_choice_field
from standards.models import AcceptanceRequest, AcceptanceStatus
from standards.selectors import acceptance as selectors
from standards.selectors.coverage import CoverageClass
from standards.selectors.registry import published_version_find

VALIDATION_ERRORS = inline_serializer(
    "AcceptanceRequestValidationErrors", {"detail": serializers.CharField(required=False)}
)


class AcceptanceRequestSerializer(serializers.ModelSerializer):
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    standard = serializers.CharField(source="version.standard.code", read_only=True)
    standard_title = serializers.CharField(source="version.standard.title", read_only=True)
    version = serializers.CharField(source="version.label", read_only=True)
    requirements = serializers.ListField(
        child=serializers.CharField(),
        source="requirement_refs",
        read_only=True,
        help_text="The baseline requirements claimed (reference codes); empty: all of them.",
    )
    claims_all = serializers.BooleanField(read_only=True)
    status = described_choice_field(AcceptanceStatus, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    disclosure = described_choice_field(DisclosureLevel, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = AcceptanceRequest
        ref_name = "AcceptanceRequest"
        fields: tuple[str, ...] = (
            "id",
            "url",
            "organisation",
            "organisation_name",
            "standard",
            "standard_title",
            "version",
            "requirements",
            "claims_all",
            "statement",
            "status",
            "status_label",
            "status_note",
            "disclosure",
            "submitted_at",
            "updated_at",
        )
        read_only_fields: tuple[str, ...] = fields


class ClaimedRequirementSerializer(serializers.Serializer):
    ref = serializers.CharField(source="requirement.ref")
    title = serializers.CharField(source="requirement.title")
    coverage = described_choice_field(CoverageClass)
    coverage_label = serializers.CharField()
    elements = serializers.SerializerMethodField(
        help_text="The version's elements that decide the class, by reference code."
    )

    class Meta:
        ref_name = "ClaimedRequirement"

    def get_elements(self, row: Any) -> list[str]:
        return [element.ref for element in row.elements]


class ClaimCoverageSerializer(serializers.Serializer):
    baseline = serializers.SerializerMethodField()
    counts = serializers.DictField(child=serializers.IntegerField())
    percentages = serializers.DictField(child=serializers.DecimalField(4, 1))
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="Claimed references the current baseline no longer has.",
    )
    requirements = ClaimedRequirementSerializer(many=True)

    class Meta:
        ref_name = "ClaimCoverage"

    def get_baseline(self, coverage: selectors.ClaimCoverage) -> str | None:
        baseline = coverage.baseline
        return f"{baseline.standard.code} {baseline.label}" if baseline else None


class AcceptanceRequestDetailSerializer(AcceptanceRequestSerializer):
    coverage = serializers.SerializerMethodField()

    class Meta(AcceptanceRequestSerializer.Meta):
        ref_name = "AcceptanceRequestDetail"
        fields = (*AcceptanceRequestSerializer.Meta.fields, "coverage")
        read_only_fields = fields

    @extend_schema_field(ClaimCoverageSerializer)
    def get_coverage(self, acceptance: AcceptanceRequest) -> dict[str, Any]:
        return dict(ClaimCoverageSerializer(selectors.claim_coverage(request=acceptance)).data)


class AcceptanceInputSerializer(serializers.Serializer):
    standard = serializers.SlugField(help_text="the standard's code")
    version = serializers.CharField(help_text="the version's label")
    requirements = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        help_text="The baseline requirements claimed (reference codes); empty or left out: all.",
    )
    statement = text_input(AcceptanceRequest, "statement")
    disclosure = described_choice_field(DisclosureLevel, required=False)

    class Meta:
        ref_name = "AcceptanceRequestInput"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        version = published_version_find(code=attrs.pop("standard"), label=attrs["version"])
        if version is None:
            raise serializers.ValidationError({"version": "No published version has this label."})
        attrs["version"] = version
        return attrs

    def fields_value(self) -> services.AcceptanceFields:
        data = dict(self.validated_data)
        return services.AcceptanceFields(
            version=data["version"],
            statement=data["statement"],
            requirement_refs=list(data.get("requirements") or []),
            disclosure=data.get("disclosure") or DisclosureLevel.PUBLIC,
        )


def _detail(request: Request, pk: int) -> dict[str, Any]:
    acceptance = selectors.acceptance_get(user=request.user, pk=pk)
    return dict(AcceptanceRequestDetailSerializer(acceptance).data)


class AcceptanceRequestListApi(APIView):
    """Acceptance requests you may read: submitted ones at their disclosure level, and your own
    organisation's drafts (the secretariat reads every draft)."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=AcceptanceStatus.choices, required=False)
        standard = serializers.SlugField(required=False)
        organisation = serializers.SlugField(required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=AcceptanceStatus.values),
            OpenApiParameter("standard", str, description="standard code"),
            OpenApiParameter("organisation", str, description="organisation slug"),
        ],
        responses=AcceptanceRequestSerializer(many=True),
        operation_id="acceptance_requests_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        organisation = (
            Organisation.objects.filter(slug=data["organisation"]).first()
            if data.get("organisation")
            else None
        )
        queryset = selectors.acceptance_list(
            user=request.user,
            status=data.get("status"),
            standard_code=data.get("standard"),
            organisation=organisation,
        )
        if data.get("organisation") and organisation is None:
            queryset = queryset.none()
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(AcceptanceRequestSerializer(page, many=True).data)

    @extend_schema(
        request=AcceptanceInputSerializer,
        responses={201: AcceptanceRequestDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="acceptance_requests_create",
        description="Draft a request for your own organisation (its representative).",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "acceptance_request.draft")
        organisation = get_object_or_404(Organisation, pk=principal(request.user).organisation_id)
        serializer = AcceptanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.acceptance_request_draft(
            actor=request.user, organisation=organisation, fields=serializer.fields_value()
        )
        return Response(_detail(request, created.pk), status=status.HTTP_201_CREATED)


class AcceptanceRequestDetailApi(APIView):
    @extend_schema(
        responses=AcceptanceRequestDetailSerializer, operation_id="acceptance_requests_retrieve"
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))

    @extend_schema(
        request=AcceptanceInputSerializer,
        responses={200: AcceptanceRequestDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="acceptance_requests_update",
        description="Replace what the draft states (every field); a submitted request is final.",
    )
    def put(self, request: Request, pk: int) -> Response:
        acceptance = selectors.acceptance_get(user=request.user, pk=pk)
        policy.require(request.user, "acceptance_request.draft", acceptance.organisation)
        serializer = AcceptanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.acceptance_request_update(
            actor=request.user, request=acceptance, fields=serializer.fields_value()
        )
        return Response(_detail(request, pk))


class AcceptanceRequestSubmitApi(APIView):
    @extend_schema(
        request=None,
        responses={200: AcceptanceRequestDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="acceptance_requests_submit",
        description="Submit the draft to the alliance (the organisation's representative).",
    )
    def post(self, request: Request, pk: int) -> Response:
        acceptance = selectors.acceptance_get(user=request.user, pk=pk)
        services.acceptance_request_submit(actor=request.user, request=acceptance)
        return Response(_detail(request, pk))


class AcceptanceRequestWithdrawApi(APIView):
    class WithdrawSerializer(serializers.Serializer):
        reason = text_input(AcceptanceRequest, "status_note", name="reason", required=False)

        class Meta:
            ref_name = "AcceptanceRequestWithdraw"

    @extend_schema(
        request=WithdrawSerializer,
        responses={200: AcceptanceRequestDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="acceptance_requests_withdraw",
        description="Withdraw the request until the alliance answers it (its representative).",
    )
    def post(self, request: Request, pk: int) -> Response:
        acceptance = selectors.acceptance_get(user=request.user, pk=pk)
        serializer = self.WithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.acceptance_request_withdraw(
            actor=request.user,
            request=acceptance,
            reason=serializer.validated_data.get("reason") or "",
        )
        return Response(_detail(request, pk))
