"""REST API of commitment tiers: the tiers (drafts for the secretariat only), the current
commitments (by their disclosure level), and an organisation's commitment, which its
representative declares (PUT) or withdraws (DELETE). Thin: serializers parse, selectors read,
services write."""

from __future__ import annotations

from typing import Any

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
from members.selectors import organisation_get
from standards import services
from standards.api.serializers import described_choice_field
from standards.models import Tier, TierCommitment, TierStatus
from standards.selectors import tiers as selectors

VALIDATION_ERRORS = inline_serializer(
    "TierCommitmentValidationErrors", {"detail": serializers.CharField(required=False)}
)


class TierRequirementSerializer(serializers.Serializer):
    ref = serializers.CharField()
    text = serializers.CharField()
    baseline = serializers.SerializerMethodField(
        help_text="True for a requirement of the alliance baseline, false for one beyond it."
    )

    class Meta:
        ref_name = "TierRequirement"

    def get_baseline(self, line: selectors.TierRequirementLine) -> bool:
        return line.element_id is not None


class TierSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    status = described_choice_field(TierStatus)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    committed = serializers.IntegerField(
        read_only=True, help_text="Organisations currently committed to it (that you may see)."
    )
    decision_ref = serializers.CharField(
        read_only=True, help_text="The decision that adopted it, or empty for a draft."
    )
    decision_url = serializers.CharField(
        read_only=True, help_text="The adopting decision's address, or empty."
    )
    requirements = serializers.SerializerMethodField()

    class Meta:
        model = Tier
        ref_name = "Tier"
        fields = (
            "slug",
            "url",
            "name",
            "rank",
            "description",
            "status",
            "status_label",
            "adopted_on",
            "decision_ref",
            "decision_url",
            "committed",
            "requirements",
        )
        read_only_fields = fields

    @extend_schema_field(TierRequirementSerializer(many=True))
    def get_requirements(self, tier: Tier) -> list[dict[str, Any]]:
        return list(TierRequirementSerializer(selectors.tier_requirements(tier), many=True).data)


class TierListApi(APIView):
    """Commitment tiers by rank: adopted and retired ones for everyone, drafts for the
    secretariat."""

    @extend_schema(responses=TierSerializer(many=True), operation_id="tiers_list")
    def get(self, request: Request) -> Response:
        return Response(TierSerializer(selectors.tier_list(user=request.user), many=True).data)


class TierDetailApi(APIView):
    @extend_schema(responses=TierSerializer, operation_id="tiers_retrieve")
    def get(self, request: Request, slug: str) -> Response:
        return Response(TierSerializer(selectors.tier_get(user=request.user, slug=slug)).data)


class TierCommitmentSerializer(serializers.ModelSerializer):
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    tier: serializers.RelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tier_name = serializers.CharField(source="tier.name", read_only=True)
    disclosure = described_choice_field(DisclosureLevel)
    current = serializers.BooleanField(source="is_current", read_only=True)

    class Meta:
        model = TierCommitment
        ref_name = "TierCommitment"
        fields = (
            "id",
            "organisation",
            "organisation_name",
            "tier",
            "tier_name",
            "target_date",
            "disclosure",
            "declared_at",
            "current",
        )
        read_only_fields = fields


class TierCommitmentListApi(APIView):
    """Current commitments you may read: public ones, members-level ones for people of member
    organisations, all of your own organisation's."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        organisation = serializers.SlugField(required=False)
        tier = serializers.SlugField(required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", str, description="organisation slug"),
            OpenApiParameter("tier", str, description="tier slug"),
        ],
        responses=TierCommitmentSerializer(many=True),
        operation_id="tier_commitments_list",
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
        queryset = selectors.commitment_list(
            user=request.user, organisation=organisation, tier_slug=data.get("tier")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(TierCommitmentSerializer(page, many=True).data)


class CommitmentInputSerializer(serializers.Serializer):
    tier = serializers.SlugField(help_text="the slug of an adopted tier")
    target_date = serializers.DateField()
    disclosure = described_choice_field(DisclosureLevel, required=False)

    class Meta:
        ref_name = "TierCommitmentInput"

    def validate_tier(self, value: str) -> Tier:
        tier = selectors.adopted_tiers().filter(slug=value).first()
        if tier is None:
            raise serializers.ValidationError("No adopted tier has this slug.")
        return tier


class CurrentCommitmentSerializer(serializers.Serializer):
    organisation = serializers.SlugField()
    commitment = TierCommitmentSerializer(
        allow_null=True, help_text="Its current commitment, or null when it declared none."
    )

    class Meta:
        ref_name = "OrganisationTierCommitment"


class OrganisationCommitmentApi(APIView):
    """An organisation's current commitment (as you may read it); its representative declares
    or changes it (PUT) and withdraws it (DELETE). Earlier declarations are kept."""

    @extend_schema(
        responses=CurrentCommitmentSerializer, operation_id="organisation_tier_commitment"
    )
    def get(self, request: Request, slug: str) -> Response:
        organisation = organisation_get(user=request.user, slug=slug)
        commitment = selectors.tier_commitment_of(organisation=organisation, user=request.user)
        return Response(
            {
                "organisation": organisation.slug,
                "commitment": TierCommitmentSerializer(commitment).data if commitment else None,
            }
        )

    @extend_schema(
        request=CommitmentInputSerializer,
        responses={200: TierCommitmentSerializer, 400: VALIDATION_ERRORS},
        operation_id="organisation_tier_commitment_declare",
    )
    def put(self, request: Request, slug: str) -> Response:
        organisation = organisation_get(user=request.user, slug=slug)
        policy.require(request.user, "tier_commitment.declare", organisation)
        serializer = CommitmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        commitment = services.tier_commitment_declare(
            actor=request.user, organisation=organisation, **serializer.validated_data
        )
        return Response(TierCommitmentSerializer(commitment).data)

    @extend_schema(
        request=None,
        responses={204: None, 400: VALIDATION_ERRORS},
        operation_id="organisation_tier_commitment_withdraw",
    )
    def delete(self, request: Request, slug: str) -> Response:
        organisation = organisation_get(user=request.user, slug=slug)
        policy.require(request.user, "tier_commitment.declare", organisation)
        services.tier_commitment_withdraw(actor=request.user, organisation=organisation)
        return Response(status=status.HTTP_204_NO_CONTENT)
