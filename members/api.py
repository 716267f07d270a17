"""REST API of the members app. Thin: serializers parse, selectors read, services write, the
access policy decides what each caller sees."""

from __future__ import annotations

from typing import Any

from django_countries.serializer_fields import CountryField as CountriesCountryField
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.api.pagination import PageNumberPagination
from members import selectors, services
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind


@extend_schema_field({"type": "string", "pattern": "^([A-Z]{2})?$", "example": "CD"})
class CountryField(CountriesCountryField):
    """An ISO 3166-1 alpha-2 code (described as such in the schema, not as a 250-value enum)."""


class ChamberOutputSerializer(serializers.ModelSerializer):
    active_members = serializers.IntegerField(read_only=True)

    class Meta:
        model = Chamber
        fields = ("slug", "name", "description", "order", "active_members")
        ref_name = "Chamber"


class ChamberListApi(APIView):
    """The alliance's stakeholder chambers, with their number of active members."""

    @extend_schema(responses=ChamberOutputSerializer(many=True), operation_id="chambers_list")
    def get(self, request: Request) -> Response:
        return Response(ChamberOutputSerializer(selectors.chamber_list(), many=True).data)


class ChamberDetailApi(APIView):
    @extend_schema(responses=ChamberOutputSerializer, operation_id="chambers_retrieve")
    def get(self, request: Request, slug: str) -> Response:
        chamber = get_object_or_404(selectors.chamber_list(), slug=slug)
        return Response(ChamberOutputSerializer(chamber).data)


class OrganisationPublicSerializer(serializers.ModelSerializer):
    chamber: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    headquarters_country = CountryField(allow_blank=True)
    countries_of_operation = serializers.ListField(child=CountryField())

    class Meta:
        model = Organisation
        fields = (
            "slug",
            "name",
            "chamber",
            "kind",
            "membership_status",
            "description",
            "website",
            "headquarters_country",
            "countries_of_operation",
            "joined_on",
        )
        ref_name = "OrganisationPublic"


class OrganisationMemberSerializer(OrganisationPublicSerializer):
    """Adds the members-level contacts."""

    class Meta(OrganisationPublicSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *OrganisationPublicSerializer.Meta.fields,
            "contact_name",
            "contact_email",
            "contact_phone",
        )
        ref_name = "OrganisationWithContacts"


def _organisation_data(request: Request, organisation: Organisation) -> dict[str, Any]:
    shows_contacts = selectors.organisation_shows_contacts(
        user=request.user, organisation=organisation
    )
    serializer_class = (
        OrganisationMemberSerializer if shows_contacts else OrganisationPublicSerializer
    )
    return dict(serializer_class(organisation).data)


ORGANISATION_FILTERS = [
    OpenApiParameter("chamber", str, description="chamber slug"),
    OpenApiParameter("country", str, description="ISO 3166 alpha-2, headquarters or operations"),
    OpenApiParameter("status", str, enum=MembershipStatus.values),
    OpenApiParameter("q", str, description="name contains"),
]


class OrganisationListApi(APIView):
    """Member organisations. Anonymous callers get public fields; members also get contacts."""

    class FilterSerializer(serializers.Serializer):
        chamber = serializers.SlugField(required=False)
        country = serializers.CharField(required=False, max_length=2, min_length=2)
        status = serializers.ChoiceField(choices=MembershipStatus.choices, required=False)
        q = serializers.CharField(required=False, max_length=100)

    @extend_schema(
        parameters=ORGANISATION_FILTERS,
        responses=OrganisationMemberSerializer(many=True),
        operation_id="organisations_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.organisation_list(
            user=request.user,
            chamber=filters.validated_data.get("chamber"),
            country=filters.validated_data.get("country"),
            status=filters.validated_data.get("status"),
            search=filters.validated_data.get("q"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(
            [_organisation_data(request, organisation) for organisation in page]
        )


class OrganisationDetailApi(APIView):
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(required=False, max_length=200)
        chamber = serializers.SlugRelatedField(
            slug_field="slug", queryset=Chamber.objects.all(), required=False
        )
        kind = serializers.ChoiceField(choices=OrganisationKind.choices, required=False)
        membership_status = serializers.ChoiceField(
            choices=MembershipStatus.choices, required=False
        )
        joined_on = serializers.DateField(required=False, allow_null=True)
        description = serializers.CharField(required=False, allow_blank=True)
        website = serializers.URLField(required=False, allow_blank=True)
        headquarters_country = CountryField(required=False, allow_blank=True)
        countries_of_operation = serializers.ListField(child=CountryField(), required=False)
        contact_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
        contact_email = serializers.EmailField(required=False, allow_blank=True)
        contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)

        class Meta:
            ref_name = "OrganisationUpdate"

    @extend_schema(responses=OrganisationMemberSerializer, operation_id="organisations_retrieve")
    def get(self, request: Request, slug: str) -> Response:
        organisation = selectors.organisation_get(user=request.user, slug=slug)
        return Response(_organisation_data(request, organisation))

    @extend_schema(
        request=InputSerializer,
        responses={
            200: OrganisationMemberSerializer,
            400: inline_serializer("ValidationErrors", {"detail": serializers.CharField()}),
        },
        operation_id="organisations_partial_update",
    )
    def patch(self, request: Request, slug: str) -> Response:
        organisation = selectors.organisation_get(user=request.user, slug=slug)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.organisation_update(
            actor=request.user, organisation=organisation, changes=serializer.validated_data
        )
        organisation.refresh_from_db()
        return Response(_organisation_data(request, organisation))
