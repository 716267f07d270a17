"""The API of personal data: your own export and erasure request (``/api/v1/me/…``), and the
secretariat's erasure requests (``/api/v1/erasure-requests/``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.erasure.models import ErasureRequest, ErasureStatus
from alliance_portal.erasure.selectors import (
    erasure_request_of,
    erasure_requests,
    personal_data_export,
)
from alliance_portal.erasure.services import (
    erasure_confirm,
    erasure_decline,
    erasure_request,
    erasure_request_cancel,
)

FIELDS: tuple[str, ...] = ("id", "status", "status_label", "requested_at", "due_on", "decided_at")


class ErasureRequestSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ErasureRequest
        fields: tuple[str, ...] = FIELDS
        read_only_fields: tuple[str, ...] = FIELDS
        ref_name = "ErasureRequest"


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)

    class Meta:
        ref_name = "ErasureDecline"


NOT_ASKED = OpenApiResponse(
    response=OpenApiTypes.OBJECT, description="You have no (waiting) erasure request."
)


class MyDataApi(APIView):
    """Everything the portal holds about you, as the page's JSON download."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="me_data_export")
    def get(self, request: Request) -> Response:
        policy.require(request.user, "personal_data.export", request.user)
        return Response(personal_data_export(request.user))


class MyErasureRequestApi(APIView):
    """Your erasure request: GET its state (404 when you never asked), POST to ask (the
    waiting one is returned if you asked already), DELETE to withdraw a waiting one."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        responses={200: ErasureRequestSerializer, 404: NOT_ASKED},
        operation_id="me_erasure_request_read",
    )
    def get(self, request: Request) -> Response:
        found = erasure_request_of(request.user)
        if found is None:
            raise Http404("You have not asked for erasure.")
        return Response(ErasureRequestSerializer(found).data)

    @extend_schema(
        request=None,
        responses={201: ErasureRequestSerializer},
        operation_id="me_erasure_request_create",
    )
    def post(self, request: Request) -> Response:
        user: Any = request.user
        created = erasure_request(actor=user, user=user)
        return Response(ErasureRequestSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={204: None, 404: NOT_ASKED}, operation_id="me_erasure_request_withdraw"
    )
    def delete(self, request: Request) -> Response:
        user: Any = request.user
        waiting = ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()
        if waiting is None:
            raise Http404("You have no waiting erasure request.")
        erasure_request_cancel(actor=user, request=waiting)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SecretariatErasureRequestSerializer(ErasureRequestSerializer):
    class Meta(ErasureRequestSerializer.Meta):
        fields = (*FIELDS, "user", "decline_reason")
        read_only_fields = (*FIELDS, "user", "decline_reason")
        ref_name = "SecretariatErasureRequest"


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=[v for v in ErasureStatus.values if v != "erasing"])
    ]
)
class ErasureRequestListApi(ListAPIView):
    """Erasure requests for the secretariat, soonest due first (``?status=``)."""

    permission_classes = (IsAuthenticated,)
    serializer_class = SecretariatErasureRequestSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema's generation, no reader
            return ErasureRequest.objects.none()
        policy.require(self.request.user, "personal_data.list_requests")
        wanted = self.request.query_params.get("status", "")
        if wanted and wanted not in ErasureStatus.values:
            raise serializers.ValidationError({"status": ["Give one of the listed states."]})
        return erasure_requests(status=wanted)


def _request(pk: int) -> ErasureRequest:
    found = ErasureRequest.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such erasure request.")
    return found


class ErasureRequestConfirmApi(APIView):
    """Confirm a waiting request: the person is erased everywhere at once."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        request=None,
        responses=SecretariatErasureRequestSerializer,
        operation_id="erasure_request_confirm",
    )
    def post(self, request: Request, pk: int) -> Response:
        done = erasure_confirm(actor=request.user, request=_request(pk))
        return Response(SecretariatErasureRequestSerializer(done).data)


class ErasureRequestDeclineApi(APIView):
    """Decline a waiting request with the reason the person receives."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        request=DeclineSerializer,
        responses=SecretariatErasureRequestSerializer,
        operation_id="erasure_request_decline",
    )
    def post(self, request: Request, pk: int) -> Response:
        given = DeclineSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        done = erasure_decline(
            actor=request.user, request=_request(pk), reason=given.validated_data["reason"]
        )
        return Response(SecretariatErasureRequestSerializer(done).data)
