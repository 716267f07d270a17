"""API: the secretariat's records of a meeting: its cancellation, who attended, and its minutes
(published, then approved at a later meeting); the same use cases as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer, choice_field
from governance.meetings import selectors, services
from governance.meetings.api.meetings import (
    MeetingDetailSerializer,
    MinutesSerializer,
    detail_answer,
)
from governance.meetings.models import Meeting, MeetingMinutes
from members.models import Organisation


class MeetingCancellationApi(APIView):
    """Cancel a meeting that has not started, with a reason shown on its page (the
    secretariat); the body's members and the registered organisations are told."""

    class InputSerializer(serializers.Serializer):
        reason = text_input(Meeting, "cancel_reason", help_text="Published.")

        class Meta:
            ref_name = "MeetingCancellationInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: MeetingDetailSerializer, 400: ErrorSerializer},
        operation_id="meetings_cancellation_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = selectors.meeting_get(pk=pk)
        policy.require(request.user, "meeting.cancel", meeting)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.meeting_cancel(
            actor=request.user, meeting=meeting, reason=serializer.validated_data["reason"]
        )
        return Response(detail_answer(request, selectors.meeting_get(pk=pk)))


class MeetingAttendanceApi(APIView):
    """Record which organisations attended (the secretariat), once the meeting has started."""

    class InputSerializer(serializers.Serializer):
        organisations: serializers.RelatedField = serializers.SlugRelatedField(
            slug_field="slug", queryset=Organisation.objects.all(), many=True
        )

        class Meta:
            ref_name = "MeetingAttendanceInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: MeetingDetailSerializer, 400: ErrorSerializer},
        operation_id="meetings_attendance_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        meeting = selectors.meeting_get(pk=pk)
        policy.require(request.user, "meeting.record_attendance", meeting)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.meeting_attendance_record(
            actor=request.user, meeting=meeting, attended=serializer.validated_data["organisations"]
        )
        return Response(detail_answer(request, selectors.meeting_get(pk=pk)))


MinutesWrite = Callable[[Request, Meeting, dict[str, Any]], MeetingMinutes]


def _minutes_write(
    request: Request,
    pk: int,
    input_serializer: type[serializers.Serializer],
    action: str,
    write: MinutesWrite,
) -> Response:
    """The minutes endpoints' one path: the meeting, the policy's word, the input checked,
    the use case (``write``), the minutes as they now are."""
    meeting = selectors.meeting_get(pk=pk)
    policy.require(request.user, action, meeting)
    serializer = input_serializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    minutes = write(request, meeting, dict(serializer.validated_data))
    return Response(MinutesSerializer(minutes).data)


def _publish_minutes(request: Request, meeting: Meeting, data: dict[str, Any]) -> MeetingMinutes:
    return services.meeting_minutes_publish(actor=request.user, meeting=meeting, **data)


def _approve_minutes(request: Request, meeting: Meeting, data: dict[str, Any]) -> MeetingMinutes:
    return services.meeting_minutes_approve(
        actor=request.user, meeting=meeting, at_meeting=data["at_meeting"]
    )


class MeetingMinutesApi(APIView):
    """Publish a meeting's minutes at a disclosure level (the secretariat), after it ended;
    again to correct them, until approved."""

    class InputSerializer(serializers.Serializer):
        text = text_input(MeetingMinutes, "text", help_text="Markdown.")
        disclosure = choice_field(DisclosureLevel, required=False, default=DisclosureLevel.MEMBERS)
        statement_read = serializers.BooleanField(
            required=False,
            default=False,
            help_text="The competition-law statement was read at the opening of the meeting.",
        )

        class Meta:
            ref_name = "MeetingMinutesInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: MinutesSerializer, 400: ErrorSerializer},
        operation_id="meetings_minutes_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        return _minutes_write(
            request, pk, self.InputSerializer, "meeting.minutes_publish", _publish_minutes
        )


class MeetingMinutesApprovalApi(APIView):
    """Record that a later meeting of the same body approved the minutes (the secretariat)."""

    class InputSerializer(serializers.Serializer):
        at_meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())

        class Meta:
            ref_name = "MeetingMinutesApprovalInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: MinutesSerializer, 400: ErrorSerializer},
        operation_id="meetings_minutes_approval_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _minutes_write(
            request, pk, self.InputSerializer, "meeting.minutes_approve", _approve_minutes
        )
