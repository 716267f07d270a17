"""API: a member author's revised versions. The author organisation's representative submits
one (``POST``); the author organisation and the secretariat read them; the secretariat
publishes one as the next version or returns it with a reason."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer
from governance.consultations.models import CommentResponse
from governance.proposals import selectors as proposal_selectors
from governance.proposals.models import Proposal
from governance.versions import selectors, services
from governance.versions.api import VersionOutputSerializer, _int
from governance.versions.models import VersionSubmission


class SubmissionOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    based_on = serializers.IntegerField(
        source="based_on.number", read_only=True, help_text="The version number it revises."
    )
    version = serializers.IntegerField(
        source="version.number",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The version it was published as (published only).",
    )
    changes = serializers.SerializerMethodField()

    class Meta:
        model = VersionSubmission
        fields = (
            "id",
            "proposal",
            "organisation",
            "based_on",
            "title",
            "summary",
            "text",
            "note",
            "changes",
            "status",
            "submitted_at",
            "decided_at",
            "return_reason",
            "version",
        )
        ref_name = "VersionSubmission"

    def get_changes(self, submission: VersionSubmission) -> dict[str, list[int]]:
        """Comment id → paragraphs of the submitted text its accepted response changed."""
        comment_of = self.context.get("comment_of")
        if comment_of is None:
            comment_of = _comment_of(submission.proposal_id)
        return {
            str(comment_of[response_id]): paragraphs
            for response_id, paragraphs in submission.paragraph_changes().items()
            if response_id in comment_of
        }


def _comment_of(proposal_id: int) -> dict[int, int]:
    """Response id → comment id, for the responses to the proposal's comments (one query)."""
    return dict(
        CommentResponse.objects.filter(comment__proposal_id=proposal_id).values_list(
            "pk", "comment_id"
        )
    )


def _changes(proposal: Proposal, given: dict[str, list[int]]) -> dict[int, list[int]]:
    """Comment ids (as the API names them) → response ids (as the services do)."""
    changes: dict[int, list[int]] = {}
    for comment_id, paragraphs in given.items():
        response = CommentResponse.objects.filter(
            comment_id=_int(comment_id, "changes"), comment__proposal=proposal
        ).first()
        if response is None:
            raise serializers.ValidationError(
                {"changes": f"Comment {comment_id} of this proposal has no response."}
            )
        changes[response.pk] = paragraphs
    return changes


class SubmissionListApi(APIView):
    """The revised versions submitted for a member-tabled proposal (its author organisation
    and the secretariat read them), newest first. ``POST`` submits one (the author
    organisation's representative, while the proposal is in deliberation): the secretariat
    then publishes or returns it. ``changes`` maps the id of a comment whose response accepted
    it to the paragraphs of the new text it changed."""

    permission_classes = (IsAuthenticated,)
    pagination_class = PageNumberPagination

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, required=False)
        summary = text_input(VersionSubmission, "summary", required=False)
        text = text_input(VersionSubmission, "text")
        note = text_input(VersionSubmission, "note")
        changes = serializers.DictField(
            child=serializers.ListField(child=serializers.IntegerField(min_value=1)),
            required=False,
            default=dict,
            help_text='Comment id → paragraph numbers of the new text, e.g. {"12": [2, 4]}.',
        )

        class Meta:
            ref_name = "VersionSubmissionInput"

    @extend_schema(
        responses=SubmissionOutputSerializer(many=True),
        operation_id="proposals_versions_submissions_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.submission_list(user=request.user, proposal=proposal), request, view=self
        )
        serializer = SubmissionOutputSerializer(
            page, many=True, context={"comment_of": _comment_of(proposal.pk)}
        )
        return paginator.get_paginated_response(serializer.data)

    @extend_schema(
        request=InputSerializer,
        responses={201: SubmissionOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_versions_submissions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.submit_version", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        submission = services.version_submit(
            actor=request.user,
            proposal=proposal,
            title=data.get("title"),
            summary=data.get("summary"),
            text=data["text"],
            note=data["note"],
            changes=_changes(proposal, data["changes"]),
        )
        return Response(SubmissionOutputSerializer(submission).data, status=201)


def _submission(request: Request, pk: int, sid: int) -> VersionSubmission:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    submission = selectors.submission_get(user=request.user, proposal=proposal, pk=sid)
    policy.record_access(request.user, submission)
    return submission


class SubmissionDetailApi(APIView):
    """One revised version submitted for a member-tabled proposal."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        responses=SubmissionOutputSerializer,
        operation_id="proposals_versions_submissions_retrieve",
    )
    def get(self, request: Request, pk: int, sid: int) -> Response:
        return Response(SubmissionOutputSerializer(_submission(request, pk, sid)).data)


class SubmissionPublishApi(APIView):
    """Publish a submitted revision as the proposal's next version (the secretariat)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        request=None,
        responses={201: VersionOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_versions_submissions_publish",
    )
    def post(self, request: Request, pk: int, sid: int) -> Response:
        submission = _submission(request, pk, sid)
        policy.require(request.user, "version_submission.decide", submission)
        version = services.version_submission_publish(actor=request.user, submission=submission)
        return Response(VersionOutputSerializer(version).data, status=201)


class SubmissionReturnApi(APIView):
    """Return a submitted revision to its author with a reason (the secretariat)."""

    permission_classes = (IsAuthenticated,)

    class InputSerializer(serializers.Serializer):
        reason = text_input(VersionSubmission, "return_reason")

        class Meta:
            ref_name = "VersionSubmissionReturnInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: SubmissionOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_versions_submissions_return",
    )
    def post(self, request: Request, pk: int, sid: int) -> Response:
        submission = _submission(request, pk, sid)
        policy.require(request.user, "version_submission.decide", submission)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        returned = services.version_submission_return(
            actor=request.user, submission=submission, reason=serializer.validated_data["reason"]
        )
        return Response(SubmissionOutputSerializer(returned).data)
