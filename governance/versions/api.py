"""API: a proposal's versions, the redline between two, publishing a revised version, naming
what an accepted response changed, and a further consultation round."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer
from governance.consultations.models import CommentResponse
from governance.proposals import selectors as proposal_selectors
from governance.versions import selectors, services
from governance.versions.models import ProposalVersion


class VersionOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    note = serializers.CharField(read_only=True, help_text="What changed (empty for version 1).")
    sha256 = serializers.CharField(
        read_only=True,
        help_text="sha256 (lowercase hex) of `text` encoded as UTF-8: recompute it to check.",
    )

    class Meta:
        model = ProposalVersion
        fields = (
            "proposal",
            "number",
            "title",
            "summary",
            "text",
            "sha256",
            "note",
            "author_agreed",
            "published_at",
        )
        ref_name = "ProposalVersion"


class VersionListApi(APIView):
    """The versions of a proposal, oldest first (whoever may read the proposal). ``POST``
    publishes a revised version (the secretariat, while the proposal is in deliberation);
    ``changes`` maps the id of a comment whose response accepted it to the paragraphs of the
    new text it changed."""

    pagination_class = PageNumberPagination

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, required=False)
        summary = text_input(ProposalVersion, "summary", required=False)
        text = text_input(ProposalVersion, "text")
        note = text_input(ProposalVersion, "note")
        author_agreed = serializers.BooleanField(
            required=False,
            default=False,
            help_text="A member-tabled proposal: its author organisation agreed this text.",
        )
        changes = serializers.DictField(
            child=serializers.ListField(child=serializers.IntegerField(min_value=1)),
            required=False,
            default=dict,
            help_text='Comment id → paragraph numbers of the new text, e.g. {"12": [2, 4]}.',
        )

        class Meta:
            ref_name = "ProposalVersionInput"

    @extend_schema(
        responses=VersionOutputSerializer(many=True), operation_id="proposals_versions_list"
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.version_list(proposal=proposal), request, view=self
        )
        return paginator.get_paginated_response(VersionOutputSerializer(page, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: VersionOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_versions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.publish_version", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        changes: dict[int, list[int]] = {}
        for comment_id, paragraphs in data["changes"].items():
            response = CommentResponse.objects.filter(
                comment_id=_int(comment_id, "changes"), comment__proposal=proposal
            ).first()
            if response is None:
                raise serializers.ValidationError(
                    {"changes": f"Comment {comment_id} of this proposal has no response."}
                )
            changes[response.pk] = paragraphs
        version = services.version_publish(
            actor=request.user,
            proposal=proposal,
            title=data.get("title"),
            summary=data.get("summary"),
            text=data["text"],
            note=data["note"],
            author_agreed=data["author_agreed"],
            changes=changes,
        )
        return Response(VersionOutputSerializer(version).data, status=201)


def _int(value: Any, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise serializers.ValidationError({field: f"“{value}” is not a comment id."}) from None


class VersionDetailApi(APIView):
    """One version of a proposal."""

    @extend_schema(responses=VersionOutputSerializer, operation_id="proposals_versions_retrieve")
    def get(self, request: Request, pk: int, number: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        version = selectors.version_get(proposal=proposal, number=number)
        return Response(VersionOutputSerializer(version).data)


class ParagraphRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    source = serializers.CharField(help_text="The paragraph's Markdown.")  # type: ignore[assignment]

    class Meta:
        ref_name = "VersionParagraph"


class RedlineRowSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="unchanged, changed, added or removed.")
    old = ParagraphRefSerializer(allow_null=True)
    new = ParagraphRefSerializer(allow_null=True)
    html = serializers.CharField(help_text="The paragraph with <del> and <ins> marks (escaped).")
    changed_by_comments = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Comments whose accepted response changed the new paragraph.",
    )

    class Meta:
        ref_name = "RedlineRow"


class ResponseCheckSerializer(serializers.Serializer):
    comment = serializers.IntegerField(source="comment.pk")
    outcome = serializers.CharField(source="response.outcome")
    paragraphs = serializers.ListField(child=serializers.IntegerField())
    unchanged = serializers.ListField(
        child=serializers.IntegerField(), help_text="Named paragraphs identical in both versions."
    )
    warning = serializers.CharField(help_text="Empty when the response changed something.")

    class Meta:
        ref_name = "ResponseCheck"


class VersionCompareApi(APIView):
    """The paragraph-level redline between two versions (``old`` and ``new``, by number; by
    default the previous and the current one), with the accepted responses the new version
    answers when it follows the old one directly."""

    class OutputSerializer(serializers.Serializer):
        old = serializers.IntegerField(source="old.number")
        new = serializers.IntegerField(source="new.number")
        rows = serializers.SerializerMethodField()
        checks = ResponseCheckSerializer(many=True)

        class Meta:
            ref_name = "VersionComparison"

        @extend_schema_field(RedlineRowSerializer(many=True))
        def get_rows(self, comparison: selectors.Comparison) -> list[dict[str, Any]]:
            return [
                {
                    "kind": row.kind,
                    "old": {"number": row.old.number, "source": row.old.source}
                    if row.old
                    else None,
                    "new": {"number": row.new.number, "source": row.new.source}
                    if row.new
                    else None,
                    "html": str(row.html),
                    "changed_by_comments": [c.pk for c in comments],
                }
                for row, comments in comparison.entries
            ]

    @extend_schema(
        parameters=[
            OpenApiParameter("old", int, description="Version number to compare from."),
            OpenApiParameter("new", int, description="Version number to compare with."),
        ],
        responses={200: OutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_versions_compare",
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        numbers = list(proposal.versions.order_by("number").values_list("number", flat=True))
        if not numbers:
            raise serializers.ValidationError({"detail": "The proposal has no versions yet."})
        chosen = {
            "old": request.query_params.get("old", numbers[-2] if len(numbers) > 1 else 1),
            "new": request.query_params.get("new", numbers[-1]),
        }
        found = {}
        for key, value in chosen.items():
            found[key] = selectors.version_get(proposal=proposal, number=_int(value, key))
        comparison = selectors.version_compare(old=found["old"], new=found["new"])
        return Response(self.OutputSerializer(comparison).data)


class ResponseChangesApi(APIView):
    """Name the paragraphs of version ``number`` that the response to comment ``comment``
    changed (the secretariat, until the ballot opens); replaces what was named."""

    class InputSerializer(serializers.Serializer):
        paragraphs = serializers.ListField(child=serializers.IntegerField(min_value=1))

        class Meta:
            ref_name = "ResponseChangesInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: InputSerializer, 400: ErrorSerializer},
        operation_id="proposals_versions_response_changes_update",
    )
    def put(self, request: Request, pk: int, number: int, comment: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        version = selectors.version_get(proposal=proposal, number=number)
        response = get_object_or_404(
            CommentResponse.objects.select_related("comment"),
            comment_id=comment,
            comment__proposal=proposal,
        )
        policy.require(request.user, "comment.respond", response.comment)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        numbers = services.response_changes_set(
            actor=request.user,
            response=response,
            version=version,
            paragraphs=serializer.validated_data["paragraphs"],
        )
        return Response({"paragraphs": numbers})


class ConsultationReopenApi(APIView):
    """Open a further consultation round on the revised text (whoever may move the proposal
    along), closing at ``closes_at``."""

    class InputSerializer(serializers.Serializer):
        closes_at = serializers.DateTimeField()

        class Meta:
            ref_name = "ConsultationReopenInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: VersionOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_consultation_reopen_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.advance", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.consultation_reopen(
            actor=request.user,
            proposal=proposal,
            closes_at=serializer.validated_data["closes_at"],
        )
        version = selectors.latest_version(proposal=proposal)
        return Response(VersionOutputSerializer(version).data)
