"""The consultation API of input received outside the portal and of translations (issue 16):
the secretariat records input on behalf of a community, and adds a proposal's translations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from governance.common.api import ErrorSerializer, choice_field
from governance.consultations import selectors as consultation_selectors
from governance.consultations import services
from governance.consultations.api import CommentStaffOutputSerializer, _comment_data
from governance.consultations.models import (
    OFFLINE_CHANNELS,
    AuthorKind,
    Comment,
    ProposalTranslation,
    text_sha256,
)
from governance.paragraphs import split_paragraphs
from governance.proposals import selectors as proposal_selectors
from members.models import Chamber, Organisation


class ReceivedInputApi(APIView):
    """Record input the secretariat received outside the portal (the secretariat): at a
    meeting, by phone, letter, radio, email or through an interpreter (``channel``), on behalf
    of a member ``organisation`` (slug), a community organisation or group that is not a
    member (``author_kind`` group, ``group_name``, and ``group_chamber`` (slug) the first time
    the group is named), or an external stakeholder (held for moderation). It counts in
    participation by chamber and is answered like any comment."""

    class InputSerializer(serializers.Serializer):
        text = text_input(Comment, "text", name="input")
        channel = choice_field([(c, c) for c in OFFLINE_CHANNELS])
        author_kind = choice_field(
            [(k, k) for k in (AuthorKind.MEMBER, AuthorKind.GROUP, AuthorKind.EXTERNAL)]
        )
        organisation = serializers.SlugRelatedField(
            slug_field="slug",
            queryset=Organisation.objects.all(),
            required=False,
            allow_null=True,
        )
        group_name = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=200
        )
        group_chamber = serializers.SlugRelatedField(
            slug_field="slug", queryset=Chamber.objects.all(), required=False, allow_null=True
        )
        language = choice_field(ContentLanguage, required=False, default=SOURCE_LANGUAGE)
        paragraph = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        received_at = serializers.DateTimeField(required=False, allow_null=True)

        class Meta:
            ref_name = "ReceivedInputInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: CommentStaffOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_received_input_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "comment.record_received", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = services.comment_record_received(
            actor=request.user,
            proposal=proposal,
            text=data["text"],
            author_kind=data["author_kind"],
            organisation=data.get("organisation"),
            group_name=data["group_name"],
            group_chamber=data.get("group_chamber"),
            channel=data["channel"],
            language=data["language"],
            paragraph=data.get("paragraph"),
            received_at=data.get("received_at"),
        )
        return Response(_comment_data(request, [comment], many=False), status=201)


class TranslationOutputSerializer(serializers.ModelSerializer):
    language = serializers.CharField(read_only=True, help_text="fr, es, pt, de, sw, id or zh.")
    language_name = serializers.CharField(source="get_language_display", read_only=True)
    paragraphs = serializers.SerializerMethodField(
        help_text="The translated text's numbered paragraphs: [{number, text}], numbered as "
        "the proposal's."
    )
    outdated = serializers.SerializerMethodField(
        help_text="True when the proposal text changed after it was translated."
    )

    class Meta:
        model = ProposalTranslation
        fields = (
            "language",
            "language_name",
            "title",
            "summary",
            "text",
            "paragraphs",
            "source_sha256",
            "outdated",
            "updated_at",
        )
        ref_name = "ProposalTranslation"

    def get_paragraphs(self, translation: ProposalTranslation) -> list[dict[str, Any]]:
        return [{"number": p.number, "text": p.source} for p in split_paragraphs(translation.text)]

    def get_outdated(self, translation: ProposalTranslation) -> bool:
        return translation.source_sha256 != text_sha256(self.context["source_text"])


class TranslationListApi(APIView):
    """The proposal's translations into the alliance's other languages, paragraph for
    paragraph (whoever may see the proposal)."""

    pagination_class = PageNumberPagination

    @extend_schema(
        responses=TranslationOutputSerializer(many=True),
        operation_id="proposals_translations_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            consultation_selectors.translation_list(proposal=proposal), request, view=self
        )
        data = TranslationOutputSerializer(
            page or [], many=True, context={"source_text": proposal.text}
        ).data
        return paginator.get_paginated_response(data)


class TranslationApi(APIView):
    """Add or replace the proposal's translation into one language (the secretariat): the
    text must have as many numbered paragraphs as the proposal's."""

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200)
        summary = text_input(ProposalTranslation, "summary", required=False, default="")
        text = text_input(ProposalTranslation, "text", name="translated text")

        class Meta:
            ref_name = "ProposalTranslationInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: TranslationOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_translations_update",
    )
    def put(self, request: Request, pk: int, language: str) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.translate", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        translation = services.proposal_translation_save(
            actor=request.user, proposal=proposal, language=language, **serializer.validated_data
        )
        return Response(
            TranslationOutputSerializer(translation, context={"source_text": proposal.text}).data
        )
