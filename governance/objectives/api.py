"""API: objectives, indicators with their measurements, and the RS issue register."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer, choice_field
from governance.objectives import selectors, services
from governance.objectives.models import (
    Indicator,
    Issue,
    IssueStatus,
    IssueStatusChange,
    Measurement,
    Objective,
)


class MeasurementOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ("measured_on", "value", "source")
        ref_name = "IndicatorMeasurement"


class IndicatorOutputSerializer(serializers.ModelSerializer):
    objective: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    measurements = MeasurementOutputSerializer(many=True, read_only=True)
    latest_progress_percent = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="How far the latest measurement has come from baseline to target, in %.",
    )

    class Meta:
        model = Indicator
        fields = (
            "id",
            "objective",
            "name",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "measurements",
            "latest_progress_percent",
        )
        ref_name = "Indicator"


class ObjectiveOutputSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="active, achieved or retired.")
    indicators = IndicatorOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ("slug", "title", "description", "status", "order", "indicators")
        ref_name = "Objective"


class ObjectiveListApi(APIView):
    """The alliance's objectives with their indicators and measurements (public)."""

    @extend_schema(responses=ObjectiveOutputSerializer(many=True), operation_id="objectives_list")
    def get(self, request: Request) -> Response:
        return Response(ObjectiveOutputSerializer(selectors.objective_list(), many=True).data)


class ObjectiveDetailApi(APIView):
    @extend_schema(responses=ObjectiveOutputSerializer, operation_id="objectives_retrieve")
    def get(self, request: Request, slug: str) -> Response:
        objective = get_object_or_404(selectors.objective_list(), slug=slug)
        return Response(ObjectiveOutputSerializer(objective).data)


class IndicatorListApi(APIView):
    """Indicators with their measurements, optionally of one objective."""

    class FilterSerializer(serializers.Serializer):
        objective = serializers.SlugField(required=False)

    @extend_schema(
        parameters=[OpenApiParameter("objective", str, description="objective slug")],
        responses=IndicatorOutputSerializer(many=True),
        operation_id="indicators_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        indicators = selectors.indicator_list(objective=filters.validated_data.get("objective"))
        return Response(IndicatorOutputSerializer(indicators, many=True).data)


class IndicatorMeasurementApi(APIView):
    """Record an indicator's value on a day (the secretariat); the same day again replaces it."""

    class InputSerializer(serializers.Serializer):
        measured_on = serializers.DateField()
        value = serializers.DecimalField(max_digits=18, decimal_places=4)
        # The API's field name; DRF collects it by name (it is not Field.source).
        source = serializers.CharField(  # type: ignore[assignment]
            required=False, allow_blank=True, max_length=300
        )

        class Meta:
            ref_name = "MeasurementInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: MeasurementOutputSerializer, 400: ErrorSerializer},
        operation_id="indicators_measurements_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        policy.require(request.user, "indicator.measure")
        indicator = get_object_or_404(Indicator, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measurement = services.indicator_record_measurement(
            actor=request.user, indicator=indicator, **serializer.validated_data
        )
        return Response(MeasurementOutputSerializer(measurement).data, status=201)


class IssueStatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(read_only=True, help_text="Empty for the first status.")
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = IssueStatusChange
        fields = ("from_status", "to_status", "reason", "changed_at")
        ref_name = "RSIssueStatusChange"


class IssueOutputSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="agreed, contentious or parked.")
    objective: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    history = IssueStatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta:
        model = Issue
        fields = ("id", "title", "description", "status", "objective", "history", "updated_at")
        ref_name = "RSIssue"


class IssueListApi(APIView):
    """The RS issue register with each issue's status history (public)."""

    class FilterSerializer(serializers.Serializer):
        status = choice_field(IssueStatus, required=False)

    @extend_schema(
        parameters=[OpenApiParameter("status", str, description="agreed, contentious or parked")],
        responses=IssueOutputSerializer(many=True),
        operation_id="issues_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        issues = selectors.issue_register(status=filters.validated_data.get("status"))
        return Response(IssueOutputSerializer(issues, many=True).data)


class IssueDetailApi(APIView):
    @extend_schema(responses=IssueOutputSerializer, operation_id="issues_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        issue = get_object_or_404(selectors.issue_register(), pk=pk)
        return Response(IssueOutputSerializer(issue).data)


class IssueStatusApi(APIView):
    """Move an RS issue to another status with the reason (the secretariat)."""

    class InputSerializer(serializers.Serializer):
        status = choice_field(IssueStatus)
        reason = text_input(IssueStatusChange, "reason")

        class Meta:
            ref_name = "RSIssueStatusInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: IssueOutputSerializer, 400: ErrorSerializer},
        operation_id="issues_status_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        policy.require(request.user, "issue.set_status")
        issue = get_object_or_404(Issue, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.issue_set_status(actor=request.user, issue=issue, **serializer.validated_data)
        return Response(IssueOutputSerializer(selectors.issue_register().get(pk=pk)).data)
