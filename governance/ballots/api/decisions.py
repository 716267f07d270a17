"""API: decisions and what is said about them (dissents, reviewer statements, endorsements), and
publishing them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.text_limits import text_input
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.api.ballots import _decision, _organisation
from governance.ballots.models import (
    Decision,
    DissentingStatement,
    Endorsement,
    EndorserKind,
    ReviewerStatement,
)
from governance.common.api import CountryField, ErrorSerializer, choice_field

# --- decisions ----------------------------------------------------------------------------------


def _seq(item: Any) -> int | None:
    return int(item.log_entry_id) if item.log_entry_id is not None else None


class DissentOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    log_seq = serializers.SerializerMethodField()

    class Meta:
        model = DissentingStatement
        fields = ("organisation", "organisation_name", "text", "filed_at", "log_seq")
        ref_name = "DissentingStatement"

    def get_log_seq(self, dissent: DissentingStatement) -> int | None:
        return _seq(dissent)


class ReviewerStatementOutputSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text='Always "civil-society reviewer".')
    log_seq = serializers.SerializerMethodField()

    class Meta:
        model = ReviewerStatement
        fields = ("author", "text", "filed_at", "log_seq")
        ref_name = "ReviewerStatement"

    def get_author(self, statement: ReviewerStatement) -> str:
        return ballot_selectors.REVIEWER

    def get_log_seq(self, statement: ReviewerStatement) -> int | None:
        return _seq(statement)


class EndorsementOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(
        source="organisation.slug", allow_null=True, default=None, help_text="When a member."
    )
    endorser_kind = serializers.CharField(help_text="government or public_body.")
    country = CountryField(allow_null=True)
    log_seq = serializers.SerializerMethodField()

    class Meta:
        model = Endorsement
        fields = (
            "endorser_name",
            "endorser_kind",
            "country",
            "organisation",
            "statement",
            "evidence_url",
            "evidence_note",
            "endorsed_on",
            "log_seq",
        )
        ref_name = "Endorsement"

    def get_log_seq(self, endorsement: Endorsement) -> int | None:
        return _seq(endorsement)


class DecisionOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    outcome = serializers.CharField(help_text="adopted, rejected or no_quorum.")
    log_seq = serializers.SerializerMethodField(
        help_text="Seq of the decision's entry in the public decision log; null while it is "
        "not public."
    )
    record = serializers.SerializerMethodField(
        help_text="The frozen public record, as the decision log publishes it; a secret "
        "ballot's figures withheld where they would give a choice away."
    )
    dissents = DissentOutputSerializer(many=True, read_only=True)
    reviewer_statements = ReviewerStatementOutputSerializer(many=True, read_only=True)
    endorsements = EndorsementOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = (
            "proposal",
            "outcome",
            "summary",
            "rationale",
            "effective_date",
            "decided_at",
            "log_seq",
            "record",
            "dissents",
            "reviewer_statements",
            "endorsements",
        )
        ref_name = "Decision"

    def get_log_seq(self, decision: Decision) -> int | None:
        return _seq(decision)

    @extend_schema_field(serializers.JSONField())
    def get_record(self, decision: Decision) -> dict[str, Any]:
        return ballot_selectors.decision_public_record(decision)


class BallotDecisionApi(APIView):
    """The decision of a closed ballot (404 before): its frozen public record (outcome,
    summary, rationale, impact assessment, "you said, we did", tally, roll-call unless secret,
    conflict declarations) with its dissenting statements, reviewer statements and
    endorsements."""

    @extend_schema(responses=DecisionOutputSerializer, operation_id="ballots_decision_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        return Response(DecisionOutputSerializer(decision).data)


class StatementInputSerializer(serializers.Serializer):
    text = text_input(DissentingStatement, "text", name="statement", help_text="Markdown.")

    class Meta:
        ref_name = "DecisionStatementInput"


class DecisionDissentListApi(APIView):
    """Dissenting statements on a decision. ``POST``: the representative of an organisation
    that voted no or objected, within 14 days of the decision, once; never for a secret
    ballot."""

    @extend_schema(
        responses=DissentOutputSerializer(many=True),
        operation_id="ballots_decision_dissents_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        dissents = decision.dissents.select_related("organisation")
        return Response(DissentOutputSerializer(dissents, many=True).data)

    @extend_schema(
        request=StatementInputSerializer,
        responses={201: DissentOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_decision_dissents_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        serializer = StatementInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dissent = services.dissent_file(
            actor=request.user, decision=decision, text=serializer.validated_data["text"]
        )
        return Response(DissentOutputSerializer(dissent).data, status=201)


class DecisionReviewerStatementListApi(APIView):
    """Civil-society reviewers' statements on a decision (published without the person's
    name). ``POST``: a civil-society reviewer files one."""

    @extend_schema(
        responses=ReviewerStatementOutputSerializer(many=True),
        operation_id="ballots_decision_reviewer_statements_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        statements = decision.reviewer_statements.all()
        return Response(ReviewerStatementOutputSerializer(statements, many=True).data)

    @extend_schema(
        request=StatementInputSerializer,
        responses={201: ReviewerStatementOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_decision_reviewer_statements_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        serializer = StatementInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        statement = services.reviewer_statement_file(
            actor=request.user, decision=decision, text=serializer.validated_data["text"]
        )
        return Response(ReviewerStatementOutputSerializer(statement).data, status=201)


class DecisionEndorsementListApi(APIView):
    """Endorsements of a decision by governments and public bodies. ``POST``: the secretariat
    records one, member or not, with evidence (``evidence_url`` or ``evidence_note``)."""

    class InputSerializer(serializers.Serializer):
        organisation = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Slug of a member government body; empty for a non-member.",
        )
        endorser_name = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=200
        )
        endorser_kind = choice_field(EndorserKind, required=False, default=EndorserKind.GOVERNMENT)
        country = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=2, help_text="ISO alpha-2."
        )
        statement = text_input(
            Endorsement, "statement", required=False, allow_blank=True, default=""
        )
        evidence_url = serializers.URLField(
            required=False, allow_blank=True, default="", max_length=500
        )
        evidence_note = text_input(
            Endorsement, "evidence_note", required=False, allow_blank=True, default=""
        )
        endorsed_on = serializers.DateField()

        class Meta:
            ref_name = "EndorsementInput"

    @extend_schema(
        responses=EndorsementOutputSerializer(many=True),
        operation_id="ballots_decision_endorsements_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        endorsements = decision.endorsements.select_related("organisation")
        return Response(EndorsementOutputSerializer(endorsements, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: EndorsementOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_decision_endorsements_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        policy.require(request.user, "endorsement.record", decision)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["organisation"] = _organisation(data["organisation"])
        endorsement = services.endorsement_record(actor=request.user, decision=decision, **data)
        return Response(EndorsementOutputSerializer(endorsement).data, status=201)


class DecisionPublishApi(APIView):
    """The secretariat publishes a members-only proposal's decision: the proposal becomes
    public and the decision (with its statements and endorsements) enters the public decision
    log. 400 when it is published already."""

    @extend_schema(
        request=None,
        responses={200: DecisionOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_decision_publish_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = _decision(request.user, pk)
        policy.require(request.user, "decision.publish", decision)
        services.decision_publish(actor=request.user, decision=decision)
        return Response(DecisionOutputSerializer(_decision(request.user, pk)).data)
