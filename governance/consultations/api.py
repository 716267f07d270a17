"""API: comments of a consultation, their moderation, the responses ("you said, we did")
and participation by chamber."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.markdown import render_markdown
from alliance_portal.text_limits import text_input
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from governance.common.api import ErrorSerializer, choice_field
from governance.consultations import selectors as consultation_selectors
from governance.consultations import services
from governance.consultations.models import (
    Comment,
    CommentResponse,
    ResponseOutcome,
)
from governance.consultations.services import ModerationVerdict
from governance.proposals import selectors as proposal_selectors


class CommentResponseOutputSerializer(serializers.ModelSerializer):
    comment: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    outcome = serializers.CharField(
        read_only=True, help_text="accepted, partly_accepted or not_accepted."
    )

    class Meta:
        model = CommentResponse
        fields = ("comment", "outcome", "reason", "responded_at", "updated_at")
        ref_name = "CommentResponse"


class CommentOutputSerializer(serializers.ModelSerializer):
    """A comment as everyone who may see it sees it."""

    author_kind = serializers.CharField(
        read_only=True, help_text="member, reviewer, secretariat or external."
    )
    author_name = serializers.SerializerMethodField(
        help_text="The person, when you may see them; empty otherwise."
    )
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True, default=None
    )
    chamber = serializers.SerializerMethodField(
        help_text="Chamber slug the comment counts in: its member organisation's or its "
        "community group's; null for other authors."
    )
    group = serializers.SerializerMethodField(
        help_text="The community organisation or group (not a member) the input was recorded "
        "for: {name, chamber}; null otherwise."
    )
    channel = serializers.CharField(
        read_only=True,
        help_text="portal, or how the secretariat received it: meeting, phone, letter, radio, "
        "interpreter, email or other.",
    )
    received_as = serializers.CharField(
        read_only=True,
        help_text="In words, for input received outside the portal: “Received by phone on "
        "behalf of …”; empty otherwise.",
    )
    language = serializers.CharField(read_only=True, help_text="Language code: en, fr, es, …")
    status = serializers.CharField(read_only=True, help_text="shown, held or rejected.")
    version = serializers.IntegerField(
        source="version.number",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Number of the version of the text commented on (its paragraph numbers).",
    )
    text_html = serializers.SerializerMethodField(help_text="The text rendered and sanitized.")
    response = CommentResponseOutputSerializer(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Comment
        fields = (
            "id",
            "proposal",
            "parent",
            "version",
            "paragraph",
            "author_kind",
            "author_name",
            "organisation",
            "organisation_name",
            "chamber",
            "group",
            "channel",
            "received_as",
            "language",
            "text",
            "text_html",
            "status",
            "created_at",
            "response",
        )
        ref_name = "ProposalComment"

    def get_chamber(self, comment: Comment) -> str | None:
        chamber = comment.speaker_chamber
        return chamber.slug if chamber is not None else None

    def get_group(self, comment: Comment) -> dict[str, str] | None:
        if comment.group is None:
            return None
        return {"name": comment.group.name, "chamber": comment.group.chamber.slug}

    def get_author_name(self, comment: Comment) -> str:
        names: dict[int, str] = self.context.get("author_names", {})
        return names.get(comment.pk, "")

    def get_text_html(self, comment: Comment) -> str:
        return str(render_markdown(comment.text))


class CommentStaffOutputSerializer(CommentOutputSerializer):
    """Adds the moderation fields and who recorded input received outside the portal, for the
    secretariat."""

    # Not read-only in the schema's sense, so it is not "required" there: the secretariat's
    # answers carry it, nobody else's (it is never written through this serializer).
    recorded_by = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="The secretariat's person who recorded input received outside the portal "
        "(null for a comment posted through the portal, or recorded by an import).",
    )

    class Meta(CommentOutputSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *CommentOutputSerializer.Meta.fields,
            "moderation_reason",
            "moderated_at",
            "recorded_by",
        )
        ref_name = "ProposalCommentWithModeration"


def _comment_data(request: Request, comments: list[Comment], *, many: bool = True) -> Any:
    names = consultation_selectors.comment_author_names(user=request.user, comments=comments)
    moderates = policy.may(request.user, "comment.moderate")
    serializer_class = CommentStaffOutputSerializer if moderates else CommentOutputSerializer
    data = serializer_class(comments, many=True, context={"author_names": names}).data
    return data if many else data[0]


class CommentListApi(APIView):
    """Comments on a proposal: shown ones for everyone who may see the proposal, held and
    rejected ones for the secretariat only. ``POST`` comments (Markdown; ``paragraph`` names a
    numbered paragraph; ``parent`` replies to a top-level comment): members on any consultation
    they can see, external stakeholders only on one open to the public, held for moderation."""

    pagination_class = PageNumberPagination

    class InputSerializer(serializers.Serializer):
        text = text_input(Comment, "text", name="comment")
        paragraph = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        # DRF collects declared fields by name; this one's name is the API's, not Field.parent.
        parent = serializers.IntegerField(required=False, allow_null=True)  # type: ignore[assignment]
        language = choice_field(
            ContentLanguage, required=False, default=SOURCE_LANGUAGE, help_text="Default en."
        )

        class Meta:
            ref_name = "CommentInput"

    @extend_schema(
        responses=CommentStaffOutputSerializer(many=True), operation_id="proposals_comments_list"
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        queryset = consultation_selectors.comment_list(user=request.user, proposal=proposal)
        paginator = self.pagination_class()
        page = list(paginator.paginate_queryset(queryset, request, view=self) or [])
        return paginator.get_paginated_response(_comment_data(request, page))

    @extend_schema(
        request=InputSerializer,
        responses={201: CommentStaffOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_comments_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "comment.post", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = None
        if data.get("parent") is not None:
            parent = (
                consultation_selectors.comment_list(user=request.user, proposal=proposal)
                .filter(pk=data["parent"])
                .first()
            )
            if parent is None:
                raise serializers.ValidationError({"parent": "No such comment on this proposal."})
        comment = services.comment_post(
            actor=request.user,
            proposal=proposal,
            text=data["text"],
            paragraph=data.get("paragraph"),
            parent=parent,
            language=data["language"],
        )
        # The author gets their own comment back, held or not.
        data_out = CommentStaffOutputSerializer(
            comment,
            context={"author_names": {comment.pk: getattr(request.user, "display_name", "")}},
        ).data
        return Response(data_out, status=201)


class CommentModerationApi(APIView):
    """Approve (show) or reject (with a reason) a comment (the secretariat, until the ballot
    opens). The author is told by email."""

    class InputSerializer(serializers.Serializer):
        decision = choice_field(list(ModerationVerdict.CHOICES))
        reason = text_input(
            Comment,
            "moderation_reason",
            name="reason",
            required=False,
            allow_blank=True,
            default="",
        )

        class Meta:
            ref_name = "CommentModerationInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: CommentStaffOutputSerializer, 400: ErrorSerializer},
        operation_id="comments_moderation_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        policy.require(request.user, "comment.moderate")
        comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_moderate(
            actor=request.user, comment=comment, **serializer.validated_data
        )
        return Response(_comment_data(request, [comment], many=False))


class CommentResponseApi(APIView):
    """Record or revise the response to a shown comment (the secretariat, until the ballot
    opens): accepted, partly_accepted or not_accepted, with the reason."""

    class InputSerializer(serializers.Serializer):
        outcome = choice_field(ResponseOutcome)
        reason = text_input(CommentResponse, "reason")

        class Meta:
            ref_name = "CommentResponseInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: CommentResponseOutputSerializer, 400: ErrorSerializer},
        operation_id="comments_response_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        policy.require(request.user, "comment.respond")
        comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        response = services.comment_respond(
            actor=request.user, comment=comment, **serializer.validated_data
        )
        return Response(CommentResponseOutputSerializer(response).data)


class ResponseTableApi(APIView):
    """ "You said, we did": every shown comment of the proposal with its response (or null)."""

    class OutputSerializer(serializers.Serializer):
        comment = serializers.IntegerField(source="pk")
        organisation = serializers.CharField(
            source="organisation.slug", allow_null=True, default=None
        )
        chamber = serializers.CharField(
            source="organisation.chamber.slug", allow_null=True, default=None
        )
        author_kind = serializers.CharField()
        paragraph = serializers.IntegerField(allow_null=True)
        text = serializers.CharField()
        response = CommentResponseOutputSerializer(allow_null=True, default=None)

        class Meta:
            ref_name = "ResponseTableRow"

    @extend_schema(responses=OutputSerializer(many=True), operation_id="proposals_responses_list")
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        rows = consultation_selectors.response_table(proposal=proposal)
        return Response(self.OutputSerializer(rows, many=True).data)


class ChamberParticipationSerializer(serializers.Serializer):
    chamber = serializers.CharField(source="chamber.slug")
    chamber_name = serializers.CharField(source="chamber.name")
    commented = serializers.IntegerField(
        help_text="Member organisations of the chamber with at least one shown comment."
    )
    eligible = serializers.IntegerField(
        help_text="Organisations of the chamber that vote on the body's ballots."
    )
    eligible_commented = serializers.IntegerField()
    groups = serializers.IntegerField(
        help_text="Community groups of the chamber (not members) whose input was recorded."
    )
    offline = serializers.IntegerField(
        help_text="Shown comments of the chamber received outside the portal."
    )

    class Meta:
        ref_name = "ChamberParticipation"


class ExternalParticipationSerializer(serializers.Serializer):
    shown = serializers.IntegerField(source="external_shown")
    held = serializers.IntegerField(source="external_held")
    rejected = serializers.IntegerField(source="external_rejected")

    class Meta:
        ref_name = "ExternalParticipation"


class ParticipationApi(APIView):
    """Participation in the proposal's consultation by chamber: member organisations that
    commented (as the comment list shows), organisations eligible to vote on the body's
    ballots, and external stakeholders' comments by moderation status. The page shows the same
    figures, from the same function."""

    class OutputSerializer(serializers.Serializer):
        on = serializers.DateField()
        chambers = ChamberParticipationSerializer(many=True)
        external = ExternalParticipationSerializer(source="*")

        class Meta:
            ref_name = "ConsultationParticipation"

    @extend_schema(responses=OutputSerializer, operation_id="proposals_participation_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        participation = consultation_selectors.consultation_participation(proposal=proposal)
        return Response(self.OutputSerializer(participation).data)
