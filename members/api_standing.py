"""A member's standing as JSON: ``/api/v1/organisations/<slug>/standing/`` and the page's twin
``/members/<slug>/standing.json`` answer the same object, built here from the same parts the
page renders (see alliance_portal.standing). Each part's data goes out through the serializer
it registered, which also documents it in the OpenAPI schema."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.standing import StandingPart, registered_parts
from members import selectors
from members.selectors.standing import Standing, as_of_problem, member_standing


@lru_cache(maxsize=8)
def _parts_serializer(parts: tuple[StandingPart, ...]) -> type[serializers.Serializer]:
    fields: dict[str, Any] = {
        part.key: part.schema(required=False, help_text=part.title)
        if part.schema is not None
        else serializers.DictField(required=False, help_text=part.title)
        for part in parts
    }
    meta = type("Meta", (), {"ref_name": "StandingParts"})
    return type("StandingPartsSerializer", (serializers.Serializer,), {**fields, "Meta": meta})


def parts_serializer() -> type[serializers.Serializer]:
    """One field per registered part; a part with nothing to state is left out."""
    return _parts_serializer(tuple(registered_parts()))


class StandingPartsField(serializers.Field):
    """The stated parts, by key, each through its own serializer."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> dict[str, Any]:
        data = {stated.key: stated.data for stated in value}
        return dict(parts_serializer()(data).data)


class StandingPartsFieldExtension(OpenApiSerializerFieldExtension):
    target_class = StandingPartsField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        component = auto_schema.resolve_serializer(parts_serializer(), direction)
        return component.ref


class StandingOrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url", help_text="Its profile page.")

    class Meta:
        ref_name = "StandingOrganisation"


def standing_url(standing: Standing, name: str = "members:organisation-standing") -> str:
    """The stable address of this standing: the organisation's, for this day."""
    path = reverse(name, kwargs={"slug": standing.organisation.slug})
    return f"{path}?{urlencode({'as_of': standing.as_of.isoformat()})}"


class StandingSerializer(serializers.Serializer):
    organisation = StandingOrganisationSerializer()
    as_of = serializers.DateField(help_text="The day the standing is stated for.")
    url = serializers.SerializerMethodField(help_text="The page stating it, for this day.")
    json_url = serializers.SerializerMethodField(help_text="This JSON, for this day.")
    parts = StandingPartsField(help_text="What each part states, by part.")
    how_computed = serializers.ListField(child=serializers.CharField())

    class Meta:
        ref_name = "MemberStanding"

    def get_url(self, standing: Standing) -> str:
        return standing_url(standing)

    def get_json_url(self, standing: Standing) -> str:
        return standing_url(standing, "members:organisation-standing-json")


def standing_payload(standing: Standing) -> dict[str, Any]:
    """The standing as JSON-able data (dates as ISO 8601 text)."""
    return dict(StandingSerializer(standing).data)


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])

    def validate_as_of(self, value: date) -> date:
        problem = as_of_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return value


AS_OF_ERRORS = inline_serializer(
    "StandingAsOfErrors", {"as_of": serializers.ListField(child=serializers.CharField())}
)


class OrganisationStandingApi(APIView):
    """A member organisation's standing on a day (today unless ``as_of`` says otherwise):
    member since, chamber, agreements accepted, certifications recognised and the decisions
    that name it, recomputed from the records at every call. Public, the same for every
    reader; an applicant's is not published."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "as_of", str, description="the day, YYYY-MM-DD, today or earlier (default today)"
            )
        ],
        responses={200: StandingSerializer, 400: AS_OF_ERRORS},
        operation_id="organisation_standing",
    )
    def get(self, request: Request, slug: str) -> Response:
        organisation = selectors.organisation_get(user=request.user, slug=slug)
        query = AsOfSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        standing = member_standing(organisation=organisation, as_of=as_of)
        return Response(standing_payload(standing))
