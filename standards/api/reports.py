"""REST API of RS performance reports: reporting cycles (the secretariat opens and closes
them), reports (the own organisation's in full, drafts included; others' submitted versions,
answer by answer by disclosure), saving the own organisation's draft, submitting it,
correcting it, and the public aggregates. Thin: serializers parse, selectors read, services
write."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import principal
from alliance_portal.text_limits import BoundedCharField
from members.models import Organisation
from members.selectors import organisation_get
from standards import services
from standards.api.serializers import described_choice_field
from standards.models import (
    Answer,
    AnswerStatus,
    CycleStatus,
    Report,
    ReportingCycle,
    ReportVersion,
    VersionState,
)
from standards.selectors import reports as selectors

VALIDATION_ERRORS = inline_serializer(
    "ReportValidationErrors", {"detail": serializers.CharField(required=False)}
)


class CycleSerializer(serializers.ModelSerializer):
    status = described_choice_field(CycleStatus)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    baseline = serializers.SerializerMethodField()
    question_count = serializers.IntegerField(read_only=True)
    submitted_count = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = ReportingCycle
        ref_name = "ReportingCycle"
        fields: tuple[str, ...] = (
            "id",
            "url",
            "title",
            "opens_on",
            "due_on",
            "status",
            "status_label",
            "baseline",
            "question_count",
            "submitted_count",
        )
        read_only_fields = fields

    def get_baseline(self, cycle: ReportingCycle) -> str:
        return f"{cycle.baseline.standard.code} {cycle.baseline.label}"


class QuestionSerializer(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()

    class Meta:
        ref_name = "ReportingQuestion"


class CycleDetailSerializer(CycleSerializer):
    questions = serializers.SerializerMethodField()

    class Meta(CycleSerializer.Meta):
        ref_name = "ReportingCycleDetail"
        fields: tuple[str, ...] = (*CycleSerializer.Meta.fields, "questions")
        read_only_fields: tuple[str, ...] = fields

    @extend_schema_field(QuestionSerializer(many=True))
    def get_questions(self, cycle: ReportingCycle) -> list[dict[str, str]]:
        return [
            {"ref": element.ref, "title": element.title}
            for element in selectors.cycle_questions(cycle=cycle)
        ]


class AnswerSerializer(serializers.ModelSerializer):
    ref = serializers.CharField(source="requirement.ref", read_only=True)
    title = serializers.CharField(source="requirement.title", read_only=True)
    status = described_choice_field(AnswerStatus, allow_blank=True)
    status_label = serializers.CharField(read_only=True)
    disclosure = described_choice_field(DisclosureLevel)
    evidence_url = serializers.CharField(
        read_only=True, help_text="A link to the evidence, or empty."
    )

    class Meta:
        model = Answer
        ref_name = "ReportAnswer"
        fields = (
            "ref",
            "title",
            "status",
            "status_label",
            "reason",
            "evidence_url",
            "narrative",
            "plans",
            "target_date",
            "disclosure",
        )
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):
    state = described_choice_field(VersionState)
    answers = serializers.SerializerMethodField()

    class Meta:
        model = ReportVersion
        ref_name = "ReportVersion"
        fields = ("number", "state", "reason", "created_at", "submitted_at", "answers")
        read_only_fields = fields

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, version: ReportVersion) -> list[dict[str, Any]]:
        answers = selectors.visible_answers(user=self.context["user"], version=version)
        return list(AnswerSerializer(answers, many=True).data)


class ReportSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle_id", read_only=True)
    cycle_title = serializers.CharField(source="cycle.title", read_only=True)
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    on_time = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="Null: not submitted yet."
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Report
        ref_name = "RsReport"
        fields: tuple[str, ...] = (
            "id",
            "url",
            "cycle",
            "cycle_title",
            "organisation",
            "organisation_name",
            "first_submitted_at",
            "on_time",
        )
        read_only_fields = fields


class ReportDetailSerializer(ReportSerializer):
    versions = serializers.SerializerMethodField(
        help_text="Newest first: the own organisation reads its drafts too, others the "
        "submitted versions; answers by their disclosure level."
    )

    class Meta(ReportSerializer.Meta):
        ref_name = "RsReportDetail"
        fields: tuple[str, ...] = (*ReportSerializer.Meta.fields, "versions")
        read_only_fields: tuple[str, ...] = fields

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, report: Report) -> list[dict[str, Any]]:
        versions = selectors.readable_versions(user=self.context["user"], report=report)
        return list(VersionSerializer(versions, many=True, context=self.context).data)


class CycleListApi(APIView):
    """Reporting cycles (public): their due dates and how many reports were submitted."""

    pagination_class = PageNumberPagination

    class CreateSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=120)
        opens_on = serializers.DateField()
        due_on = serializers.DateField()

        class Meta:
            ref_name = "ReportingCycleCreate"

    @extend_schema(responses=CycleSerializer(many=True), operation_id="reporting_cycles_list")
    def get(self, request: Request) -> Response:
        queryset = selectors.cycle_list().select_related("baseline", "baseline__standard")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(CycleSerializer(page, many=True).data)

    @extend_schema(
        request=CreateSerializer,
        responses={201: CycleDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="reporting_cycles_open",
        description="Open a cycle (the secretariat): its questionnaire is the current "
        "baseline's requirements, frozen now.",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "reporting_cycle.open")
        serializer = self.CreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cycle = services.reporting_cycle_open(actor=request.user, **serializer.validated_data)
        found = selectors.cycle_get(pk=cycle.pk)
        return Response(CycleDetailSerializer(found).data, status=status.HTTP_201_CREATED)


class CycleDetailApi(APIView):
    @extend_schema(responses=CycleDetailSerializer, operation_id="reporting_cycles_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(CycleDetailSerializer(selectors.cycle_get(pk=pk)).data)


class CycleCloseApi(APIView):
    @extend_schema(
        request=None,
        responses={200: CycleDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="reporting_cycles_close",
        description="Close a cycle (the secretariat): no new reports; corrections go on.",
    )
    def post(self, request: Request, pk: int) -> Response:
        cycle = selectors.cycle_get(pk=pk)
        policy.require(request.user, "reporting_cycle.close", cycle)
        services.reporting_cycle_close(actor=request.user, cycle=cycle)
        return Response(CycleDetailSerializer(selectors.cycle_get(pk=pk)).data)


class AggregateCellSerializer(serializers.Serializer):
    suppressed = serializers.BooleanField(
        help_text="True: fewer than 3 organisations contribute, or hidden so that another "
        "hidden cell cannot be worked out by subtraction."
    )
    contributors = serializers.SerializerMethodField()
    share = serializers.SerializerMethodField(
        help_text="Per cent of contributing organisations reporting it implemented."
    )

    class Meta:
        ref_name = "ReportAggregateCell"

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_contributors(self, cell: selectors.AggregateCell) -> int | None:
        return None if cell.suppressed else cell.contributors

    @extend_schema_field({"type": "number", "nullable": True})
    def get_share(self, cell: selectors.AggregateCell) -> float | None:
        share = cell.share
        return None if share is None else float(share)


class AggregateRowSerializer(serializers.Serializer):
    ref = serializers.CharField(source="requirement.ref")
    title = serializers.CharField(source="requirement.title")
    cells = AggregateCellSerializer(many=True)
    total = AggregateCellSerializer()

    class Meta:
        ref_name = "ReportAggregateRow"


class AggregateTableSerializer(serializers.Serializer):
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = AggregateRowSerializer(many=True)

    class Meta:
        ref_name = "ReportAggregateTable"


class AggregatesSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle.pk")
    reports = serializers.IntegerField(help_text="Organisations with a submitted report.")
    threshold = serializers.IntegerField()
    by_chamber = AggregateTableSerializer()
    by_stage = AggregateTableSerializer()

    class Meta:
        ref_name = "ReportAggregates"


class CycleAggregatesApi(APIView):
    """The share of organisations reporting each baseline requirement implemented, by chamber
    and by value-chain stage; the same for every reader: cells of fewer than 3 organisations
    and cells that would give one away by subtraction are suppressed."""

    @extend_schema(responses=AggregatesSerializer, operation_id="reporting_cycles_aggregates")
    def get(self, request: Request, pk: int) -> Response:
        cycle = selectors.cycle_get(pk=pk)
        return Response(AggregatesSerializer(selectors.report_aggregates(cycle=cycle)).data)


class ReportListApi(APIView):
    """Reports you may list: submitted ones, and all of your own organisation's."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        cycle = serializers.IntegerField(required=False, min_value=1)
        organisation = serializers.SlugField(required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("cycle", int, description="reporting cycle id"),
            OpenApiParameter("organisation", str, description="organisation slug"),
        ],
        responses=ReportSerializer(many=True),
        operation_id="rs_reports_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        cycle = selectors.cycle_get(pk=data["cycle"]) if data.get("cycle") else None
        organisation = (
            organisation_get(user=request.user, slug=data["organisation"])
            if data.get("organisation")
            else None
        )
        queryset = selectors.report_list(user=request.user, cycle=cycle, organisation=organisation)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(ReportSerializer(page, many=True).data)


class ReportDetailApi(APIView):
    @extend_schema(responses=ReportDetailSerializer, operation_id="rs_reports_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, pk=pk)
        return Response(ReportDetailSerializer(report, context={"user": request.user}).data)


class AnswerInputSerializer(serializers.Serializer):
    ref = serializers.CharField(help_text="the baseline requirement's reference code")
    status = described_choice_field(AnswerStatus, required=False, allow_blank=True)
    reason = BoundedCharField(max_length=2_000, name="reason", required=False, allow_blank=True)
    evidence_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    narrative = BoundedCharField(
        max_length=10_000, name="narrative", required=False, allow_blank=True
    )
    plans = BoundedCharField(max_length=2_000, name="plans", required=False, allow_blank=True)
    target_date = serializers.DateField(required=False, allow_null=True)
    disclosure = described_choice_field(DisclosureLevel, required=False)

    class Meta:
        ref_name = "ReportAnswerInput"


class DraftInputSerializer(serializers.Serializer):
    answers = AnswerInputSerializer(many=True)

    class Meta:
        ref_name = "ReportDraftInput"


class OwnReportApi(APIView):
    """Your organisation's report in a cycle (its representative): save the draft."""

    @extend_schema(
        request=DraftInputSerializer,
        responses={200: ReportDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="rs_reports_save_draft",
        description="Save the draft of your organisation's report in this cycle (the first "
        "draft, or a correction's). Answers not sent stay as they were.",
    )
    def put(self, request: Request, pk: int) -> Response:
        cycle = selectors.cycle_get(pk=pk)
        organisation_id = principal(request.user).organisation_id
        organisation = (
            Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
        )
        policy.require(request.user, "rs_report.edit", organisation)
        if organisation is None:  # pragma: no cover (refused above)
            raise Http404
        serializer = DraftInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        questions = {element.ref: element for element in selectors.cycle_questions(cycle=cycle)}
        unknown = [
            item["ref"]
            for item in serializer.validated_data["answers"]
            if item["ref"] not in questions
        ]
        if unknown:
            raise serializers.ValidationError(
                {"answers": f"This cycle does not ask about {', '.join(unknown)}."}
            )
        answers = []
        for item in serializer.validated_data["answers"]:
            fields = {key: value for key, value in item.items() if key != "ref"}
            answers.append(services.AnswerFields(requirement=questions[item["ref"]], **fields))
        version = services.report_save_draft(
            actor=request.user, cycle=cycle, organisation=organisation, answers=answers
        )
        report = selectors.report_get(user=request.user, pk=version.report_id)
        return Response(ReportDetailSerializer(report, context={"user": request.user}).data)


def _signed_in(request: Request) -> None:
    """Writing asks a visitor to sign in first (before a draft they may not see is a 404)."""
    if not request.user.is_authenticated:
        raise NotAuthenticated("Sign in as your organisation's representative.")


class ReportSubmitApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ReportDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="rs_reports_submit",
        description="Submit the draft (the representative): it is frozen from then on. "
        "Refused while your acceptance of the information-sharing protocol is outdated.",
    )
    def post(self, request: Request, pk: int) -> Response:
        _signed_in(request)
        report = selectors.report_get(user=request.user, pk=pk)
        services.report_submit(actor=request.user, report=report)
        found = selectors.report_get(user=request.user, pk=pk)
        return Response(ReportDetailSerializer(found, context={"user": request.user}).data)


class ReportCorrectApi(APIView):
    class CorrectSerializer(serializers.Serializer):
        reason = BoundedCharField(max_length=10_000, name="reason")

        class Meta:
            ref_name = "ReportCorrection"

    @extend_schema(
        request=CorrectSerializer,
        responses={201: ReportDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="rs_reports_correct",
        description="Start a correction (the representative): a new draft version holding a "
        "copy of the submitted answers, with the reason; save it, then submit it.",
    )
    def post(self, request: Request, pk: int) -> Response:
        _signed_in(request)
        report = selectors.report_get(user=request.user, pk=pk)
        serializer = self.CorrectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.report_correct(
            actor=request.user, report=report, reason=serializer.validated_data["reason"]
        )
        found = selectors.report_get(user=request.user, pk=pk)
        return Response(
            ReportDetailSerializer(found, context={"user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )
