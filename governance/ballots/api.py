"""API: ballots, votes, conflicts of interest, decisions and what is said about them, and the
register of interests. Votes and declarations go through the same services as the pages,
with the same rules; a refusal answers 400 (bad input: a closed ballot, a missing
declaration, an unknown choice...) or 403 (not the organisation's representative) and
changes nothing. A secret ballot's choices are in no response."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.models import (
    Ballot,
    BallotElector,
    BallotMethod,
    ConflictDeclaration,
    Decision,
    DissentingStatement,
    Endorsement,
    EndorserKind,
    InterestDeclaration,
    InterestKind,
    ReviewerStatement,
    Vote,
)
from governance.common.api import CountryField, ErrorSerializer, choice_field, require_staff
from governance.proposals import selectors
from members.models import Organisation


def _organisation(slug: str | None) -> Organisation | None:
    """The organisation named by slug in a request body (400 when there is none)."""
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise exceptions.ValidationError({"organisation": f"No organisation “{slug}”."})
    return organisation


def _opened(user: Any, pk: int) -> Ballot:
    ballot = ballot_selectors.ballot_get(user=user, pk=pk)
    if ballot.opened_at is None:
        raise exceptions.NotFound("This ballot has not opened yet.")
    return ballot


def _decision(user: Any, pk: int) -> Decision:
    ballot = ballot_selectors.ballot_get(user=user, pk=pk)
    decision = Decision.objects.filter(ballot=ballot).select_related("proposal", "ballot").first()
    if decision is None:
        raise exceptions.NotFound("This ballot has no decision (yet).")
    return decision


class FractionSerializer(serializers.Serializer):
    num = serializers.IntegerField()
    den = serializers.IntegerField()

    class Meta:
        ref_name = "BallotFraction"


@extend_schema_field(FractionSerializer)
class FractionField(serializers.Field):
    """An exact fraction: ``{"num": 2, "den": 3}`` out; ``"2/3"`` or that object in."""

    def to_representation(self, value: Fraction) -> dict[str, int]:
        return {"num": value.numerator, "den": value.denominator}

    def to_internal_value(self, data: Any) -> Fraction:
        try:
            if isinstance(data, dict):
                return Fraction(int(data["num"]), int(data["den"]))
            if isinstance(data, str):
                return Fraction(data.strip())
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            pass
        raise serializers.ValidationError('A fraction: "2/3" or {"num": 2, "den": 3}.')


class BallotOutputSerializer(serializers.ModelSerializer):
    proposal: serializers.RelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    proposal_title = serializers.CharField(source="proposal.title", read_only=True)
    body = serializers.CharField(source="proposal.body.slug", read_only=True)
    method = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(BallotMethod.values) + "."
    )
    quorum = FractionField(read_only=True)
    threshold = FractionField(read_only=True)
    state = serializers.CharField(read_only=True, help_text="scheduled, open or closed.")
    outcome = serializers.CharField(
        read_only=True,
        help_text="Empty while open; adopted, rejected, no_quorum, or cancelled (the proposal "
        "left the ballot).",
    )
    url = serializers.URLField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Ballot
        fields = (
            "id",
            "proposal",
            "proposal_title",
            "body",
            "url",
            "method",
            "quorum",
            "threshold",
            "concurrent_majority",
            "secret",
            "state",
            "opened_at",
            "closes_at",
            "closed_at",
            "close_reason",
            "outcome",
            "effective_date",
        )
        ref_name = "Ballot"


class ElectorSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    chamber = serializers.CharField(source="chamber.slug")

    class Meta:
        model = BallotElector
        fields = ("organisation", "organisation_name", "chamber")
        ref_name = "BallotElector"


class BallotDetailOutputSerializer(BallotOutputSerializer):
    electorate = ElectorSerializer(source="electors", many=True, read_only=True)
    result = serializers.SerializerMethodField(
        help_text="The published tally (the decision record's) once closed; null before."
    )

    class Meta(BallotOutputSerializer.Meta):
        fields = (*BallotOutputSerializer.Meta.fields, "electorate", "result")  # type: ignore[assignment]
        ref_name = "BallotDetail"

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_result(self, ballot: Ballot) -> dict[str, Any] | None:
        decision = Decision.objects.filter(ballot=ballot).first()
        return None if decision is None else decision.record["tally"]


BALLOT_FILTERS = [
    OpenApiParameter("state", str, description="scheduled, open or closed"),
    OpenApiParameter("body", str, description="body slug"),
]


class BallotListApi(APIView):
    """Ballots you may see (those of the proposals you may see): open ones first, closing
    soonest; ``?state=scheduled|open|closed``, ``?body=<slug>``."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        state = choice_field(
            [("scheduled", "Scheduled"), ("open", "Open"), ("closed", "Closed")], required=False
        )
        body = serializers.SlugField(required=False)

    @extend_schema(
        parameters=BALLOT_FILTERS,
        responses=BallotOutputSerializer(many=True),
        operation_id="ballots_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = ballot_selectors.ballot_list(
            user=request.user,
            state=filters.validated_data.get("state"),
            body=filters.validated_data.get("body"),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(BallotOutputSerializer(page, many=True).data)


class BallotDetailApi(APIView):
    """One ballot: its rules and times, the electorate taken when it opened (organisations and
    chambers) and, once closed, the published tally."""

    @extend_schema(responses=BallotDetailOutputSerializer, operation_id="ballots_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        ballot = ballot_selectors.ballot_get(user=request.user, pk=pk)
        return Response(BallotDetailOutputSerializer(ballot).data)


class VoteOutputSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    chamber = serializers.CharField(source="chamber.slug", allow_null=True, default=None)
    choice = serializers.CharField(
        allow_null=True, help_text="null in a secret ballot: a choice is never returned."
    )
    reason = serializers.CharField(allow_null=True)
    cast_at = serializers.DateTimeField()

    class Meta:
        ref_name = "BallotVote"


class BallotVoteListApi(APIView):
    """Votes. ``GET``: after a roll-call ballot closes, every vote (the roll-call); otherwise
    your own organisation's vote only; a secret ballot's choices never. ``POST``: the
    organisation's representative casts its vote, or replaces it (201 the first time, 200
    after), through the same service as the page. Refused, changing nothing: not the
    representative (403); the ballot not open, no conflict declaration, recused, an unknown
    choice, an objection without a reason (400)."""

    class InputSerializer(serializers.Serializer):
        choice = serializers.CharField(
            max_length=10,
            help_text="yes, no or abstain; consent, object or abstain in a consent ballot.",
        )
        reason = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=10_000
        )
        organisation = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Slug of the organisation; default: the one you represent.",
        )

        class Meta:
            ref_name = "BallotVoteInput"

    @extend_schema(responses=VoteOutputSerializer(many=True), operation_id="ballots_votes_list")
    def get(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        rows = ballot_selectors.votes_visible_to(user=request.user, ballot=ballot)
        return Response(VoteOutputSerializer(rows, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: VoteOutputSerializer, 201: VoteOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_votes_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = _organisation(data["organisation"])
        voter_id = (
            organisation.pk if organisation else policy.principal(request.user).organisation_id
        )
        replacing = (
            voter_id is not None
            and Vote.objects.filter(ballot=ballot, organisation_id=voter_id).exists()
        )
        vote = services.vote_cast(
            actor=request.user,
            ballot=ballot,
            organisation=organisation,
            choice=data["choice"],
            reason=data["reason"],
        )
        row = ballot_selectors.VoteRow(
            organisation=vote.organisation,
            chamber=vote.organisation.chamber,
            choice=None if ballot.secret else vote.choice,
            reason=None if ballot.secret else vote.reason,
            cast_at=vote.cast_at,
        )
        return Response(VoteOutputSerializer(row).data, status=200 if replacing else 201)


class DeclarationOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    chamber = serializers.CharField(source="organisation.chamber.slug")
    recused = serializers.SerializerMethodField()
    exemption_reason = serializers.SerializerMethodField(
        help_text="The secretariat's reason when a declared conflict does not recuse."
    )

    class Meta:
        model = ConflictDeclaration
        fields = (
            "organisation",
            "organisation_name",
            "chamber",
            "has_conflict",
            "nature",
            "recused",
            "exemption_reason",
            "declared_at",
        )
        ref_name = "ConflictDeclaration"

    def get_recused(self, declaration: ConflictDeclaration) -> bool:
        return declaration.has_conflict and not hasattr(declaration, "exemption")

    def get_exemption_reason(self, declaration: ConflictDeclaration) -> str | None:
        exemption = getattr(declaration, "exemption", None)
        return exemption.reason if exemption is not None else None


class BallotDeclarationListApi(APIView):
    """Conflict-of-interest declarations of a ballot (organisations, never people). ``POST``:
    the organisation's representative declares ``has_conflict`` (with its ``nature``) before
    voting; a conflict recuses the organisation unless the secretariat exempts it."""

    class InputSerializer(serializers.Serializer):
        has_conflict = serializers.BooleanField()
        nature = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=10_000
        )
        organisation = serializers.CharField(required=False, allow_blank=True, default="")

        class Meta:
            ref_name = "ConflictDeclarationInput"

    @extend_schema(
        responses=DeclarationOutputSerializer(many=True),
        operation_id="ballots_declarations_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        declarations = ballot_selectors.declaration_list(ballot=ballot)
        return Response(DeclarationOutputSerializer(declarations, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: DeclarationOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_declarations_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        declaration = services.conflict_declare(
            actor=request.user,
            ballot=ballot,
            organisation=_organisation(data["organisation"]),
            has_conflict=data["has_conflict"],
            nature=data["nature"],
        )
        declaration = ballot_selectors.declaration_list(ballot=ballot).get(pk=declaration.pk)
        return Response(DeclarationOutputSerializer(declaration).data, status=201)


class BallotExemptionApi(APIView):
    """The secretariat exempts an organisation that declared a conflict from recusal, with a
    reason published with the declaration."""

    class InputSerializer(serializers.Serializer):
        organisation = serializers.CharField(help_text="Slug of the organisation.")
        reason = serializers.CharField(max_length=10_000)

        class Meta:
            ref_name = "RecusalExemptionInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: DeclarationOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_exemptions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        require_staff(request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = _organisation(serializer.validated_data["organisation"])
        assert organisation is not None  # noqa: S101 (a required field)
        exemption = services.recusal_exempt(
            actor=request.user,
            ballot=ballot,
            organisation=organisation,
            reason=serializer.validated_data["reason"],
        )
        declaration = ballot_selectors.declaration_list(ballot=ballot).get(
            pk=exemption.declaration_id
        )
        return Response(DeclarationOutputSerializer(declaration).data, status=201)


class BallotCloseApi(APIView):
    """The secretariat closes a ballot now (before its time only with a reason, which is
    published): the votes are counted and the decision recorded."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=10_000
        )

        class Meta:
            ref_name = "BallotCloseInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: BallotDetailOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_close_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        require_staff(request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ballot_close(
            actor=request.user, ballot=ballot, reason=serializer.validated_data["reason"]
        )
        return Response(
            BallotDetailOutputSerializer(ballot_selectors.ballot_get(user=request.user, pk=pk)).data
        )


class BallotSettingsApi(APIView):
    """The secretariat sets up a proposal's ballot before it opens: ``method``, ``quorum`` and
    ``threshold`` as exact fractions (``"2/3"``), ``concurrent_majority``, ``secret``,
    ``closes_at`` (default: 14 days after it opens) and ``effective_date``. Refused (400) once
    the ballot has opened."""

    class InputSerializer(serializers.Serializer):
        method = choice_field(BallotMethod)
        quorum = FractionField(required=False, default=Fraction(1, 2))
        threshold = FractionField(required=False, default=Fraction(2, 3))
        concurrent_majority = serializers.BooleanField(required=False, default=False)
        secret = serializers.BooleanField(required=False, default=False)
        closes_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        effective_date = serializers.DateField(required=False, allow_null=True, default=None)

        class Meta:
            ref_name = "BallotSettingsInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: BallotOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_ballot_settings_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        require_staff(request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ballot = services.ballot_configure(
            actor=request.user, proposal=proposal, **serializer.validated_data
        )
        return Response(BallotOutputSerializer(ballot).data)


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
    record = serializers.JSONField(
        help_text="The frozen public record: exactly what the decision log publishes."
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
    text = serializers.CharField(max_length=10_000, help_text="Markdown.")

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
        statement = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=10_000
        )
        evidence_url = serializers.URLField(
            required=False, allow_blank=True, default="", max_length=500
        )
        evidence_note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=2_000
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
        require_staff(request)
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
        require_staff(request)
        services.decision_publish(actor=request.user, decision=decision)
        return Response(DecisionOutputSerializer(_decision(request.user, pk)).data)


# --- the register of interests ------------------------------------------------------------------


class InterestOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(help_text="One of: " + ", ".join(InterestKind.values) + ".")

    class Meta:
        model = InterestDeclaration
        fields = (
            "id",
            "organisation",
            "organisation_name",
            "kind",
            "description",
            "declared_at",
            "ended_at",
            "end_reason",
        )
        ref_name = "InterestDeclaration"


class InterestListApi(APIView):
    """The standing register of interests (public; ``?organisation=<slug>``,
    ``?current=true``). ``POST``: a representative declares an interest of their
    organisation; the secretariat of any (``organisation`` slug)."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        organisation = serializers.SlugField(required=False)
        current = serializers.BooleanField(required=False, default=False)

    class InputSerializer(serializers.Serializer):
        organisation = serializers.CharField(required=False, allow_blank=True, default="")
        kind = choice_field(InterestKind)
        description = serializers.CharField(max_length=10_000)

        class Meta:
            ref_name = "InterestDeclarationInput"

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", str, description="organisation slug"),
            OpenApiParameter("current", bool, description="current interests only"),
        ],
        responses=InterestOutputSerializer(many=True),
        operation_id="interests_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = ballot_selectors.interest_register(
            organisation=filters.validated_data.get("organisation"),
            current_only=filters.validated_data["current"],
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(InterestOutputSerializer(page, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: InterestOutputSerializer, 400: ErrorSerializer},
        operation_id="interests_create",
    )
    def post(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        interest = services.interest_declare(
            actor=request.user,
            organisation=_organisation(data["organisation"]),
            kind=data["kind"],
            description=data["description"],
        )
        return Response(InterestOutputSerializer(interest).data, status=201)


class InterestEndApi(APIView):
    """Record that a registered interest has ended, with the reason (the organisation's
    representative or the secretariat); the entry stays in the register."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=10_000)

        class Meta:
            ref_name = "InterestEndInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: InterestOutputSerializer, 400: ErrorSerializer},
        operation_id="interests_end_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        interest = InterestDeclaration.objects.select_related("organisation").filter(pk=pk).first()
        if interest is None:
            raise exceptions.NotFound("No such interest in the register.")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interest = services.interest_end(
            actor=request.user, interest=interest, reason=serializer.validated_data["reason"]
        )
        return Response(InterestOutputSerializer(interest).data)
