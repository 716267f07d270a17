"""API: the proposals opened from an acceptance request that you may read, each with the
decision on it once there is one (the request's own endpoints are the standards app's)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.acceptance import selectors
from standards.selectors.acceptance import acceptance_get


class OpenedProposalSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(source="proposal.pk")
    proposal_url = serializers.CharField(source="proposal.get_absolute_url")
    title = serializers.CharField(source="proposal.title")
    body = serializers.CharField(source="proposal.body.slug")
    status = serializers.CharField(source="proposal.status")
    status_label = serializers.CharField(source="proposal.get_status_display")
    outcome = serializers.SerializerMethodField(help_text="adopted, rejected or no_quorum.")
    decided_at = serializers.SerializerMethodField()
    decision_url = serializers.CharField(
        allow_null=True, help_text="The decision's page (in the public log once published)."
    )

    class Meta:
        ref_name = "AcceptanceOpenedProposal"

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_outcome(self, item: selectors.OpenedProposal) -> str | None:
        return item.decision.outcome if item.decision else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_decided_at(self, item: selectors.OpenedProposal) -> Any:
        if item.decision is None:
            return None
        return serializers.DateTimeField().to_representation(item.decision.decided_at)


class AcceptanceProposalsApi(APIView):
    @extend_schema(
        responses=OpenedProposalSerializer(many=True),
        operation_id="acceptance_request_proposals",
        description="The proposals opened from the request that you may read, latest first.",
    )
    def get(self, request: Request, pk: int) -> Response:
        acceptance = acceptance_get(user=request.user, pk=pk)
        opened = selectors.opened_proposals(user=request.user, request=acceptance)
        return Response(OpenedProposalSerializer(opened, many=True).data)
