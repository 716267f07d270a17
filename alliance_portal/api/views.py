from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class MeApi(APIView):
    """The signed-in account: who the API sees you as."""

    permission_classes = (IsAuthenticated,)

    class OutputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        display_name = serializers.CharField()

        class Meta:
            ref_name = "Me"

    @extend_schema(responses=OutputSerializer, operation_id="me_retrieve")
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(request.user).data)
