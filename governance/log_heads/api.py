"""API of the decision log's signed heads and witnesses (reading needs no login)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.text_limits import text_input
from governance.common.api import ErrorSerializer, choice_field
from governance.decision_log.canonical import timestamp
from governance.log_heads import selectors, services
from governance.log_heads.models import Cosignature, SignedHead, Witness, WitnessStatus
from members.models import Organisation, PartnerAlliance


class CosignatureSerializer(serializers.Serializer):
    witness = serializers.CharField(source="witness.name", help_text="The witness's key name.")
    holder = serializers.CharField(
        source="witness.holder_name", help_text="The organisation or partner alliance."
    )
    timestamp = serializers.IntegerField(help_text="When the witness signed (POSIX seconds).")
    line = serializers.CharField(help_text="The C2SP cosignature/v1 note signature line.")
    via = serializers.CharField(help_text="posted (by the witness) or tlog-witness (asked).")

    class Meta:
        ref_name = "DecisionLogCosignature"


class SignedHeadSerializer(serializers.Serializer):
    size = serializers.IntegerField(help_text="How many entries the tree holds.")
    root_hash = serializers.CharField(help_text="The RFC 9162 tree hash, hex.")
    origin = serializers.CharField(help_text="The checkpoint's origin line (the key's name).")
    key_id = serializers.CharField(help_text="The signing key's ID, hex.")
    signed_at = serializers.SerializerMethodField(help_text="UTC, YYYY-MM-DDTHH:MM:SSZ")
    checkpoint = serializers.SerializerMethodField(
        help_text="The C2SP checkpoint as a signed note: the portal's signature, then every "
        "witness's cosignature."
    )
    cosignatures = CosignatureSerializer(many=True)

    class Meta:
        ref_name = "DecisionLogSignedHead"

    def get_signed_at(self, head: SignedHead) -> str:
        return timestamp(head.signed_at)

    def get_checkpoint(self, head: SignedHead) -> str:
        return selectors.cosigned_note(head)


class SignedHeadListApi(APIView):
    """The signed heads of the decision log, newest first, with their cosignatures
    (``cosigned=true`` keeps the heads at least one approved witness cosigned)."""

    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[OpenApiParameter("cosigned", bool, required=False)],
        responses=SignedHeadSerializer(many=True),
        operation_id="decision_log_heads_list",
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("cosigned")
        if wanted not in (None, "", "true", "false"):
            raise serializers.ValidationError({"cosigned": "true or false."})
        heads = selectors.signed_heads(cosigned={"true": True, "false": False}.get(wanted or ""))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(heads, request, view=self) or []
        return paginator.get_paginated_response(SignedHeadSerializer(page, many=True).data)


class SignedHeadApi(APIView):
    @extend_schema(responses=SignedHeadSerializer, operation_id="decision_log_heads_retrieve")
    def get(self, request: Request, size: int) -> Response:
        head = get_object_or_404(selectors.signed_heads(), size=size)
        return Response(SignedHeadSerializer(head).data)


class CosignatureCreateApi(APIView):
    """A witness posts its cosignature (C2SP cosignature/v1) of the head of ``size``: kept
    when it verifies against an approved witness's key (201; 200 when it was kept already)."""

    class InputSerializer(serializers.Serializer):
        cosignature = serializers.CharField(
            max_length=400, help_text="The note signature line: — <name> <base64>"
        )

        class Meta:
            ref_name = "DecisionLogCosignatureInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: CosignatureSerializer, 200: CosignatureSerializer, 400: ErrorSerializer},
        operation_id="decision_log_heads_cosignatures_create",
    )
    def post(self, request: Request, size: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        before = Cosignature.objects.filter(head__size=size).count()
        cosignature = services.cosignature_add(
            actor=request.user, size=size, line=serializer.validated_data["cosignature"]
        )
        created = Cosignature.objects.filter(head__size=size).count() > before
        return Response(CosignatureSerializer(cosignature).data, status=201 if created else 200)


class WitnessSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="The key name.")
    vkey = serializers.CharField(help_text="The C2SP verifier key (type 0x04, cosignature/v1).")
    holder = serializers.CharField(source="holder_name")
    status = serializers.CharField(help_text="pending, approved, refused or retired")
    url = serializers.CharField(help_text="Its tlog-witness submission prefix, if any.")
    log_seq = serializers.IntegerField(
        allow_null=True, help_text="The decision-log entry that published its approval."
    )

    class Meta:
        ref_name = "DecisionLogWitness"


class WitnessListApi(APIView):
    """Witnesses of the decision log (approved and retired ones for everyone). ``POST``
    registers a key: the representative of a civil-society, communities or academia
    organisation for it, or the secretariat for a partner alliance (by slug)."""

    pagination_class = PageNumberPagination

    class InputSerializer(serializers.Serializer):
        vkey = serializers.CharField(max_length=300)
        organisation = serializers.SlugField(required=False, allow_blank=True)
        partner_alliance = serializers.SlugField(required=False, allow_blank=True)
        url = serializers.URLField(required=False, allow_blank=True)
        note = text_input(Witness, "note", required=False, allow_blank=True)

        class Meta:
            ref_name = "DecisionLogWitnessInput"

    @extend_schema(responses=WitnessSerializer(many=True), operation_id="decision_log_witnesses")
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.witness_list(request.user), request, self)
        return paginator.get_paginated_response(WitnessSerializer(page or [], many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: WitnessSerializer, 400: ErrorSerializer},
        operation_id="decision_log_witnesses_create",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        holders: dict[str, Any] = {}
        if data.get("organisation"):
            # Only organisations whose profile is public: an applicant is not named here.
            holders["organisation"] = get_object_or_404(
                Organisation.objects.select_related("chamber").filter(
                    membership_status__in=Organisation.PUBLISHED_STATUSES
                ),
                slug=data["organisation"],
            )
        if data.get("partner_alliance"):
            holders["partner_alliance"] = get_object_or_404(
                PartnerAlliance, slug=data["partner_alliance"]
            )
        witness = services.witness_register(
            actor=request.user,
            vkey=data["vkey"],
            url=data.get("url", ""),
            note=data.get("note", ""),
            **holders,
        )
        return Response(WitnessSerializer(witness).data, status=201)


class WitnessDecisionApi(APIView):
    """The secretariat approves or refuses a pending witness, or retires an approved one
    (an approval and a retirement are published in the decision log)."""

    class InputSerializer(serializers.Serializer):
        decision = choice_field(
            [("approve", "Approve"), ("refuse", "Refuse"), ("retire", "Retire")]
        )
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)

        class Meta:
            ref_name = "DecisionLogWitnessDecisionInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: WitnessSerializer, 400: ErrorSerializer},
        operation_id="decision_log_witnesses_decide",
    )
    def post(self, request: Request, pk: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        witness = services.witness_decide(
            actor=request.user,
            witness_id=pk,
            decision=serializer.validated_data["decision"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(WitnessSerializer(witness).data)


__all__ = ["WitnessStatus"]
