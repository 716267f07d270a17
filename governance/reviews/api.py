"""API: decision reviews — the review dates of decisions and their outcomes."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer, choice_field
from governance.proposals import selectors as proposal_selectors
from governance.reviews import selectors, services
from governance.reviews.models import DecisionReview, ReviewOutcome


class DecisionReviewOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    decision_seq = serializers.IntegerField(
        source="decision_id",
        read_only=True,
        allow_null=True,
        help_text="The seq of the decision entry; null until the decision is published.",
    )
    outcome = serializers.CharField(
        read_only=True, help_text="confirmed, to_be_amended or other; empty while open."
    )
    log_entry_seq = serializers.IntegerField(
        source="log_entry_id",
        read_only=True,
        allow_null=True,
        help_text="The seq of the review entry that published the outcome.",
    )

    class Meta:
        model = DecisionReview
        fields = (
            "id",
            "proposal",
            "decision_seq",
            "due_on",
            "reminded_at",
            "outcome",
            "outcome_text",
            "log_entry_seq",
        )
        ref_name = "DecisionReview"


class DecisionReviewListApi(APIView):
    """Review dates of decisions, by due date: every review of a published decision, and
    those planned on a proposal you may see (``status``: open or recorded). ``POST`` sets or
    moves a review date, on a ``proposal`` before its ballot (its author or the secretariat)
    or on a published decision by its ``decision_seq`` (the secretariat)."""

    pagination_class = PageNumberPagination

    class InputSerializer(serializers.Serializer):
        proposal = serializers.IntegerField(required=False, allow_null=True)
        decision_seq = serializers.IntegerField(required=False, allow_null=True)
        due_on = serializers.DateField()

        class Meta:
            ref_name = "DecisionReviewInput"

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=["open", "recorded"], required=False)],
        responses=DecisionReviewOutputSerializer(many=True),
        operation_id="decision_reviews_list",
    )
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status")
        if status not in (None, "", "open", "recorded"):
            raise serializers.ValidationError({"status": "open or recorded."})
        queryset = selectors.review_list(user=request.user, status=status or None)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(
            DecisionReviewOutputSerializer(page, many=True).data
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: DecisionReviewOutputSerializer, 400: ErrorSerializer},
        operation_id="decision_reviews_create",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        proposal = None
        if data.get("proposal") is not None:
            proposal = proposal_selectors.proposal_get(user=request.user, pk=data["proposal"])
        else:
            policy.require(request.user, "decision_review.set", None)
        review = services.decision_review_set(
            actor=request.user,
            proposal=proposal,
            decision_seq=data.get("decision_seq"),
            due_on=data["due_on"],
        )
        return Response(DecisionReviewOutputSerializer(review).data, status=201)


class DecisionReviewOutcomeApi(APIView):
    """Record a review's outcome (the secretariat): published at once as a ``review`` entry of
    the decision log."""

    class InputSerializer(serializers.Serializer):
        outcome = choice_field(ReviewOutcome)
        text = text_input(DecisionReview, "outcome_text", name="text")

        class Meta:
            ref_name = "DecisionReviewOutcomeInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: DecisionReviewOutputSerializer, 400: ErrorSerializer},
        operation_id="decision_reviews_outcome_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        policy.require(request.user, "decision_review.record")
        review = get_object_or_404(DecisionReview, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.decision_review_record(
            actor=request.user, review=review, **serializer.validated_data
        )
        return Response(DecisionReviewOutputSerializer(review).data)
