"""API: proposals, their lifecycle and their impact assessments."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from governance.bodies.models import Body
from governance.common.api import CountryField, ErrorSerializer, choice_field
from governance.objectives.models import Issue, Objective
from governance.paragraphs import split_paragraphs
from governance.proposals import selectors, services
from governance.proposals.api_inputs import (
    PROPOSAL_DISCLOSURE,
    DraftInputSerializer,
    TablingSerializer,
    proposal_input,
)
from governance.proposals.models import (
    Confidence,
    CostEntry,
    CostKind,
    Dimension,
    Horizon,
    ImpactAssessment,
    ImpactOption,
    Magnitude,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)
from members.models import Organisation
from members.vocabularies import Material


class ConsultationSerializer(serializers.Serializer):
    opens_at = serializers.DateTimeField(source="consultation_opens_at", allow_null=True)
    closes_at = serializers.DateTimeField(source="consultation_closes_at", allow_null=True)
    public = serializers.BooleanField(
        source="consultation_public", help_text="External stakeholders may comment (moderated)."
    )
    opened_at = serializers.DateTimeField(source="consultation_opened_at", allow_null=True)
    closed_at = serializers.DateTimeField(source="consultation_closed_at", allow_null=True)
    is_open = serializers.BooleanField(source="consultation_is_open")

    class Meta:
        ref_name = "ProposalConsultation"


class ProposalOutputSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(ProposalStatus.values) + "."
    )
    disclosure = serializers.CharField(read_only=True, help_text="public or members.")
    body: serializers.RelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    proposed_by: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    objectives: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    issues: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    countries = serializers.ListField(child=CountryField(), read_only=True)
    materials = serializers.ListField(child=serializers.CharField(), read_only=True)
    consultation = ConsultationSerializer(source="*", read_only=True)
    tabling = TablingSerializer(source="*", read_only=True)
    url = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text="The page's path on the portal."
    )

    class Meta:
        model = Proposal
        fields = (
            "id",
            "url",
            "title",
            "summary",
            "status",
            "disclosure",
            "body",
            "proposed_by",
            "objectives",
            "issues",
            "countries",
            "materials",
            "consultation",
            "tabling",
            "created_at",
            "updated_at",
        )
        ref_name = "Proposal"


class ProposalListOutputSerializer(ProposalOutputSerializer):
    shown_comments = serializers.IntegerField(read_only=True)

    class Meta(ProposalOutputSerializer.Meta):
        fields = (*ProposalOutputSerializer.Meta.fields, "shown_comments")  # type: ignore[assignment]
        ref_name = "ProposalListItem"


class ParagraphSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField(source="source", help_text="Markdown source.")

    class Meta:
        ref_name = "ProposalParagraph"


class StatusChangeSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    changed_at = serializers.DateTimeField()

    class Meta:
        ref_name = "ProposalStatusChange"


class ProposalDetailOutputSerializer(ProposalOutputSerializer):
    text = serializers.CharField(read_only=True)
    paragraphs = serializers.SerializerMethodField()
    story = serializers.SerializerMethodField()

    class Meta(ProposalOutputSerializer.Meta):
        fields = (*ProposalOutputSerializer.Meta.fields, "text", "paragraphs", "story")  # type: ignore[assignment]
        ref_name = "ProposalDetail"

    @extend_schema_field(ParagraphSerializer(many=True))
    def get_paragraphs(self, proposal: Proposal) -> list[dict[str, Any]]:
        return [dict(ParagraphSerializer(p).data) for p in split_paragraphs(proposal.text)]

    @extend_schema_field(StatusChangeSerializer(many=True))
    def get_story(self, proposal: Proposal) -> list[dict[str, Any]]:
        return [
            dict(StatusChangeSerializer(change).data)
            for change in selectors.proposal_story(proposal=proposal)
        ]


PROPOSAL_FILTERS = [
    OpenApiParameter("body", str, description="body slug"),
    OpenApiParameter("status", str, description="one of: " + ", ".join(ProposalStatus.values)),
    OpenApiParameter("objective", str, description="objective slug"),
    OpenApiParameter("country", str, description="ISO 3166 alpha-2"),
    OpenApiParameter("material", str, description="one of: " + ", ".join(Material.values)),
    OpenApiParameter("q", str, description="search in title, summary and text"),
]


class ProposalInputSerializer(serializers.Serializer):
    body: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all()
    )
    title = serializers.CharField(max_length=200)
    summary = text_input(Proposal, "summary")
    text = text_input(Proposal, "text", help_text="Markdown; each top-level paragraph is numbered.")
    disclosure = choice_field(PROPOSAL_DISCLOSURE, required=False)
    objectives: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Objective.objects.all(), many=True, required=False
    )
    issues: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        queryset=Issue.objects.all(), many=True, required=False
    )
    countries = serializers.ListField(child=CountryField(), required=False)
    materials = serializers.ListField(child=choice_field(Material), required=False)
    proposed_by: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    consultation_opens_at = serializers.DateTimeField(required=False, allow_null=True)
    consultation_closes_at = serializers.DateTimeField(required=False, allow_null=True)
    consultation_public = serializers.BooleanField(required=False)

    class Meta:
        ref_name = "ProposalInput"


class ProposalListApi(APIView):
    """Proposals you may see, open consultations first, with who tabled each and its
    co-sponsors by chamber. ``POST``: the secretariat's proposal, or a representative's draft
    for their organisation (``ProposalDraftInput``)."""

    throttle_scope = "search"
    throttle_methods = ("GET",)
    throttle_only_with = ("q",)

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        body = serializers.SlugField(required=False)
        status = choice_field(ProposalStatus, required=False)
        objective = serializers.SlugField(required=False)
        country = serializers.CharField(required=False, max_length=2, min_length=2)
        material = choice_field(Material, required=False)
        q = serializers.CharField(required=False, max_length=100)

    @extend_schema(
        parameters=PROPOSAL_FILTERS,
        responses=ProposalListOutputSerializer(many=True),
        operation_id="proposals_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        queryset = selectors.proposal_list(
            user=request.user,
            body=data.get("body"),
            status=data.get("status"),
            objective=data.get("objective"),
            country=data.get("country"),
            material=data.get("material"),
            search=data.get("q"),
        ).prefetch_related("objectives", "issues")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        selectors.with_sponsors(page)
        return paginator.get_paginated_response(ProposalListOutputSerializer(page, many=True).data)

    @extend_schema(
        request=proposal_input(ProposalInputSerializer, "ProposalCreateInput"),
        responses={201: ProposalDetailOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_create",
    )
    def post(self, request: Request) -> Response:
        if not policy.may(request.user, "proposal.create"):
            policy.require(request.user, "proposal.draft")
            draft = DraftInputSerializer(data=request.data)
            draft.is_valid(raise_exception=True)
            proposal = services.proposal_draft(actor=request.user, **draft.validated_data)
            return Response(ProposalDetailOutputSerializer(proposal).data, status=201)
        serializer = ProposalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = services.proposal_create(actor=request.user, **serializer.validated_data)
        return Response(ProposalDetailOutputSerializer(proposal).data, status=201)


class ProposalDetailApi(APIView):
    """One proposal with its numbered paragraphs and its story. ``PATCH``: the secretariat
    (the text only of its own drafts), or the author organisation's people their draft
    (``ProposalDraftInput``; a new wording releases its co-sponsorships)."""

    @extend_schema(responses=ProposalDetailOutputSerializer, operation_id="proposals_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        return Response(ProposalDetailOutputSerializer(proposal).data)

    @extend_schema(
        request=proposal_input(ProposalInputSerializer, "ProposalUpdateInput", partial=True),
        responses={200: ProposalDetailOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_partial_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        if policy.may(request.user, "proposal.edit_draft", proposal):
            draft = DraftInputSerializer(data=request.data, partial=True)
            draft.is_valid(raise_exception=True)
            changes = draft.validated_data
            services.proposal_draft_update(actor=request.user, proposal=proposal, changes=changes)
        else:
            policy.require(request.user, "proposal.edit", proposal)
            serializer = ProposalInputSerializer(data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            changes = serializer.validated_data
            services.proposal_update(actor=request.user, proposal=proposal, changes=changes)
        return Response(
            ProposalDetailOutputSerializer(selectors.proposal_get(user=request.user, pk=pk)).data
        )


class ProposalTransitionApi(APIView):
    """Move a proposal along its lifecycle (the secretariat): draft → consultation →
    deliberation → voting, or withdrawn (with a reason). Results come from the ballot's tally.
    A refused step answers 400 with the reason and changes nothing."""

    class InputSerializer(serializers.Serializer):
        to_status = choice_field(ProposalStatus)
        reason = text_input(
            ProposalStatusChange, "reason", required=False, allow_blank=True, default=""
        )

        class Meta:
            ref_name = "ProposalTransitionInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: ProposalDetailOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_transitions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.advance", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_transition(
            actor=request.user,
            proposal=proposal,
            to_status=serializer.validated_data["to_status"],
            reason=serializer.validated_data["reason"],
        )
        return Response(
            ProposalDetailOutputSerializer(selectors.proposal_get(user=request.user, pk=pk)).data
        )


# --- impact assessment -------------------------------------------------------------------------


class ImpactOptionSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = text_input(
        ImpactOption, "description", required=False, allow_blank=True, default=""
    )
    is_chosen = serializers.BooleanField(required=False, default=False)

    class Meta:
        ref_name = "ImpactOption"


class ImpactCostSerializer(serializers.Serializer):
    kind = choice_field(CostKind)
    dimension = choice_field(Dimension)
    borne_by = serializers.CharField(max_length=300, help_text="Who bears it.")
    magnitude = choice_field(Magnitude)
    amount = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True, default=None
    )
    currency = serializers.CharField(
        max_length=3, required=False, allow_blank=True, default="", help_text="ISO 4217."
    )
    horizon = choice_field(Horizon)
    confidence = choice_field(Confidence)
    description = text_input(
        CostEntry, "description", name="explanation", required=False, allow_blank=True, default=""
    )

    class Meta:
        ref_name = "ImpactCost"


class ImpactAssessmentOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    options = ImpactOptionSerializer(many=True, read_only=True)
    costs = ImpactCostSerializer(many=True, read_only=True)

    class Meta:
        model = ImpactAssessment
        fields = ("proposal", "options", "rationale", "trade_offs", "costs", "updated_at")
        ref_name = "ImpactAssessment"


class ImpactAssessmentApi(APIView):
    """A proposal's impact assessment (404 while it has none). ``PUT`` records it whole (the
    secretariat, until the ballot opens): at least two options with exactly one chosen, and for
    both ``action`` and ``inaction`` one cost per dimension (economic, social, environmental)."""

    class InputSerializer(serializers.Serializer):
        rationale = text_input(
            ImpactAssessment, "rationale", help_text="Why the chosen option (Markdown)."
        )
        trade_offs = text_input(
            ImpactAssessment,
            "trade_offs",
            name="trade-offs",
            help_text="What is given up, by whom (Markdown).",
        )
        options = ImpactOptionSerializer(many=True)
        costs = ImpactCostSerializer(many=True)

        class Meta:
            ref_name = "ImpactAssessmentInput"

    @extend_schema(
        responses=ImpactAssessmentOutputSerializer,
        operation_id="proposals_impact_assessment_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        assessment = selectors.impact_assessment_of(proposal=proposal)
        if assessment is None:
            return Response({"detail": "This proposal has no impact assessment yet."}, status=404)
        return Response(ImpactAssessmentOutputSerializer(assessment).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: ImpactAssessmentOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_impact_assessment_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "impact_assessment.save", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.impact_assessment_save(
            actor=request.user,
            proposal=proposal,
            rationale=data["rationale"],
            trade_offs=data["trade_offs"],
            options=[services.OptionInput(**option) for option in data["options"]],
            costs=[
                services.CostInput(**{**cost, "currency": cost["currency"].upper()})
                for cost in data["costs"]
            ],
        )
        assessment = selectors.impact_assessment_of(proposal=proposal)
        return Response(ImpactAssessmentOutputSerializer(assessment).data)
