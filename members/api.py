"""REST API of the members app. Thin: serializers parse, selectors read, services write, the
access policy decides what each caller sees."""

from __future__ import annotations

from typing import Any

from django_countries.serializer_fields import CountryField as CountriesCountryField
from drf_spectacular.openapi import AutoSchema
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

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.directory import directory_filters
from alliance_portal.text_limits import text_input
from members import selectors, services
from members.models import (
    Chamber,
    FocusCountry,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PartnerAlliance,
    StakeholderGroup,
)
from members.vocabularies import Material, Sector, ValueChainStage


@extend_schema_field({"type": "string", "pattern": "^[A-Z]{2}$", "example": "CD"})
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
            "value_chain_stages",
            "sectors",
            "materials",
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


def _directory_values(request: Request) -> dict[str, str]:
    """The registered directory filters' values in the query, each checked against its
    choices (a 400 naming the parameter otherwise)."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for item in directory_filters():
        value = request.query_params.get(item.key, "")
        if not value:
            continue
        if value not in dict(item.choices()):
            errors[item.key] = f"“{value[:40]}” is not a valid choice."
        values[item.key] = value
    if errors:
        raise serializers.ValidationError(errors)
    return values


ORGANISATION_FILTERS = [
    OpenApiParameter("chamber", str, description="chamber slug"),
    OpenApiParameter("kind", str, enum=OrganisationKind.values),
    OpenApiParameter("country", str, description="ISO 3166 alpha-2, headquarters or operations"),
    OpenApiParameter("stage", str, enum=ValueChainStage.values),
    OpenApiParameter("sector", str, enum=Sector.values),
    OpenApiParameter("material", str, enum=Material.values),
    OpenApiParameter("status", str, enum=MembershipStatus.values),
    OpenApiParameter("q", str, description="name or description contains"),
]


class DirectorySchema(AutoSchema):
    """Documents the directory filters higher apps register (``alliance_portal.directory``),
    read when the schema is generated, after every app has registered its own."""

    def get_override_parameters(self) -> list[Any]:
        return [
            *super().get_override_parameters(),
            *(
                OpenApiParameter(item.key, str, description=item.description)
                for item in directory_filters()
            ),
        ]


def _with_directory_filters(method: Any) -> Any:
    """Document the registered directory filters too (``extend_schema`` above builds on the
    schema class a method names)."""
    method.schema = DirectorySchema
    return method


class OrganisationListApi(APIView):
    """Member organisations. Anonymous callers get public fields; members also get contacts."""

    throttle_scope = "search"
    throttle_only_with = ("q",)
    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(serializers.Serializer):
        chamber = serializers.SlugField(required=False)
        kind = serializers.ChoiceField(choices=OrganisationKind.choices, required=False)
        country = serializers.CharField(required=False, max_length=2, min_length=2)
        stage = serializers.ChoiceField(choices=ValueChainStage.choices, required=False)
        sector = serializers.ChoiceField(choices=Sector.choices, required=False)
        material = serializers.ChoiceField(choices=Material.choices, required=False)
        status = serializers.ChoiceField(choices=MembershipStatus.choices, required=False)
        q = serializers.CharField(required=False, max_length=100)

    @extend_schema(
        parameters=ORGANISATION_FILTERS,
        responses=OrganisationMemberSerializer(many=True),
        operation_id="organisations_list",
    )
    @_with_directory_filters
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = dict(filters.validated_data)
        extra = _directory_values(request)
        queryset = selectors.organisation_list(
            user=request.user, search=data.pop("q", None), extra=extra, **data
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
        description = text_input(Organisation, "description", required=False, allow_blank=True)
        website = serializers.URLField(required=False, allow_blank=True)
        headquarters_country = CountryField(required=False, allow_blank=True)
        countries_of_operation = serializers.ListField(child=CountryField(), required=False)
        value_chain_stages = serializers.ListField(
            child=serializers.ChoiceField(choices=ValueChainStage.choices), required=False
        )
        sectors = serializers.ListField(
            child=serializers.ChoiceField(choices=Sector.choices), required=False
        )
        materials = serializers.ListField(
            child=serializers.ChoiceField(choices=Material.choices), required=False
        )
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
            # ``detail``, or each field named with its messages.
            400: inline_serializer(
                "ValidationErrors", {"detail": serializers.CharField(required=False)}
            ),
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


class StakeholderGroupOutputSerializer(serializers.ModelSerializer):
    chamber: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    countries = serializers.ListField(child=CountryField())
    is_critical = serializers.BooleanField(read_only=True)
    organisations: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    partner_alliances: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = StakeholderGroup
        fields = (
            "id",
            "name",
            "description",
            "chamber",
            "countries",
            "value_chain_stages",
            "materials",
            "influence",
            "impact",
            "is_critical",
            "engagement",
            "organisations",
            "partner_alliances",
        )
        ref_name = "StakeholderGroup"


class StakeholderGroupListApi(APIView):
    """The stakeholder map (members-level): groups with influence, impact and engagement."""

    @extend_schema(
        responses=StakeholderGroupOutputSerializer(many=True),
        operation_id="stakeholder_groups_list",
    )
    def get(self, request: Request) -> Response:
        policy.require(request.user, "stakeholder_map.read")
        groups = selectors.stakeholder_group_list()
        return Response(StakeholderGroupOutputSerializer(groups, many=True).data)


class PartnerAllianceOutputSerializer(serializers.ModelSerializer):
    chambers: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    countries = serializers.ListField(child=CountryField())

    class Meta:
        model = PartnerAlliance
        fields = (
            "slug",
            "name",
            "website",
            "description",
            "sectors",
            "chambers",
            "value_chain_stages",
            "materials",
            "countries",
            "cooperation_agreed_on",
        )
        ref_name = "PartnerAlliance"


class PartnerAllianceMemberSerializer(PartnerAllianceOutputSerializer):
    class Meta(PartnerAllianceOutputSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *PartnerAllianceOutputSerializer.Meta.fields,
            "liaison_name",
            "liaison_email",
        )
        ref_name = "PartnerAllianceWithLiaison"


class PartnerAllianceListApi(APIView):
    """Partner alliances; members also get the liaison contact."""

    @extend_schema(
        responses=PartnerAllianceMemberSerializer(many=True), operation_id="partner_alliances_list"
    )
    def get(self, request: Request) -> Response:
        serializer_class = (
            PartnerAllianceMemberSerializer
            if selectors.partner_alliance_shows_liaison(request.user)
            else PartnerAllianceOutputSerializer
        )
        return Response(serializer_class(selectors.partner_alliance_list(), many=True).data)


class CoverageApi(APIView):
    """The coverage matrix (chamber × value-chain stage) and the gaps, as on /members/coverage/."""

    class FilterSerializer(serializers.Serializer):
        material = serializers.ChoiceField(choices=Material.choices, required=False)
        country = serializers.CharField(required=False, max_length=2, min_length=2)

    class OutputSerializer(serializers.Serializer):
        class CellSerializer(serializers.Serializer):
            chamber = serializers.CharField(source="chamber.slug")
            stage = serializers.CharField()
            members = serializers.IntegerField()
            partners = serializers.IntegerField()

            class Meta:
                ref_name = "CoverageCell"

        class GapSerializer(serializers.Serializer):
            kind = serializers.CharField()
            subject = serializers.CharField()
            missing = serializers.CharField()

            class Meta:
                ref_name = "CoverageGap"

        material = serializers.CharField(allow_null=True)
        country = serializers.CharField(allow_null=True)
        cells = CellSerializer(many=True)
        gaps = GapSerializer(many=True)

        class Meta:
            ref_name = "Coverage"

    @extend_schema(
        parameters=[
            OpenApiParameter("material", str, enum=Material.values),
            OpenApiParameter("country", str, description="ISO 3166 alpha-2"),
        ],
        responses=OutputSerializer,
        operation_id="coverage_retrieve",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        matrix = selectors.coverage_matrix(**filters.validated_data)
        data = {
            "material": matrix.material,
            "country": matrix.country,
            "cells": [cell for _chamber, cells in matrix.rows for cell in cells],
            "gaps": matrix.gaps,
        }
        return Response(self.OutputSerializer(data).data)


class CountryOutputSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="country.code")
    name = serializers.CharField(source="country.name")

    class Meta:
        model = FocusCountry
        fields = ("code", "name", "role", "summary")
        ref_name = "Country"


class CountryDetailSerializer(serializers.Serializer):
    country = CountryOutputSerializer()
    members = serializers.ListField(child=serializers.SlugField(), help_text="organisation slugs")
    government_members = serializers.ListField(child=serializers.SlugField())
    partner_alliances = serializers.ListField(child=serializers.SlugField())
    critical_groups = serializers.ListField(
        child=serializers.IntegerField(), help_text="stakeholder group ids"
    )
    risk_notes = inline_serializer(
        "CountryRiskNote",
        {
            "title": serializers.CharField(),
            "designation": serializers.CharField(),
            "designated_by": serializers.CharField(),
            "source": serializers.CharField(help_text="A URL, or empty."),
            "noted_on": serializers.DateField(),
            "note": serializers.CharField(),
            "disclosure": serializers.CharField(),
        },
        many=True,
    )

    class Meta:
        ref_name = "CountryPage"


class CountryListApi(APIView):
    """The countries the alliance works in."""

    @extend_schema(responses=CountryOutputSerializer(many=True), operation_id="countries_list")
    def get(self, request: Request) -> Response:
        return Response(CountryOutputSerializer(selectors.focus_country_list(), many=True).data)


class CountryDetailApi(APIView):
    """One country: members, government members, partner alliances, critical groups, risk notes
    (those this caller may read)."""

    @extend_schema(responses=CountryDetailSerializer, operation_id="countries_retrieve")
    def get(self, request: Request, iso2: str) -> Response:
        page = selectors.country_page(user=request.user, code=iso2)
        data = {
            "country": page.country,
            "members": [o.slug for o in page.members],
            "government_members": [o.slug for o in page.government_members],
            "partner_alliances": [a.slug for a in page.partner_alliances],
            "critical_groups": [g.pk for g in page.critical_groups],
            "risk_notes": page.risk_notes,
        }
        return Response(CountryDetailSerializer(data).data)
