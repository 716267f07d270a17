"""API: meeting requests (equal access). A requester reads their own, the secretariat every
one; the figures per chamber are public and can be recomputed from the secretariat's list."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.common.api import ErrorSerializer, choice_field
from governance.meetings import selectors, services
from governance.meetings.models import Meeting, MeetingRequest, MeetingWith, RequestStatus
from members.models import Chamber


class RequestMeetingSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url")
    held = serializers.BooleanField(help_text="Its attendance was recorded.")

    class Meta:
        model = Meeting
        fields = ("id", "url", "title", "starts_at", "ends_at", "held")
        ref_name = "MeetingRequestMeeting"


class MeetingRequestSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url")
    body: serializers.RelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    body_name = serializers.CharField(source="body.name")
    chamber: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    chamber_name = serializers.CharField(source="chamber.name")
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    requester_name = serializers.CharField(source="requester.display_name")
    meet_with = serializers.CharField(help_text="body or chair.")
    preferred_language = serializers.CharField(help_text="A language code.")
    status = serializers.CharField(help_text="pending, scheduled or declined.")
    meeting = RequestMeetingSerializer(allow_null=True, read_only=True)

    class Meta:
        model = MeetingRequest
        fields = (
            "id",
            "url",
            "body",
            "body_name",
            "meet_with",
            "topic",
            "details",
            "chamber",
            "chamber_name",
            "organisation",
            "requester_name",
            "on_behalf_of",
            "preferred_language",
            "status",
            "requested_at",
            "decided_at",
            "decline_reason",
            "meeting",
        )
        ref_name = "MeetingRequest"


class MeetingRequestInputSerializer(serializers.Serializer):
    body: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all()
    )
    meet_with = choice_field(MeetingWith, required=False, default=MeetingWith.BODY)
    topic = serializers.CharField(max_length=200)
    details = text_input(MeetingRequest, "details", required=False, default="")
    chamber: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Chamber.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Your chamber; a member organisation's people ask in their organisation's.",
    )
    on_behalf_of = serializers.CharField(max_length=200, required=False, default="")
    preferred_language = choice_field(ContentLanguage)

    class Meta:
        ref_name = "MeetingRequestInput"


class MeetingRequestListApi(APIView):
    """Your meeting requests (every request, for the secretariat), latest first. ``POST`` asks
    to meet a body or its chair."""

    permission_classes = (IsAuthenticated,)
    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        status = choice_field(RequestStatus, required=False)
        body = serializers.SlugField(required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="pending, scheduled or declined"),
            OpenApiParameter("body", str, description="body slug"),
        ],
        responses=MeetingRequestSerializer(many=True),
        operation_id="meeting_requests_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        requests = selectors.meeting_request_list(
            user=request.user,
            status=filters.validated_data.get("status"),
            body=filters.validated_data.get("body"),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(requests, request, view=self) or []
        return paginator.get_paginated_response(MeetingRequestSerializer(page, many=True).data)

    @extend_schema(
        request=MeetingRequestInputSerializer,
        responses={201: MeetingRequestSerializer, 400: ErrorSerializer},
        operation_id="meeting_requests_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "meeting_request.create")
        serializer = MeetingRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.meeting_request_create(actor=request.user, **serializer.validated_data)
        return Response(MeetingRequestSerializer(created).data, status=201)


class MeetingRequestDetailApi(APIView):
    """One of your meeting requests (any, for the secretariat)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=MeetingRequestSerializer, operation_id="meeting_requests_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        found = selectors.meeting_request_get(user=request.user, pk=pk)
        return Response(MeetingRequestSerializer(found).data)


class MeetingRequestDecisionApi(APIView):
    """Schedule a pending request at a meeting of its body, or decline it with a reason (the
    secretariat). The requester is told by email."""

    permission_classes = (IsAuthenticated,)

    class InputSerializer(serializers.Serializer):
        decision = choice_field([("schedule", "Schedule"), ("decline", "Decline")])
        meeting = serializers.PrimaryKeyRelatedField(
            queryset=Meeting.objects.all(), required=False, allow_null=True, default=None
        )
        reason = text_input(MeetingRequest, "decline_reason", required=False, default="")

        class Meta:
            ref_name = "MeetingRequestDecisionInput"

        def validate(self, data: dict) -> dict:
            if data["decision"] == "schedule" and data.get("meeting") is None:
                raise serializers.ValidationError({"meeting": ["Name the meeting."]})
            return data

    @extend_schema(
        request=InputSerializer,
        responses={200: MeetingRequestSerializer, 400: ErrorSerializer},
        operation_id="meeting_requests_decision_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        found = selectors.meeting_request_get(user=request.user, pk=pk)
        policy.require(request.user, "meeting_request.decide", found)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["decision"] == "schedule":
            decided = services.meeting_request_schedule(
                actor=request.user, request=found, meeting=data["meeting"]
            )
        else:
            decided = services.meeting_request_decline(
                actor=request.user, request=found, reason=data["reason"]
            )
        return Response(MeetingRequestSerializer(decided).data)


class ChamberFiguresSerializer(serializers.Serializer):
    chamber = serializers.CharField(allow_null=True, help_text="Chamber slug; null for all.")
    chamber_name = serializers.CharField()
    requests = serializers.IntegerField()
    granted = serializers.IntegerField(help_text="A meeting was scheduled.")
    declined = serializers.IntegerField()
    pending = serializers.IntegerField()
    median_days_to_meeting = serializers.DecimalField(
        max_digits=9,
        decimal_places=1,
        allow_null=True,
        help_text="Median whole days from a granted request to the start of its meeting.",
    )
    meetings_held = serializers.IntegerField(help_text="Granted requests whose meeting was held.")

    class Meta:
        ref_name = "MeetingRequestChamberFigures"


class MeetingRequestFiguresApi(APIView):
    """Equal access in figures, per chamber and for all chambers: requests, granted, declined,
    awaiting, median days from request to meeting, meetings held. Public."""

    class OutputSerializer(serializers.Serializer):
        chambers = ChamberFiguresSerializer(many=True)
        all = ChamberFiguresSerializer()

        class Meta:
            ref_name = "MeetingRequestFigures"

    @extend_schema(responses=OutputSerializer, operation_id="meeting_requests_figures")
    def get(self, request: Request) -> Response:
        rows, total = selectors.meeting_request_figures()
        return Response(
            self.OutputSerializer(
                {
                    "chambers": selectors.figures_as_rows(rows),
                    "all": selectors.figures_as_rows([total])[0],
                }
            ).data
        )
