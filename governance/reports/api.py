"""API: transparency reports. Everyone lists and reads the public edition, people at the
members' level the members' edition too; the secretariat asks for a report (``POST``) or for
one to be built again. ``progress`` is what a page polls while a report is being built."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from governance.common.api import ErrorSerializer, choice_field
from governance.reports import selectors, services
from governance.reports.models import ReportEdition, ReportKind, ReportState, TransparencyReport


class ReportFileSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="json, pdf or zip.")
    name = serializers.CharField(source="download_name", help_text="The file's name.")
    url = serializers.CharField(source="get_absolute_url", help_text="Where to download it.")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    sha256 = serializers.CharField(help_text="Lower-case hex sha256 of the file's bytes.")

    class Meta:
        ref_name = "TransparencyReportFile"


class ReportTableSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    path = serializers.CharField(help_text="Its path in the open-data ZIP.")
    rows = serializers.IntegerField()
    bytes = serializers.IntegerField()
    sha256 = serializers.CharField()

    class Meta:
        ref_name = "TransparencyReportTable"


class LogHeadSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    hash = serializers.CharField()

    class Meta:
        ref_name = "TransparencyReportLogHead"


class ReportOutputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    kind = serializers.CharField(read_only=True, help_text="quarterly, annual or ad_hoc.")
    edition = serializers.CharField(read_only=True, help_text="public or members.")
    state = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(ReportState.values) + "."
    )
    number = serializers.IntegerField(
        read_only=True, help_text="1 when first published; each corrected edition adds 1."
    )
    corrects: serializers.PrimaryKeyRelatedField[TransparencyReport] = (
        serializers.PrimaryKeyRelatedField(
            read_only=True, allow_null=True, help_text="The id of the edition this one corrects."
        )
    )
    corrected_by = serializers.SerializerMethodField()
    decision_log_head = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    files = ReportFileSerializer(many=True, read_only=True)
    tables = ReportTableSerializer(many=True, read_only=True)

    class Meta:
        model = TransparencyReport
        fields = (
            "id",
            "url",
            "kind",
            "period",
            "period_start",
            "period_end",
            "edition",
            "number",
            "corrects",
            "corrected_by",
            "state",
            "step",
            "progress",
            "requested_at",
            "started_at",
            "finished_at",
            "attempts",
            "error",
            "decision_log_head",
            "files",
            "tables",
        )
        ref_name = "TransparencyReport"

    @extend_schema_field(
        serializers.IntegerField(
            allow_null=True, help_text="The id of the edition that corrects this one, if any."
        )
    )
    def get_corrected_by(self, report: TransparencyReport) -> int | None:
        correction = getattr(report, "corrected_by", None)
        return correction.pk if correction is not None else None

    @extend_schema_field(LogHeadSerializer(allow_null=True))
    def get_decision_log_head(self, report: TransparencyReport) -> dict[str, Any] | None:
        if report.log_head_seq is None:
            return None
        return {"seq": report.log_head_seq, "hash": report.log_head_hash}

    @extend_schema_field(
        serializers.CharField(allow_null=True, help_text="Why a build failed (the secretariat).")
    )
    def get_error(self, report: TransparencyReport) -> str | None:
        request = self.context.get("request")
        if report.error and request is not None and policy.may(request.user, "report.rebuild"):
            return report.error
        return None


class ReportProgressSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    state = serializers.CharField(read_only=True)

    class Meta:
        model = TransparencyReport
        fields = ("id", "url", "state", "step", "progress", "started_at", "finished_at")
        ref_name = "TransparencyReportProgress"


REPORT_FILTERS = [
    OpenApiParameter("kind", str, description="one of: " + ", ".join(ReportKind.values)),
    OpenApiParameter("edition", str, description="one of: " + ", ".join(ReportEdition.values)),
    OpenApiParameter("state", str, description="one of: " + ", ".join(ReportState.values)),
    OpenApiParameter("year", int, description="the year in which the period ends"),
]


class ReportListApi(APIView):
    """Transparency reports you may see, latest period first. ``POST`` (the secretariat) asks
    for the report of a period: 201 with a new report (queued), 200 with an existing one (queued
    again when it was ready or had failed; unchanged while queued or building)."""

    throttle_scope = "report-create"
    throttle_methods = ("POST",)

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        kind = choice_field(ReportKind, required=False)
        edition = choice_field(ReportEdition, required=False)
        state = choice_field(ReportState, required=False)
        year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

    class InputSerializer(serializers.Serializer):
        kind = choice_field(ReportKind)
        edition = choice_field(ReportEdition, required=False, default=ReportEdition.PUBLIC)
        year = serializers.IntegerField(
            required=False, min_value=2000, max_value=2100, help_text="Annual and quarterly."
        )
        quarter = serializers.IntegerField(
            required=False, min_value=1, max_value=4, help_text="Quarterly."
        )
        start = serializers.DateField(required=False, help_text="Ad hoc: the first day.")
        end = serializers.DateField(required=False, help_text="Ad hoc: the last day.")

        class Meta:
            ref_name = "TransparencyReportInput"

    @extend_schema(
        parameters=REPORT_FILTERS,
        responses=ReportOutputSerializer(many=True),
        operation_id="reports_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        queryset = selectors.report_list(
            user=request.user,
            kind=data.get("kind"),
            edition=data.get("edition"),
            state=data.get("state"),
            year=data.get("year"),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(
            ReportOutputSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: ReportOutputSerializer, 200: ReportOutputSerializer, 400: ErrorSerializer},
        operation_id="reports_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "report.request")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report, created = services.report_request(actor=request.user, **serializer.validated_data)
        report = selectors.report_get(user=request.user, pk=report.pk)
        return Response(
            ReportOutputSerializer(report, context={"request": request}).data,
            status=201 if created else 200,
        )


class ReportDetailApi(APIView):
    """One report: its state and progress, its files with their size and sha256, the open-data
    tables with theirs, and the decision-log head it recorded."""

    @extend_schema(responses=ReportOutputSerializer, operation_id="reports_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, pk=pk)
        return Response(ReportOutputSerializer(report, context={"request": request}).data)


class ReportProgressApi(APIView):
    """How far a report's build is: state, step and percentage (never cached)."""

    @extend_schema(responses=ReportProgressSerializer, operation_id="reports_progress_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, pk=pk)
        response = Response(ReportProgressSerializer(report).data)
        response["Cache-Control"] = "no-store"
        return response


class ReportRebuildApi(APIView):
    """Build a failed report again (the secretariat); one queued or building is left as it is.
    A published report is never built again: 400, publish a corrected edition instead."""

    throttle_scope = "report-create"
    throttle_methods = ("POST",)

    @extend_schema(
        request=None,
        responses={200: ReportOutputSerializer},
        operation_id="reports_rebuild_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, pk=pk)
        policy.require(request.user, "report.rebuild", report)
        services.report_rebuild(actor=request.user, report=report)
        report = selectors.report_get(user=request.user, pk=pk)
        return Response(ReportOutputSerializer(report, context={"request": request}).data)


class ReportCorrectApi(APIView):
    """Publish a corrected edition of a published report (the secretariat): a new report of
    the same kind, period and edition, numbered one more, built by the worker; the published
    one stays as it is, marked as corrected. 201 with the new edition; 200 with the
    correction already asked for while it is not yet published; 400 for a report not yet
    published or already corrected by a published edition."""

    throttle_scope = "report-create"

    @extend_schema(
        request=None,
        responses={201: ReportOutputSerializer, 200: ReportOutputSerializer},
        operation_id="reports_correct_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, pk=pk)
        policy.require(request.user, "report.correct", report)
        correction, created = services.report_correct(actor=request.user, report=report)
        correction = selectors.report_get(user=request.user, pk=correction.pk)
        return Response(
            ReportOutputSerializer(correction, context={"request": request}).data,
            status=201 if created else 200,
        )
