"""API: ballots, their electors and the fractions they are counted with."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.types import Actor
from governance.ballots import selectors as ballot_selectors
from governance.ballots.methods import METHODS
from governance.ballots.models import (
    Ballot,
    BallotElector,
    Decision,
)
from governance.common.api import choice_field
from members.models import Organisation


def _organisation(slug: str | None) -> Organisation | None:
    """The organisation named by slug in a request body (400 when there is none)."""
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise exceptions.ValidationError({"organisation": f"No organisation “{slug}”."})
    return organisation


def _opened(user: Actor, pk: int) -> Ballot:
    ballot = ballot_selectors.ballot_get(user=user, pk=pk)
    if ballot.opened_at is None:
        raise exceptions.NotFound("This ballot has not opened yet.")
    return ballot


def _decision(user: Actor, pk: int) -> Decision:
    ballot = ballot_selectors.ballot_get(user=user, pk=pk)
    decision = Decision.objects.filter(ballot=ballot).select_related("proposal", "ballot").first()
    if decision is None:
        raise exceptions.NotFound("This ballot has no decision (yet).")
    return decision


class FractionSerializer(serializers.Serializer):
    num = serializers.IntegerField()
    den = serializers.IntegerField()

    class Meta:
        ref_name = "BallotFraction"


@extend_schema_field(FractionSerializer)
class FractionField(serializers.Field):
    """An exact fraction: ``{"num": 2, "den": 3}`` out; ``"2/3"`` or that object in."""

    def to_representation(self, value: Fraction) -> dict[str, int]:
        return {"num": value.numerator, "den": value.denominator}

    def to_internal_value(self, data: Any) -> Fraction:
        try:
            if isinstance(data, dict):
                return Fraction(int(data["num"]), int(data["den"]))
            if isinstance(data, str):
                return Fraction(data.strip())
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            pass
        raise serializers.ValidationError('A fraction: "2/3" or {"num": 2, "den": 3}.')


class BallotOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    proposal_title = serializers.CharField(source="proposal.title", read_only=True)
    body = serializers.CharField(source="proposal.body.slug", read_only=True)
    method = serializers.CharField(read_only=True, help_text="One of: " + ", ".join(METHODS) + ".")
    quorum = FractionField(read_only=True)
    threshold = FractionField(read_only=True)
    state = serializers.CharField(read_only=True, help_text="scheduled, open or closed.")
    outcome = serializers.CharField(
        read_only=True,
        help_text="Empty while open; adopted, rejected, no_quorum, or cancelled (the proposal "
        "left the ballot).",
    )
    url = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text="The page's path on the portal."
    )

    class Meta:
        model = Ballot
        fields = (
            "id",
            "proposal",
            "proposal_title",
            "body",
            "url",
            "method",
            "quorum",
            "threshold",
            "concurrent_majority",
            "secret",
            "state",
            "opened_at",
            "closes_at",
            "closed_at",
            "close_reason",
            "outcome",
            "effective_date",
        )
        ref_name = "Ballot"


class ElectorSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    chamber = serializers.CharField(source="chamber.slug")

    class Meta:
        model = BallotElector
        fields = ("organisation", "organisation_name", "chamber")
        ref_name = "BallotElector"


class BallotDetailOutputSerializer(BallotOutputSerializer):
    electorate = ElectorSerializer(source="electors", many=True, read_only=True)
    result = serializers.SerializerMethodField(
        help_text="The published tally (the decision record's) once closed; null before."
    )

    class Meta(BallotOutputSerializer.Meta):
        fields = (*BallotOutputSerializer.Meta.fields, "electorate", "result")  # type: ignore[assignment]
        ref_name = "BallotDetail"

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_result(self, ballot: Ballot) -> dict[str, Any] | None:
        decision = Decision.objects.filter(ballot=ballot).first()
        if decision is None:
            return None
        record = ballot_selectors.decision_public_record(decision)
        tally: dict[str, Any] | None = record.get("tally")
        return tally


BALLOT_FILTERS = [
    OpenApiParameter("state", str, description="scheduled, open or closed"),
    OpenApiParameter("body", str, description="body slug"),
]


class BallotListApi(APIView):
    """Ballots you may see (those of the proposals you may see): open ones first, closing
    soonest; ``?state=scheduled|open|closed``, ``?body=<slug>``."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        state = choice_field(
            [("scheduled", "Scheduled"), ("open", "Open"), ("closed", "Closed")], required=False
        )
        body = serializers.SlugField(required=False)

    @extend_schema(
        parameters=BALLOT_FILTERS,
        responses=BallotOutputSerializer(many=True),
        operation_id="ballots_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = ballot_selectors.ballot_list(
            user=request.user,
            state=filters.validated_data.get("state"),
            body=filters.validated_data.get("body"),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(BallotOutputSerializer(page, many=True).data)


class BallotDetailApi(APIView):
    """One ballot: its rules and times, the electorate taken when it opened (organisations and
    chambers) and, once closed, the published tally."""

    @extend_schema(responses=BallotDetailOutputSerializer, operation_id="ballots_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        ballot = ballot_selectors.ballot_get(user=request.user, pk=pk)
        return Response(BallotDetailOutputSerializer(ballot).data)
