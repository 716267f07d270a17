"""API of the public decision log (no login): entries, one entry, the head."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.api.pagination import PageNumberPagination
from governance.decision_log import selectors
from governance.decision_log.canonical import timestamp
from governance.decision_log.forms import DecisionFilterForm
from governance.decision_log.models import DecisionLogEntry, LogEntryKind
from governance.decision_log.paging import SeqPaginator


class LogEntrySerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    kind = serializers.CharField()
    published_at = serializers.SerializerMethodField(help_text="UTC, YYYY-MM-DDTHH:MM:SSZ")
    prev_hash = serializers.CharField()
    hash = serializers.CharField()
    amends = serializers.IntegerField(source="amends_id", allow_null=True)
    canonical = serializers.CharField(help_text="The exact stored text that was hashed.")

    class Meta:
        ref_name = "DecisionLogEntry"

    def get_published_at(self, entry: DecisionLogEntry) -> str:
        return timestamp(entry.published_at)


class LogHeadSerializer(serializers.Serializer):
    seq = serializers.IntegerField(allow_null=True)
    hash = serializers.CharField(allow_null=True)
    published_at = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "DecisionLogHead"


DECISION_LOG_FILTERS = [
    OpenApiParameter(
        "body", str, description="the body that decided: its name or slug (General Assembly)"
    ),
    OpenApiParameter("material", str, description="a material's name or code (Lithium)"),
    OpenApiParameter(
        "country", str, description="a country's name or ISO 3166 alpha-2 code (Chile, CL)"
    ),
    OpenApiParameter("year", str, description="the year the decision was taken (2025)"),
    OpenApiParameter(
        "kind",
        str,
        description="entries of this kind only: "
        + ", ".join(f"{value} ({label})" for value, label in LogEntryKind.choices),
    ),
    OpenApiParameter("outcome", str, description="adopted, rejected or no_quorum"),
    OpenApiParameter("state", str, description="decided, amended, corrected or withdrawn"),
    OpenApiParameter("objective", str, description="an objective's title or slug"),
    OpenApiParameter(
        "organisation",
        str,
        description="a member organisation's name or slug: the decisions that name it (its "
        "ballot's electorate, conflict declarations, consultation responses, dissents, "
        "endorsements)",
    ),
]
FILTER_NAMES = (
    "body",
    "material",
    "country",
    "year",
    "kind",
    "outcome",
    "state",
    "objective",
    "organisation",
)


class LogPagination(PageNumberPagination):
    """The whole log's pages, by seq range (``paging.SeqPaginator``)."""

    django_paginator_class = SeqPaginator


class DecisionLogListApi(APIView):
    """Every entry, ascending by seq, paginated (follow ``next``). The filters take the
    names people use or their codes, like the decision log's page; filtered by a decision's
    body, material, country, year, outcome, state, objective or an organisation it names,
    the answer holds the decisions found and every entry about them."""

    pagination_class = PageNumberPagination  # documents the answer as a page

    @extend_schema(
        parameters=DECISION_LOG_FILTERS,
        responses=LogEntrySerializer(many=True),
        operation_id="decision_log_list",
    )
    def get(self, request: Request) -> Response:
        entries = selectors.decision_log_entries()
        asked = {
            name: request.query_params[name]
            for name in FILTER_NAMES
            if name in request.query_params
        }
        if asked:
            form = DecisionFilterForm(asked, facets=selectors.decision_facets())
            if not form.is_valid():
                raise serializers.ValidationError(
                    {
                        field: [str(error) for error in errors]
                        for field, errors in form.errors.items()
                    }
                )
            entries = selectors.decision_log_entries(**form.filters())
        paginator = PageNumberPagination() if asked else LogPagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(LogEntrySerializer(page, many=True).data)


class DecisionLogHeadApi(APIView):
    """The last entry: keep its seq and hash to check later that nothing was rewritten."""

    @extend_schema(responses=LogHeadSerializer, operation_id="decision_log_head")
    def get(self, request: Request) -> Response:
        head: dict[str, Any] | None = selectors.decision_log_head()
        data = (
            {**head, "published_at": timestamp(head["published_at"])}
            if head
            else {"seq": None, "hash": None, "published_at": None}
        )
        return Response(LogHeadSerializer(data).data)


class DecisionLogEntryApi(APIView):
    @extend_schema(responses=LogEntrySerializer, operation_id="decision_log_retrieve")
    def get(self, request: Request, seq: int) -> Response:
        entry = get_object_or_404(DecisionLogEntry, seq=seq)
        return Response(LogEntrySerializer(entry).data)
