"""``/api/v1/organisations/<slug>/access-log/``: who at the secretariat read the organisation's
confidential material, when and why; its own people and the secretariat only (the page's
twin, ``members.views_access_log``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.access_log import access_log_list, access_log_rows
from alliance_portal.access_log_forms import AccessLogFilterForm
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.read_reasons import ReadReason
from members import selectors


class AccessLogRowSerializer(serializers.Serializer):
    accessed_at = serializers.DateTimeField(help_text="When it was read (UTC).")
    reader = serializers.CharField(help_text="Who read it: the person's name.")
    item_type = serializers.CharField(help_text="The kind of item read.")
    item = serializers.CharField(help_text="The item read.")
    reason = serializers.ChoiceField(
        choices=[*ReadReason.choices, ("", "Not given")],
        help_text="Why (empty for reads made before reasons were asked).",
    )
    reason_detail = serializers.CharField(help_text='The reason in the reader\'s words ("other").')
    why = serializers.CharField(help_text="The reason in plain words.")

    class Meta:
        ref_name = "AccessLogRow"


class AccessLogPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AccessLogRowSerializer(many=True)

    class Meta:
        ref_name = "AccessLogPage"


def _parameter(name: str, kind: Any, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, description=description)


class OrganisationAccessLogApi(APIView):
    """The reads of the organisation's confidential material, newest first, paginated and
    filtered like the page (reason, item_type, on_or_after, on_or_before)."""

    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[
            _parameter("reason", str, f"one of {', '.join(ReadReason.values)}"),
            _parameter("item_type", str, "the kind of item, as app_label.model"),
            _parameter("on_or_after", str, "read on or after this day, YYYY-MM-DD"),
            _parameter("on_or_before", str, "read on or before this day, YYYY-MM-DD"),
            _parameter("page", int, "the page"),
            _parameter("page_size", int, "rows a page (1 to 200)"),
        ],
        responses={200: AccessLogPageSerializer},
        operation_id="organisation_access_log",
    )
    def get(self, request: Request, slug: str) -> Response:
        organisation = selectors.organisation_get(user=request.user, slug=slug)
        policy.require(request.user, "access_log.read_organisation", organisation)
        form = AccessLogFilterForm(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        entries = access_log_list(filters=form.filters(organisation_id=organisation.pk))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(entries, request, view=self) or []
        rows = AccessLogRowSerializer(access_log_rows(page), many=True).data
        return paginator.get_paginated_response(rows)
