"""API: governing bodies and their composition."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.bodies import selectors
from governance.bodies.models import Body


class BodyOutputSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True, help_text="general_assembly, executive_board or working_group."
    )
    electorate = serializers.CharField(
        read_only=True, help_text="Who votes on its ballots: all_active_members or seat_holders."
    )

    class Meta:
        model = Body
        fields = ("slug", "name", "kind", "electorate", "mandate", "order")
        ref_name = "Body"


class SeatHolderSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Organisation slug.")
    organisation_name = serializers.CharField()
    person = serializers.CharField(
        allow_blank=True, help_text="Empty unless you may see this person."
    )
    position = serializers.CharField(allow_blank=True)
    term_start = serializers.DateField()
    term_end = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "BodySeatHolder"


class ChamberSeatsSerializer(serializers.Serializer):
    chamber = serializers.CharField(help_text="Chamber slug.")
    chamber_name = serializers.CharField()
    seats = serializers.IntegerField()
    seat_holders = SeatHolderSerializer(many=True)
    voting_organisations = serializers.IntegerField()

    class Meta:
        ref_name = "BodyChamberSeats"


class BodyListApi(APIView):
    """The governing bodies: general assembly, executive board, working groups."""

    @extend_schema(responses=BodyOutputSerializer(many=True), operation_id="bodies_list")
    def get(self, request: Request) -> Response:
        return Response(BodyOutputSerializer(selectors.body_list(), many=True).data)


class BodyDetailApi(APIView):
    """A body with its composition by chamber today: seats, seat holders, voting organisations."""

    class OutputSerializer(BodyOutputSerializer):
        on = serializers.DateField()
        composition = ChamberSeatsSerializer(many=True)

        class Meta(BodyOutputSerializer.Meta):
            fields = (*BodyOutputSerializer.Meta.fields, "on", "composition")  # type: ignore[assignment]
            ref_name = "BodyDetail"

    @extend_schema(responses=OutputSerializer, operation_id="bodies_retrieve")
    def get(self, request: Request, slug: str) -> Response:
        body = selectors.body_get(slug=slug)
        composition = selectors.body_composition(user=request.user, body=body)
        body.on = composition.on  # type: ignore[attr-defined]
        body.composition = [  # type: ignore[attr-defined]
            {
                "chamber": row.chamber.slug,
                "chamber_name": row.chamber.name,
                "seats": row.seats,
                "seat_holders": [
                    {
                        "organisation": item.holder.organisation.slug,
                        "organisation_name": item.holder.organisation.name,
                        "person": item.person_name,
                        "position": item.holder.position,
                        "term_start": item.holder.term_start,
                        "term_end": item.holder.term_end,
                    }
                    for item in row.holders
                ],
                "voting_organisations": row.voting_organisations,
            }
            for row in composition.chambers
        ]
        return Response(self.OutputSerializer(body).data)


class ConstitutionBoundSerializer(serializers.Serializer):
    method = serializers.CharField(help_text="The ballot method's value, e.g. chamber_balanced.")
    method_name = serializers.CharField()
    min_quorum = serializers.CharField(help_text='The lowest quorum, an exact fraction: "1/2".')
    min_threshold = serializers.CharField(
        allow_null=True, help_text="The lowest threshold; null for a method without one."
    )

    class Meta:
        ref_name = "ConstitutionBound"


class BodyConstitutionApi(APIView):
    """The constitution that binds a body now: the shortest consultation, the lowest quorum and
    threshold per ballot method, the co-sponsor and admission rules, who amends its decisions,
    and the General Assembly's decision that set it (null for the founding settings). Changed
    only by a decision (a proposal's effect)."""

    class OutputSerializer(serializers.Serializer):
        body = serializers.CharField(help_text="The body's slug.")
        version = serializers.IntegerField(help_text="0 for the founding settings never written.")
        min_consultation_days = serializers.IntegerField()
        bounds = ConstitutionBoundSerializer(many=True)
        cosponsor_chambers = serializers.IntegerField()
        admission_days = serializers.IntegerField()
        amendments_by = serializers.CharField(
            help_text="The slug of the body whose decision amends or withdraws this body's."
        )
        adopted_by_decision = serializers.IntegerField(
            allow_null=True, help_text="The seq of the decision in the public log."
        )
        adopted_at = serializers.DateTimeField(allow_null=True)
        adopted_how = serializers.CharField(help_text="Where the rules come from, in words.")

        class Meta:
            ref_name = "BodyConstitution"

    @extend_schema(responses=OutputSerializer, operation_id="bodies_constitution_retrieve")
    def get(self, request: Request, slug: str) -> Response:
        body = selectors.body_get(slug=slug)
        summary = selectors.constitution_summary(body=body)
        constitution = summary.constitution
        data = {
            "body": body.slug,
            "version": constitution.number,
            "min_consultation_days": constitution.min_consultation_days,
            "bounds": [
                {
                    "method": row.value,
                    "method_name": row.method,
                    "min_quorum": row.quorum,
                    "min_threshold": row.threshold or None,
                }
                for row in summary.bounds
            ],
            "cosponsor_chambers": constitution.cosponsor_chambers,
            "admission_days": constitution.admission_days,
            "amendments_by": summary.amendments_by.slug,
            "adopted_by_decision": summary.decision_seq,
            "adopted_at": constitution.adopted_at if constitution.pk else None,
            "adopted_how": summary.source,
        }
        return Response(self.OutputSerializer(data).data)
