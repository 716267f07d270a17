"""API: the legal-review hold on an agenda item (competition law): the secretariat holds an
item, counsel releases it; the same use cases as the meeting page's buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.common.api import ErrorSerializer
from governance.meetings import selectors, services
from governance.meetings.models import AgendaItem


class AgendaItemHoldSerializer(serializers.ModelSerializer):
    meeting: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    held = serializers.BooleanField(help_text="Held for legal review now (not yet released).")
    legal_hold_released_by = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = (
            "id",
            "meeting",
            "position",
            "title",
            "held",
            "legal_hold",
            "legal_hold_released_at",
            "legal_hold_released_by",
        )
        ref_name = "AgendaItemHold"

    def get_legal_hold_released_by(self, item: AgendaItem) -> str:
        """Who released the item (the account's name); empty until released."""
        user = item.legal_hold_released_by
        return str(getattr(user, "display_name", "") or user) if user else ""


def _act(request: Request, pk: int, use_case: Callable[..., AgendaItem]) -> Response:
    item = selectors.agenda_item_get(user=request.user, pk=pk)
    changed: Any = use_case(actor=request.user, item=item)
    return Response(AgendaItemHoldSerializer(changed).data)


class AgendaItemHoldApi(APIView):
    """Hold an agenda item for legal review (the secretariat): until counsel releases it, only
    the secretariat sees it."""

    permission_classes = (IsAuthenticated,)  # sign in first; a held item is then 404 to others

    @extend_schema(
        request=None,
        responses={200: AgendaItemHoldSerializer, 400: ErrorSerializer},
        operation_id="meetings_agenda_items_hold_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _act(request, pk, services.agenda_item_hold)


class AgendaItemReleaseApi(APIView):
    """Release an agenda item held for legal review (counsel; the secretariat for now)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        request=None,
        responses={200: AgendaItemHoldSerializer, 400: ErrorSerializer},
        operation_id="meetings_agenda_items_release_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _act(request, pk, services.agenda_item_release_hold)
