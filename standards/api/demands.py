"""REST API of downstream demands: an organisation's own demands in full (its people and the
secretariat), recording and withdrawing them (its representative or the secretariat), and the
aggregated demand anyone may read (how many buyers ask, never which, from 3 up)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import BoundedCharField
from members.selectors import organisation_get
from members.vocabularies import Material
from standards import services
from standards.api.serializers import described_choice_field
from standards.models import Demand, Element, StandardVersion, VersionStatus
from standards.selectors import demands as selectors

VALIDATION_ERRORS = inline_serializer(
    "DemandValidationErrors", {"detail": serializers.CharField(required=False)}
)


class DemandSerializer(serializers.ModelSerializer):
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    material = described_choice_field(Material)
    material_label = serializers.CharField(source="get_material_display", read_only=True)
    standard = serializers.CharField(source="element.version.standard.code", read_only=True)
    version = serializers.CharField(source="element.version.label", read_only=True)
    ref = serializers.CharField(source="element.ref", read_only=True)
    title = serializers.CharField(source="element.title", read_only=True)

    class Meta:
        model = Demand
        ref_name = "Demand"
        fields = (
            "id",
            "organisation",
            "organisation_name",
            "material",
            "material_label",
            "standard",
            "version",
            "ref",
            "title",
            "note",
            "created_at",
        )
        read_only_fields = fields


class DemandCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugField(help_text="the buyer's slug")
    material = described_choice_field(Material)
    standard = serializers.SlugField(
        help_text="the standard's code (the alliance baseline's for baseline requirements)"
    )
    version = serializers.CharField(
        required=False, help_text="the version's label; the current version when left out"
    )
    refs = serializers.ListField(
        child=serializers.CharField(max_length=40),
        min_length=1,
        help_text="the reference codes of the requirements or elements demanded",
    )
    note = BoundedCharField(max_length=2_000, name="note", required=False, allow_blank=True)

    class Meta:
        ref_name = "DemandCreate"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        versions = StandardVersion.objects.select_related("standard").filter(
            standard__code=attrs["standard"]
        )
        if attrs.get("version"):
            versions = versions.filter(label=attrs["version"])
        else:
            versions = versions.filter(status=VersionStatus.CURRENT)
        version = versions.first()
        if version is None:
            raise serializers.ValidationError({"version": "No such version of this standard."})
        found = {
            element.ref: element
            for element in Element.objects.filter(
                version=version, ref__in=attrs["refs"]
            ).select_related("version__standard")
        }
        missing = [ref for ref in attrs["refs"] if ref not in found]
        if missing:
            raise serializers.ValidationError(
                {"refs": f"{version} has no element {', '.join(missing)}."}
            )
        attrs["elements"] = [found[ref] for ref in attrs["refs"]]
        return attrs


class DemandListApi(APIView):
    """The demands you may read: your own organisation's (every one for the secretariat).
    Nobody reads another organisation's demands: see ``/api/v1/demands/aggregate/``."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        organisation = serializers.SlugField(required=False)
        material = serializers.ChoiceField(choices=Material.choices, required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", str, description="organisation slug"),
            OpenApiParameter("material", str, enum=Material.values),
        ],
        responses=DemandSerializer(many=True),
        operation_id="demands_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        organisation = (
            organisation_get(user=request.user, slug=data["organisation"])
            if data.get("organisation")
            else None
        )
        queryset = selectors.demand_list(
            user=request.user, organisation=organisation, material=data.get("material")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(DemandSerializer(page, many=True).data)

    @extend_schema(
        request=DemandCreateSerializer,
        responses={201: DemandSerializer(many=True), 400: VALIDATION_ERRORS},
        operation_id="demands_create",
        description="Record demands of one material; those already recorded are left as they "
        "are. Answers with the demands recorded now.",
    )
    def post(self, request: Request) -> Response:
        serializer = DemandCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = organisation_get(user=request.user, slug=data["organisation"])
        created = services.demand_record(
            actor=request.user,
            organisation=organisation,
            material=data["material"],
            elements=data["elements"],
            note=data.get("note", ""),
        )
        found = selectors.demand_list(user=request.user).filter(
            pk__in=[demand.pk for demand in created]
        )
        return Response(DemandSerializer(found, many=True).data, status=status.HTTP_201_CREATED)


class DemandDetailApi(APIView):
    @extend_schema(responses=DemandSerializer, operation_id="demands_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(DemandSerializer(selectors.demand_get(user=request.user, pk=pk)).data)


class DemandWithdrawApi(APIView):
    """Withdraw demands: the same body as recording them. A demand withdrawn already (or never
    recorded) is no error."""

    @extend_schema(
        request=DemandCreateSerializer,
        responses={
            200: inline_serializer("DemandsWithdrawn", {"withdrawn": serializers.IntegerField()}),
            400: VALIDATION_ERRORS,
        },
        operation_id="demands_withdraw",
    )
    def post(self, request: Request) -> Response:
        serializer = DemandCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = organisation_get(user=request.user, slug=data["organisation"])
        withdrawn = services.demand_withdraw(
            actor=request.user,
            organisation=organisation,
            material=data["material"],
            elements=data["elements"],
        )
        return Response({"withdrawn": withdrawn})


class DemandCellSerializer(serializers.Serializer):
    standard = serializers.CharField(source="element.version.standard.code")
    version = serializers.CharField(source="element.version.label")
    ref = serializers.CharField(source="element.ref")
    title = serializers.CharField(source="element.title")
    buyers = serializers.IntegerField(
        allow_null=True, help_text="How many buyers ask; null when fewer than 3 do."
    )
    buyers_text = serializers.CharField(help_text='In words, e.g. "fewer than 3 buyers".')

    class Meta:
        ref_name = "DemandCell"


class MaterialDemandSerializer(serializers.Serializer):
    material = serializers.CharField()
    material_label = serializers.CharField(source="label")
    declared = serializers.BooleanField(help_text="Your organisation declared this material.")
    baseline = DemandCellSerializer(many=True, help_text="Every baseline requirement.")
    others = DemandCellSerializer(
        many=True, help_text="Elements of other standards asked by 3 buyers or more."
    )

    class Meta:
        ref_name = "MaterialDemand"


class DemandAggregateSerializer(serializers.Serializer):
    threshold = serializers.IntegerField(help_text="The fewest buyers a published count has.")
    baseline = serializers.CharField(source="baseline_label", allow_null=True)
    materials = MaterialDemandSerializer(many=True)

    class Meta:
        ref_name = "DemandAggregate"


class DemandAggregateApi(APIView):
    """Aggregated downstream demand, for anyone: per requirement (or standard element) and
    material, how many buyers ask, never which, and only where at least 3 ask."""

    class FilterSerializer(serializers.Serializer):
        material = serializers.ChoiceField(choices=Material.choices, required=False)

    @extend_schema(
        parameters=[OpenApiParameter("material", str, enum=Material.values)],
        responses=DemandAggregateSerializer,
        operation_id="demands_aggregate",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        aggregate = selectors.demand_aggregate(
            user=request.user, material=filters.validated_data.get("material")
        )
        return Response(DemandAggregateSerializer(aggregate).data)
