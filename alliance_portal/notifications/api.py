"""The API of a person's own notification choices."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.notifications.kinds import KIND_CHOICES, Frequency, Scope
from alliance_portal.notifications.selectors import preferences_of
from alliance_portal.notifications.services import ChoiceInput, notification_preferences_update

SCOPES = [("", "No choice of which ones"), *Scope.choices]


class NotificationPreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    description = serializers.CharField(read_only=True)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    scope = serializers.ChoiceField(
        choices=SCOPES,
        required=False,
        allow_blank=True,
        help_text="For consultations opened: only in your organisation's materials or "
        "countries (mine), or all. Empty for the other kinds.",
    )
    is_default = serializers.BooleanField(read_only=True)

    class Meta:
        ref_name = "NotificationPreference"


class NotificationPreferencesApi(APIView):
    """Your notification choices: for each kind of event, at once (immediate), in the daily or
    weekly digest, or never (none). PATCH changes the kinds you send and leaves the others."""

    permission_classes = (IsAuthenticated,)

    def _answer(self, user: Any) -> Response:
        return Response(NotificationPreferenceSerializer(preferences_of(user.pk), many=True).data)

    @extend_schema(
        responses=NotificationPreferenceSerializer(many=True),
        operation_id="notification_preferences_list",
    )
    def get(self, request: Request) -> Response:
        policy.require(request.user, "notifications.change_preferences", request.user)
        return self._answer(request.user)

    @extend_schema(
        request=NotificationPreferenceSerializer(many=True),
        responses=NotificationPreferenceSerializer(many=True),
        operation_id="notification_preferences_update",
    )
    def patch(self, request: Request) -> Response:
        given = NotificationPreferenceSerializer(data=request.data, many=True)
        given.is_valid(raise_exception=True)
        choices = [
            ChoiceInput(kind=row["kind"], frequency=row["frequency"], scope=row.get("scope", ""))
            for row in given.validated_data
        ]
        # A refused choice is a 400 with its field (alliance_portal.api.exceptions).
        user: Any = request.user  # IsAuthenticated: never anonymous here
        notification_preferences_update(actor=user, user=user, choices=choices)
        return self._answer(request.user)
