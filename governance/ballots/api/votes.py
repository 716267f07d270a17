"""API: votes, conflict declarations, exemptions, closing a ballot and its settings."""

from __future__ import annotations

from fractions import Fraction

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.text_limits import text_input
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.api.ballots import (
    BallotDetailOutputSerializer,
    BallotOutputSerializer,
    FractionField,
    _opened,
    _organisation,
)
from governance.ballots.methods import choices_help, method_choices
from governance.ballots.models import Ballot, ConflictDeclaration, RecusalExemption, Vote
from governance.common.api import ErrorSerializer, choice_field
from governance.proposals import selectors


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
            help_text=choices_help(),
        )
        reason = text_input(Vote, "reason", required=False, allow_blank=True, default="")
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
            organisation.pk if organisation else policy.represented_organisation_id(request.user)
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
        return declaration.recuses

    def get_exemption_reason(self, declaration: ConflictDeclaration) -> str | None:
        exemption = getattr(declaration, "exemption", None)
        return exemption.reason if exemption is not None else None


class BallotDeclarationListApi(APIView):
    """Conflict-of-interest declarations of a ballot (organisations, never people). ``POST``:
    the organisation's representative declares ``has_conflict`` (with its ``nature``) before
    voting; a conflict recuses the organisation unless the secretariat exempts it."""

    class InputSerializer(serializers.Serializer):
        has_conflict = serializers.BooleanField()
        nature = text_input(
            ConflictDeclaration, "nature", required=False, allow_blank=True, default=""
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
        reason = text_input(RecusalExemption, "reason")

        class Meta:
            ref_name = "RecusalExemptionInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: DeclarationOutputSerializer, 400: ErrorSerializer},
        operation_id="ballots_exemptions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        ballot = _opened(request.user, pk)
        policy.require(request.user, "recusal.exempt", ballot)
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
        reason = text_input(
            Ballot, "close_reason", name="reason", required=False, allow_blank=True, default=""
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
        policy.require(request.user, "ballot.close", ballot)
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
        method = choice_field(method_choices())
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
        policy.require(request.user, "ballot.configure", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ballot = services.ballot_configure(
            actor=request.user, proposal=proposal, **serializer.validated_data
        )
        return Response(BallotOutputSerializer(ballot).data)
