"""The API's account endpoints: ask for a token, list your tokens, revoke one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import security_events
from alliance_portal.accounts.selectors import tokens_of
from alliance_portal.accounts.services import api_token_issue, api_token_revoke
from alliance_portal.models import ApiToken


class TokenObtainApi(APIView):
    """Exchange your email address and password for a new API token. The key is shown only in
    this answer; it expires at ``expires_at`` and is revoked when your password changes."""

    authentication_classes = ()
    permission_classes = ()
    throttle_scope = "auth-token"

    class InputSerializer(serializers.Serializer):
        username = serializers.EmailField(label="Email address", max_length=254)
        password = serializers.CharField(
            max_length=128, trim_whitespace=False, style={"input_type": "password"}
        )

        class Meta:
            ref_name = "TokenObtainInput"

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()

        class Meta:
            ref_name = "TokenObtain"

    @extend_schema(
        request=InputSerializer, responses=OutputSerializer, operation_id="auth_token_create"
    )
    def post(self, request: Request) -> Response:
        given = self.InputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        user: Any = authenticate(
            request._request,
            username=given.validated_data["username"],
            password=given.validated_data["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                {
                    "non_field_errors": [
                        "Unable to sign in with this email address and password. Check them, "
                        "or reset your password at /accounts/password_reset/."
                    ]
                }
            )
        token, key = api_token_issue(actor=user, user=user)
        # No session is opened, so Django's user_logged_in is not sent: record it here.
        security_events.record_sign_in(request._request, user)
        return Response(self.OutputSerializer({"token": key, "expires_at": token.expires_at}).data)


class TokenListApi(APIView):
    """Your API tokens, newest first (never their keys)."""

    permission_classes = (IsAuthenticated,)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        prefix = serializers.CharField(help_text="The key's first characters.")
        created_at = serializers.DateTimeField()
        expires_at = serializers.DateTimeField()
        revoked_at = serializers.DateTimeField(allow_null=True)
        active = serializers.BooleanField()
        state = serializers.CharField()

        class Meta:
            ref_name = "ApiToken"

    @extend_schema(responses=OutputSerializer(many=True), operation_id="auth_tokens_list")
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(tokens_of(request.user), many=True).data)  # type: ignore[arg-type]


class TokenRevokeApi(APIView):
    """Revoke one of your API tokens (it stops working at once)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None}, operation_id="auth_tokens_destroy")
    def delete(self, request: Request, pk: int) -> Response:
        token = ApiToken.objects.filter(pk=pk, user_id=request.user.pk or 0).select_related("user")
        found = token.first()
        if found is None:
            raise Http404("No such token among yours.")
        api_token_revoke(actor=request.user, token=found)
        return Response(status=status.HTTP_204_NO_CONTENT)
