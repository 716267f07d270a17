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
