"""API: meetings, their agenda, attendance by chamber and minutes (at their disclosure level);
scheduling, registration, attendance and minutes go through the same use cases as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.markdown import render_markdown
from alliance_portal.text_limits import text_input
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.common.api import ErrorSerializer, choice_field
from governance.decision_log.models import PublishedDecision
from governance.meetings import selectors, services
from governance.meetings.models import AgendaItem, Meeting, MeetingMinutes
from governance.proposals.models import Proposal


class MeetingOutputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", help_text="The page's path.")
    body: serializers.RelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    body_name = serializers.CharField(source="body.name")
    languages = serializers.ListField(child=serializers.CharField(), help_text="Language codes.")
    interpretation = serializers.ListField(
        child=serializers.CharField(), help_text="Languages interpreted into."
    )
    held = serializers.BooleanField(help_text="The secretariat recorded who attended.")
    cancelled = serializers.BooleanField(help_text="The secretariat cancelled the meeting.")

    class Meta:
        model = Meeting
        fields = (
            "id",
            "url",
            "title",
            "body",
            "body_name",
            "starts_at",
            "ends_at",
            "place",
            "link",
            "languages",
            "interpretation",
            "held",
            "cancelled",
            "cancelled_at",
            "cancel_reason",
        )
        ref_name = "Meeting"


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    proposal = serializers.IntegerField(allow_null=True, help_text="Null if you may not see it.")
    proposal_title = serializers.CharField(allow_blank=True)
    proposal_hidden = serializers.BooleanField(help_text="A proposal you may not see is linked.")
    decision = serializers.IntegerField(allow_null=True, help_text="The decision's log seq.")
    decision_title = serializers.CharField(allow_blank=True)
    document_title = serializers.CharField(allow_blank=True)
    document_url = serializers.CharField(allow_blank=True)
    legal_hold = serializers.BooleanField(
        help_text="Held for legal review: only the secretariat sees the item until released."
    )

    class Meta:
        ref_name = "MeetingAgendaItem"


class ChamberAttendanceSerializer(serializers.Serializer):
    chamber = serializers.CharField(source="chamber.slug")
    chamber_name = serializers.CharField(source="chamber.name")
    registered = serializers.ListField(child=serializers.CharField(), help_text="Organisations.")
    attended = serializers.ListField(child=serializers.CharField(), help_text="Organisations.")

    class Meta:
        ref_name = "MeetingChamberAttendance"


class MinutesSerializer(serializers.ModelSerializer):
    text_html = serializers.SerializerMethodField()
    approved_at_meeting: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = MeetingMinutes
        fields = (
            "text",
            "text_html",
            "disclosure",
            "published_at",
            "statement_read",
            "statement_version",
            "approved_at",
            "approved_at_meeting",
        )
        ref_name = "MeetingMinutes"

    def get_text_html(self, minutes: MeetingMinutes) -> str:
        return str(render_markdown(minutes.text))


class MeetingDetailSerializer(MeetingOutputSerializer):
    agenda = AgendaItemSerializer(many=True)
    attendance = ChamberAttendanceSerializer(many=True)
    minutes = MinutesSerializer(allow_null=True)
    minutes_withheld = serializers.CharField(
        allow_blank=True, help_text="The level of minutes you may not read; empty otherwise."
    )

    class Meta(MeetingOutputSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *MeetingOutputSerializer.Meta.fields,
            "agenda",
            "attendance",
            "minutes",
            "minutes_withheld",
        )
        ref_name = "MeetingDetail"


def detail_answer(request: Request, meeting: Meeting) -> dict[str, Any]:
    """The detail answer: what ``MeetingDetailSerializer`` documents."""
    minutes = selectors.meeting_minutes(user=request.user, meeting=meeting)
    agenda = selectors.meeting_agenda(user=request.user, meeting=meeting)
    return {
        **MeetingOutputSerializer(meeting).data,
        "agenda": AgendaItemSerializer([_agenda_row(row) for row in agenda], many=True).data,
        "attendance": ChamberAttendanceSerializer(
            selectors.meeting_attendance(meeting=meeting), many=True
        ).data,
        "minutes": MinutesSerializer(minutes.minutes).data if minutes.minutes else None,
        "minutes_withheld": minutes.withheld_level,
    }


def _agenda_row(row: selectors.AgendaRow) -> dict[str, Any]:
    item: AgendaItem = row.item
    return {
        "id": item.pk,
        "position": item.position,
        "title": item.title,
        "description": item.description,
        "proposal": row.proposal.pk if row.proposal else None,
        "proposal_title": row.proposal.title if row.proposal else "",
        "proposal_hidden": row.proposal_hidden,
        "decision": item.decision_id,
        "decision_title": item.decision.title if item.decision else "",
        "document_title": item.document_title,
        "document_url": item.document_url,
        "legal_hold": item.held,
    }


class AgendaInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = text_input(AgendaItem, "description", required=False, default="")
    proposal = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.all(), required=False, allow_null=True, default=None
    )
    decision = serializers.PrimaryKeyRelatedField(
        queryset=PublishedDecision.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The decision's log seq.",
    )
    document_title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    document_url = serializers.URLField(required=False, allow_blank=True, default="")
    legal_hold = serializers.BooleanField(
        required=False, default=False, help_text="Hold the item for legal review."
    )

    class Meta:
        ref_name = "MeetingAgendaItemInput"


class MeetingInputSerializer(serializers.Serializer):
    body: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all()
    )
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300, required=False, allow_blank=True)
    link = serializers.URLField(required=False, allow_blank=True)
    languages = serializers.ListField(child=choice_field(ContentLanguage), required=False)
    interpretation = serializers.ListField(child=choice_field(ContentLanguage), required=False)
    agenda = AgendaInputSerializer(many=True, required=False)

    class Meta:
        ref_name = "MeetingInput"


def _agenda(items: list[dict[str, Any]]) -> list[services.AgendaInput]:
    return [services.AgendaInput(**item) for item in items]


class MeetingListApi(APIView):
    """Meetings of the alliance's bodies (public), latest first; ``when=upcoming`` lists those
    not yet ended, soonest first. ``POST`` schedules one (the secretariat)."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        body = serializers.SlugField(required=False)
        when = choice_field(
            [(selectors.UPCOMING, "Upcoming"), (selectors.PAST, "Past")], required=False
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("body", str, description="body slug"),
            OpenApiParameter("when", str, description="upcoming or past"),
        ],
        responses=MeetingOutputSerializer(many=True),
        operation_id="meetings_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        meetings = selectors.meeting_list(
            body=filters.validated_data.get("body"), when=filters.validated_data.get("when")
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(meetings, request, view=self) or []
        return paginator.get_paginated_response(MeetingOutputSerializer(page, many=True).data)

    @extend_schema(
        request=MeetingInputSerializer,
        responses={201: MeetingDetailSerializer, 400: ErrorSerializer},
        operation_id="meetings_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "meeting.schedule")
        serializer = MeetingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        meeting = services.meeting_schedule(
            actor=request.user, agenda=_agenda(data.pop("agenda", [])), **data
        )
        return Response(detail_answer(request, selectors.meeting_get(pk=meeting.pk)), status=201)


class MeetingDetailApi(APIView):
    """One meeting: agenda, attendance by chamber, minutes if you may read them. ``PATCH``
    changes a meeting that has not started (the secretariat); people are told of the change."""

    @extend_schema(responses=MeetingDetailSerializer, operation_id="meetings_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(detail_answer(request, selectors.meeting_get(pk=pk)))

    @extend_schema(
        request=MeetingInputSerializer(partial=True),
        responses={200: MeetingDetailSerializer, 400: ErrorSerializer},
        operation_id="meetings_partial_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        meeting = selectors.meeting_get(pk=pk)
        policy.require(request.user, "meeting.schedule", meeting.body)
        serializer = MeetingInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        changes.pop("body", None)
        agenda = changes.pop("agenda", None)
        services.meeting_update(
            actor=request.user,
            meeting=meeting,
            changes=changes,
            agenda=_agenda(agenda) if agenda is not None else None,
        )
        return Response(detail_answer(request, selectors.meeting_get(pk=pk)))


class MeetingRegistrationApi(APIView):
    """Register your organisation for a meeting (its representative), before it starts;
    ``DELETE`` withdraws the registration."""

    class OutputSerializer(serializers.Serializer):
        organisation = serializers.CharField(source="organisation.slug")
        registered_at = serializers.DateTimeField()

        class Meta:
            ref_name = "MeetingRegistration"

    @extend_schema(
        request=None,
        responses={201: OutputSerializer, 400: ErrorSerializer},
        operation_id="meetings_registrations_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = selectors.meeting_get(pk=pk)
        registered = services.meeting_register(actor=request.user, meeting=meeting)
        return Response(self.OutputSerializer(registered).data, status=201)

    @extend_schema(
        request=None,
        responses={204: None, 400: ErrorSerializer},
        operation_id="meetings_registrations_destroy",
    )
    def delete(self, request: Request, pk: int) -> Response:
        """Withdraw your organisation's registration (its representative), before the start."""
        services.meeting_unregister(actor=request.user, meeting=selectors.meeting_get(pk=pk))
        return Response(status=204)
