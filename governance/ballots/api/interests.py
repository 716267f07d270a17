"""API: the register of interests."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.api.ballots import _organisation
from governance.ballots.models import (
    InterestDeclaration,
    InterestKind,
)
from governance.common.api import ErrorSerializer, choice_field

# --- the register of interests ------------------------------------------------------------------


class InterestOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(help_text="One of: " + ", ".join(InterestKind.values) + ".")

    class Meta:
        model = InterestDeclaration
        fields = (
            "id",
            "organisation",
            "organisation_name",
            "kind",
            "description",
            "declared_at",
            "ended_at",
            "end_reason",
        )
        ref_name = "InterestDeclaration"


class InterestListApi(APIView):
    """The standing register of interests (public; ``?organisation=<slug>``,
    ``?current=true``). ``POST``: a representative declares an interest of their
    organisation; the secretariat of any (``organisation`` slug)."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        organisation = serializers.SlugField(required=False)
        current = serializers.BooleanField(required=False, default=False)

    class InputSerializer(serializers.Serializer):
        organisation = serializers.CharField(required=False, allow_blank=True, default="")
        kind = choice_field(InterestKind)
        description = text_input(InterestDeclaration, "description")

        class Meta:
            ref_name = "InterestDeclarationInput"

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", str, description="organisation slug"),
            OpenApiParameter("current", bool, description="current interests only"),
        ],
        responses=InterestOutputSerializer(many=True),
        operation_id="interests_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = ballot_selectors.interest_register(
            organisation=filters.validated_data.get("organisation"),
            current_only=filters.validated_data["current"],
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(InterestOutputSerializer(page, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: InterestOutputSerializer, 400: ErrorSerializer},
        operation_id="interests_create",
    )
    def post(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        interest = services.interest_declare(
            actor=request.user,
            organisation=_organisation(data["organisation"]),
            kind=data["kind"],
            description=data["description"],
        )
        return Response(InterestOutputSerializer(interest).data, status=201)


class InterestEndApi(APIView):
    """Record that a registered interest has ended, with the reason (the organisation's
    representative or the secretariat); the entry stays in the register."""

    class InputSerializer(serializers.Serializer):
        reason = text_input(InterestDeclaration, "end_reason", name="reason")

        class Meta:
            ref_name = "InterestEndInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: InterestOutputSerializer, 400: ErrorSerializer},
        operation_id="interests_end_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        interest = InterestDeclaration.objects.select_related("organisation").filter(pk=pk).first()
        if interest is None:
            raise exceptions.NotFound("No such interest in the register.")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interest = services.interest_end(
            actor=request.user, interest=interest, reason=serializer.validated_data["reason"]
        )
        return Response(InterestOutputSerializer(interest).data)
