from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.roles import Role


class MeApi(APIView):
    """The signed-in account: who the API sees you as."""

    permission_classes = (IsAuthenticated,)

    class OutputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        display_name = serializers.CharField()
        role = serializers.ChoiceField(choices=Role.choices)
        organisation_id = serializers.IntegerField(allow_null=True)

        class Meta:
            ref_name = "Me"

    @extend_schema(responses=OutputSerializer, operation_id="me_retrieve")
    def get(self, request: Request) -> Response:
        user: Any = request.user  # IsAuthenticated: never anonymous here
        who = policy.principal(user)
        data = {
            "email": user.email,
            "display_name": user.display_name,
            "role": who.role,
            "organisation_id": who.organisation_id,
        }
        return Response(self.OutputSerializer(data).data)


class TokenApi(ObtainAuthToken):
    """DRF's token view, with the portal's parsers (it names its own, which would let JSON
    nested 1,000 deep through as a RecursionError)."""

    parser_classes = APIView.parser_classes  # REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]
