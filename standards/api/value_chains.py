"""REST API of the common value chains: per material, its stages with the number of active
members there, the standards recognised there and the share of those members with a current
certification. Counts and standards only: no organisation is named."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from standards.selectors.value_chains import CHAIN_MATERIALS, Stage, value_chains


class StageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    stage_label = serializers.CharField(source="label")
    members = serializers.IntegerField(help_text="Active members working here.")
    certified = serializers.IntegerField(
        source="published_certified",
        allow_null=True,
        help_text="Of them, those with a current certification under a standard recognised "
        "here; null with fewer than 3 members (not published).",
    )
    share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text="Per cent; null with fewer than 3 members (not published).",
    )
    standards = serializers.SerializerMethodField(
        help_text="Codes of the standards recognised here."
    )
    gaps = serializers.ListField(child=serializers.CharField(), help_text="Why it lacks coverage.")

    class Meta:
        ref_name = "ValueChainStage"

    def get_standards(self, stage: Stage) -> list[str]:
        return [standard.code for standard in stage.standards]


class ValueChainSerializer(serializers.Serializer):
    material = serializers.CharField()
    material_label = serializers.CharField(source="label")
    declared = serializers.BooleanField(help_text="Your organisation declared this material.")
    members = serializers.IntegerField(help_text="Active members at one stage or more.")
    stages = StageSerializer(many=True)

    class Meta:
        ref_name = "ValueChain"


class ValueChainListApi(APIView):
    """Every material's value chain (not paged: one item per material)."""

    @extend_schema(responses=ValueChainSerializer(many=True), operation_id="value_chains_list")
    def get(self, request: Request) -> Response:
        chains = value_chains(user=request.user)
        return Response(ValueChainSerializer(chains, many=True).data)


class ValueChainDetailApi(APIView):
    @extend_schema(responses=ValueChainSerializer, operation_id="value_chains_retrieve")
    def get(self, request: Request, material: str) -> Response:
        if material not in CHAIN_MATERIALS:
            raise Http404("No value chain for this material.")
        chain = value_chains(user=request.user, material=material)[0]
        return Response(ValueChainSerializer(chain).data)
