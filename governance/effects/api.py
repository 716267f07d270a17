"""API: a proposal's effect (what it changes when adopted)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from governance.common.api import ErrorSerializer
from governance.effects import selectors, services
from governance.effects.registry import kind_choices
from governance.proposals import selectors as proposal_selectors


class EffectOutputSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="constitution, glossary_batch, objectives, decision_amendment or "
        "decision_withdrawal."
    )
    kind_label = serializers.CharField(help_text="The kind in words.")
    text = serializers.CharField(help_text="What the decision changes, in words.")
    details = serializers.JSONField(help_text="The effect's details, as checked and stored.")
    state = serializers.CharField(help_text="Waiting for the decision, applied, or why not.")
    applied_at = serializers.DateTimeField(allow_null=True)
    decision = serializers.IntegerField(
        allow_null=True, help_text="The seq of the decision that applied it in the public log."
    )

    class Meta:
        ref_name = "ProposalEffect"


def _data(view: selectors.EffectView) -> dict[str, Any]:
    effect = view.effect
    return {
        "kind": effect.kind,
        "kind_label": view.label,
        "text": view.text,
        "details": effect.payload,
        "state": view.state,
        "applied_at": effect.applied_at,
        "decision": effect.decision.log_entry_id if effect.decision else None,
    }


# The effect kinds, named in the API schema as ``EffectKindEnum`` (SPECTACULAR_SETTINGS), apart
# from the other fields called "kind".
EFFECT_KINDS = kind_choices()


class ProposalEffectApi(APIView):
    """What a proposal changes when adopted (404 when it changes nothing). ``PUT`` sets it
    (the secretariat, before the ballot opens; a public proposal only); ``DELETE`` removes it."""

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=EFFECT_KINDS)
        details = serializers.JSONField(
            help_text='The kind\'s details, e.g. {"revisions": [12, 15]} for a glossary batch.'
        )

        class Meta:
            ref_name = "ProposalEffectInput"

    @extend_schema(responses=EffectOutputSerializer, operation_id="proposals_effect_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        view = selectors.effect_of(proposal=proposal)
        if view is None:
            return Response({"detail": "This proposal changes nothing when adopted."}, status=404)
        return Response(EffectOutputSerializer(_data(view)).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: EffectOutputSerializer, 400: ErrorSerializer},
        operation_id="proposals_effect_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.set_effect", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_effect_set(
            actor=request.user,
            proposal=proposal,
            kind=serializer.validated_data["kind"],
            payload=serializer.validated_data["details"],
        )
        fresh = proposal_selectors.proposal_get(user=request.user, pk=pk)  # with its effect
        view = selectors.effect_of(proposal=fresh)
        assert view is not None  # noqa: S101 (just set)
        return Response(EffectOutputSerializer(_data(view)).data)

    @extend_schema(
        request=None,
        responses={204: None, 400: ErrorSerializer},
        operation_id="proposals_effect_destroy",
    )
    def delete(self, request: Request, pk: int) -> Response:
        proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
        policy.require(request.user, "proposal.set_effect", proposal)
        services.proposal_effect_clear(actor=request.user, proposal=proposal)
        return Response(status=204)
