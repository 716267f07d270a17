"""API: initiatives with their funding per currency (public, at the initiative's disclosure
level), pledges (how much each organisation pledged: members-level), and the same use cases as
the pages: creating and editing initiatives (the secretariat), pledging (a representative for
their organisation; the secretariat for a partner alliance), withdrawing and marking paid."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.markdown import render_markdown
from alliance_portal.text_limits import text_input
from governance.actions.models import ActionItem
from governance.common.api import CountryField, ErrorSerializer, choice_field
from governance.decision_log.models import PublishedDecision
from governance.initiatives import selectors, services
from governance.initiatives.models import (
    INITIATIVE_DISCLOSURE_LEVELS,
    MONEY_DIGITS,
    MONEY_PLACES,
    Initiative,
    InitiativeStatus,
    Pledge,
    PledgeStatus,
)
from members.models import Organisation, PartnerAlliance
from members.vocabularies import Material


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, coerce_to_string=True, **kwargs
    )


class CurrencyFundingSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="ISO 4217.")
    budget = _money(allow_null=True, help_text="Set in the budget's currency only.")
    pledged = _money(required=False, help_text="Pledged, not yet paid (members only).")
    paid = _money(required=False, help_text="Paid (members only).")
    total = _money(help_text="Pledged and paid.")
    gap = _money(allow_null=True, help_text="Still missing; in the budget's currency only.")

    class Meta:
        ref_name = "InitiativeCurrencyFunding"

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        if not self.context.get("amounts_visible"):
            # Pledged and paid apart can be one organisation's amount: members-level.
            data.pop("pledged")
            data.pop("paid")
        return data


class InitiativeOutputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", help_text="The page's path.")
    description_html = serializers.SerializerMethodField()
    status = choice_field(InitiativeStatus)
    status_label = serializers.CharField(source="get_status_display")
    disclosure = serializers.CharField(read_only=True, help_text="public or members.")
    lead_organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    lead_organisation_name = serializers.CharField(source="lead_organisation.name")
    budget_amount = _money()
    countries = serializers.SerializerMethodField()
    materials = serializers.ListField(child=serializers.CharField())
    decisions = serializers.SerializerMethodField(help_text="The decisions' log seqs.")
    partner_alliances = serializers.SerializerMethodField(help_text="Partner alliances' slugs.")
    funding = serializers.SerializerMethodField(
        help_text="Per currency, the budget's first; never added across currencies."
    )

    class Meta:
        model = Initiative
        fields = (
            "id",
            "url",
            "title",
            "description",
            "description_html",
            "status",
            "status_label",
            "disclosure",
            "lead_organisation",
            "lead_organisation_name",
            "budget_amount",
            "budget_currency",
            "countries",
            "materials",
            "decisions",
            "partner_alliances",
            "funding",
            "created_at",
            "updated_at",
        )
        ref_name = "Initiative"

    def get_description_html(self, initiative: Initiative) -> str:
        return str(render_markdown(initiative.description))

    def get_countries(self, initiative: Initiative) -> list[str]:
        return [str(code) for code in initiative.countries]

    def get_decisions(self, initiative: Initiative) -> list[int]:
        return [d.pk for d in initiative.decisions.all()]

    def get_partner_alliances(self, initiative: Initiative) -> list[str]:
        return [a.slug for a in initiative.partner_alliances.all()]

    @extend_schema_field(CurrencyFundingSerializer(many=True))
    def get_funding(self, initiative: Initiative) -> Any:
        funding = self.context["funding"][initiative.pk]
        return CurrencyFundingSerializer(funding.currencies, many=True, context=self.context).data


class PledgeSerializer(serializers.ModelSerializer):
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    partner_alliance: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    pledger_name = serializers.CharField()
    amount = _money()
    status = choice_field(PledgeStatus)

    class Meta:
        model = Pledge
        fields = (
            "id",
            "initiative",
            "organisation",
            "partner_alliance",
            "pledger_name",
            "amount",
            "currency",
            "status",
            "due_on",
            "paid_on",
            "pledged_at",
        )
        ref_name = "Pledge"


class InitiativeDetailSerializer(InitiativeOutputSerializer):
    pledged_by = serializers.ListField(
        child=serializers.CharField(), help_text="Who pledged (pledges not withdrawn)."
    )
    pledges = PledgeSerializer(
        many=True,
        required=False,
        help_text="Each pledge with its amount: only for people of member organisations.",
    )
    actions = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Ids of the action items it funds (those you may read).",
    )

    class Meta(InitiativeOutputSerializer.Meta):
        fields = (*InitiativeOutputSerializer.Meta.fields, "pledged_by", "pledges", "actions")  # type: ignore[assignment]
        ref_name = "InitiativeDetail"


def _detail(request: Request, initiative: Initiative) -> dict[str, Any]:
    """The detail answer: ``pledges`` (amounts per organisation) only for members-level
    readers."""
    context = {
        "funding": {initiative.pk: selectors.initiative_funding(initiative=initiative)},
        "amounts_visible": selectors.amounts_visible(request.user),
    }
    rows = selectors.initiative_pledges(user=request.user, initiative=initiative)
    data: dict[str, Any] = {
        **InitiativeOutputSerializer(initiative, context=context).data,
        "pledged_by": selectors.pledgers(rows),
        "actions": [
            action.pk
            for action in selectors.funded_actions(user=request.user, initiative=initiative)
        ],
    }
    if selectors.amounts_visible(request.user):
        data["pledges"] = PledgeSerializer([row.pledge for row in rows], many=True).data
    return data


class InitiativeInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = text_input(Initiative, "description", help_text="Markdown.")
    status = choice_field(InitiativeStatus, required=False, default=InitiativeStatus.PROPOSED)
    disclosure = choice_field(
        [(level.value, level.label) for level in INITIATIVE_DISCLOSURE_LEVELS],
        required=False,
        default="public",
    )
    lead_organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    budget_amount = _money(min_value=0)
    budget_currency = serializers.CharField(max_length=3, help_text="ISO 4217, like EUR.")
    countries = serializers.ListField(child=CountryField(), required=False, default=list)
    materials = serializers.ListField(child=choice_field(Material), required=False, default=list)
    decisions = serializers.PrimaryKeyRelatedField(
        queryset=PublishedDecision.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="Adopted decisions' log seqs.",
    )
    actions = serializers.PrimaryKeyRelatedField(
        queryset=ActionItem.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="Ids of action items of those decisions that it funds.",
    )
    partner_alliances: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PartnerAlliance.objects.all(),
        many=True,
        required=False,
        default=list,
    )

    class Meta:
        ref_name = "InitiativeInput"


class InitiativeListApi(APIView):
    """Initiatives you may read, newest first, each with its funding per currency. ``POST``
    creates one (the secretariat)."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        status = choice_field(InitiativeStatus, required=False)
        country = serializers.CharField(required=False, max_length=2)
        material = choice_field(Material, required=False)
        lead = serializers.SlugField(required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="proposed, funded, running, ..."),
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code"),
            OpenApiParameter("material", str, description="material code"),
            OpenApiParameter("lead", str, description="lead organisation's slug"),
        ],
        responses=InitiativeOutputSerializer(many=True),
        operation_id="initiatives_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        initiatives = selectors.initiative_list(
            user=request.user, **filters.validated_data
        ).prefetch_related("decisions", "partner_alliances")
        paginator = self.pagination_class()
        page = list(paginator.paginate_queryset(initiatives, request, view=self) or [])
        context = {
            "funding": selectors.funding_for(page),
            "amounts_visible": selectors.amounts_visible(request.user),
        }
        return paginator.get_paginated_response(
            InitiativeOutputSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        request=InitiativeInputSerializer,
        responses={201: InitiativeDetailSerializer, 400: ErrorSerializer},
        operation_id="initiatives_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "initiative.manage")
        serializer = InitiativeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        initiative = services.initiative_create(actor=request.user, **serializer.validated_data)
        return Response(
            _detail(request, selectors.initiative_get(user=request.user, pk=initiative.pk)),
            status=201,
        )


class InitiativeDetailApi(APIView):
    """One initiative: its funding per currency, who pledged, and (for people of member
    organisations) each pledge with its amount. ``PATCH`` edits it (the secretariat)."""

    @extend_schema(responses=InitiativeDetailSerializer, operation_id="initiatives_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, selectors.initiative_get(user=request.user, pk=pk)))

    @extend_schema(
        request=InitiativeInputSerializer(partial=True),
        responses={200: InitiativeDetailSerializer, 400: ErrorSerializer},
        operation_id="initiatives_partial_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        initiative = selectors.initiative_get(user=request.user, pk=pk)
        policy.require(request.user, "initiative.manage", initiative)
        serializer = InitiativeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.initiative_update(
            actor=request.user, initiative=initiative, changes=dict(serializer.validated_data)
        )
        return Response(_detail(request, selectors.initiative_get(user=request.user, pk=pk)))


class PledgeListApi(APIView):
    """The pledges towards an initiative with their amounts (people of member organisations).
    ``POST`` pledges: a representative for their own organisation; the secretariat names the
    ``partner_alliance`` whose pledge it records."""

    class InputSerializer(serializers.Serializer):
        amount = _money(min_value=0)
        currency = serializers.CharField(max_length=3, help_text="ISO 4217, like EUR.")
        due_on = serializers.DateField(required=False, allow_null=True, default=None)
        partner_alliance: serializers.RelatedField = serializers.SlugRelatedField(
            slug_field="slug",
            queryset=PartnerAlliance.objects.all(),
            required=False,
            allow_null=True,
            default=None,
            help_text="The secretariat only: the partner alliance that pledged.",
        )

        class Meta:
            ref_name = "PledgeInput"

    @extend_schema(responses=PledgeSerializer(many=True), operation_id="initiatives_pledges_list")
    def get(self, request: Request, pk: int) -> Response:
        initiative = selectors.initiative_get(user=request.user, pk=pk)
        if not selectors.amounts_visible(request.user):
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            raise PermissionDenied("Pledge amounts are for people of member organisations.")
        rows = selectors.initiative_pledges(user=request.user, initiative=initiative)
        return Response(PledgeSerializer([row.pledge for row in rows], many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: PledgeSerializer, 400: ErrorSerializer},
        operation_id="initiatives_pledges_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        initiative = selectors.initiative_get(user=request.user, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        partner = data.pop("partner_alliance")
        if partner is not None:
            pledge = services.partner_pledge_record(
                actor=request.user, initiative=initiative, partner_alliance=partner, **data
            )
        else:
            pledge = services.pledge_make(actor=request.user, initiative=initiative, **data)
        return Response(PledgeSerializer(pledge).data, status=201)


class PledgeWithdrawalApi(APIView):
    """Withdraw a pledge not yet paid: its organisation's representative (a partner
    alliance's: the secretariat)."""

    @extend_schema(
        request=None,
        responses={200: PledgeSerializer, 400: ErrorSerializer},
        operation_id="pledges_withdrawal_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        pledge = selectors.pledge_get(user=request.user, pk=pk)
        return Response(
            PledgeSerializer(services.pledge_withdraw(actor=request.user, pledge=pledge)).data
        )


class PledgePaymentApi(APIView):
    """Record that a pledge's money arrived (the secretariat)."""

    class InputSerializer(serializers.Serializer):
        paid_on = serializers.DateField()

        class Meta:
            ref_name = "PledgePaymentInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: PledgeSerializer, 400: ErrorSerializer},
        operation_id="pledges_payment_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        pledge = selectors.pledge_get(user=request.user, pk=pk)
        policy.require(request.user, "pledge.mark_paid", pledge)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        paid = services.pledge_mark_paid(
            actor=request.user, pledge=pledge, paid_on=serializer.validated_data["paid_on"]
        )
        return Response(PledgeSerializer(paid).data)
