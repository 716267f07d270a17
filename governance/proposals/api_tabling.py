"""API of member-tabled proposals: co-sponsoring, asking for co-sponsors, tabling, and the
secretariat's admission and decline. Each answers the proposal as ``GET`` shows it; a refused
step answers 400 with the reason and changes nothing."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer
from governance.proposals import selectors, services
from governance.proposals.api import ProposalDetailOutputSerializer
from governance.proposals.models import ProposalStatusChange
from members.models import Organisation


def _answer(request: Request, pk: int, status: int = 200) -> Response:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    return Response(ProposalDetailOutputSerializer(proposal).data, status=status)


_STEP = {200: ProposalDetailOutputSerializer, 400: ErrorSerializer}


class ProposalSponsorApi(APIView):
    """Your organisation's co-sponsorship of a member's draft (its representative): ``POST``
    gives it, ``DELETE`` withdraws it, while the proposal is a draft."""

    @extend_schema(
        request=None,
        responses={201: ProposalDetailOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_sponsors_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.sponsor", proposal)
        services.proposal_sponsor(actor=request.user, proposal=proposal)
        return _answer(request, pk, status=201)

    @extend_schema(request=None, responses=_STEP, operation_id="proposals_sponsors_destroy")
    def delete(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.sponsor", proposal)
        services.proposal_sponsor_withdraw(actor=request.user, proposal=proposal)
        return _answer(request, pk)


class ProposalSponsorRequestApi(APIView):
    """Ask member organisations to co-sponsor your organisation's draft (its representative):
    their representatives get one email each. Answers how many emails were queued."""

    class InputSerializer(serializers.Serializer):
        organisations = serializers.SlugRelatedField(
            slug_field="slug", queryset=Organisation.objects.all(), many=True
        )

        class Meta:
            ref_name = "ProposalSponsorRequestInput"

    class OutputSerializer(serializers.Serializer):
        emails_queued = serializers.IntegerField()

        class Meta:
            ref_name = "ProposalSponsorRequestOutput"

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_sponsor_requests_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.table", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = services.proposal_sponsors_request(
            actor=request.user,
            proposal=proposal,
            organisations=list(serializer.validated_data["organisations"]),
        )
        return Response({"emails_queued": sent})


class ProposalTableApi(APIView):
    """Table your organisation's draft (its representative) once organisations from enough
    other chambers co-sponsor it."""

    @extend_schema(request=None, responses=_STEP, operation_id="proposals_table_create")
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.table", proposal)
        services.proposal_table(actor=request.user, proposal=proposal)
        return _answer(request, pk)


class ProposalReviseApi(APIView):
    """Reopen your organisation's declined proposal as a draft (its representative), to revise
    it and table it again."""

    @extend_schema(request=None, responses=_STEP, operation_id="proposals_revise_create")
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.table", proposal)
        services.proposal_revise(actor=request.user, proposal=proposal)
        return _answer(request, pk)


class ProposalAdmitApi(APIView):
    """Admit a tabled proposal to consultation (the secretariat): it opens at
    ``consultation_opens_at`` (now when left out; a later time keeps it tabled, admitted, until
    then) and closes at ``consultation_closes_at``, a window the body's constitution bounds."""

    class InputSerializer(serializers.Serializer):
        consultation_opens_at = serializers.DateTimeField(required=False, allow_null=True)
        consultation_closes_at = serializers.DateTimeField()
        consultation_public = serializers.BooleanField(required=False, default=False)

        class Meta:
            ref_name = "ProposalAdmitInput"

    @extend_schema(request=InputSerializer, responses=_STEP, operation_id="proposals_admit_create")
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.admit", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        services.proposal_admit(actor=request.user, proposal=proposal, **data)
        return _answer(request, pk)


class ProposalDeclineApi(APIView):
    """Decline a tabled proposal (the secretariat) with a reason, published with it."""

    class InputSerializer(serializers.Serializer):
        reason = text_input(ProposalStatusChange, "reason")

        class Meta:
            ref_name = "ProposalDeclineInput"

    @extend_schema(
        request=InputSerializer, responses=_STEP, operation_id="proposals_decline_create"
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.decline", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_decline(
            actor=request.user, proposal=proposal, reason=serializer.validated_data["reason"]
        )
        return _answer(request, pk)


class ProposalWithdrawOwnApi(APIView):
    """Withdraw your organisation's own proposal (its representative) while it is a draft,
    tabled or declined, with a reason kept in its story; its co-sponsors are told."""

    class InputSerializer(serializers.Serializer):
        reason = text_input(ProposalStatusChange, "reason")

        class Meta:
            ref_name = "ProposalWithdrawOwnInput"

    @extend_schema(
        request=InputSerializer, responses=_STEP, operation_id="proposals_withdraw_own_create"
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.withdraw_own", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_withdraw_own(
            actor=request.user, proposal=proposal, reason=serializer.validated_data["reason"]
        )
        return _answer(request, pk)
