"""API: the balance figures over the period the reader chooses, as the dashboard shows them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.balance import selectors
from governance.balance.figures import Balance
from governance.balance.forms import PeriodForm, period_form
from governance.balance.periods import PERIOD_CHOICES
from governance.common.api import ErrorSerializer
from governance.meetings.api.requests import ChamberFiguresSerializer
from governance.meetings.selectors import figures_as_rows

PERCENT_HELP = "Percent, one decimal, rounded half up; null when the chamber has no eligible one."


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=", ".join(key for key, _ in PERIOD_CHOICES))
    label = serializers.CharField()  # type: ignore[assignment]
    starts_at = serializers.DateTimeField(allow_null=True, help_text="null for all time.")
    ends_before = serializers.DateTimeField(help_text="The period is [starts_at, ends_before).")
    in_words = serializers.CharField()

    class Meta:
        ref_name = "BalancePeriod"


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.DecimalField(
        max_digits=12, decimal_places=1, allow_null=True, help_text="null: nothing to measure."
    )
    unit = serializers.CharField(help_text="days or %.")
    items = serializers.IntegerField(help_text="How many items the figure stands on.")
    items_label = serializers.CharField(help_text="What the items are.")
    rule = serializers.CharField(help_text="The counting rule.")

    class Meta:
        ref_name = "BalanceFigure"


class ParticipationSerializer(serializers.Serializer):
    chamber = serializers.CharField(allow_null=True, help_text="Chamber slug; null for all.")
    chamber_name = serializers.CharField()
    eligible = serializers.IntegerField(help_text="Member organisations in good standing.")
    commented = serializers.IntegerField()
    commented_percent = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text=PERCENT_HELP
    )
    voted = serializers.IntegerField()
    voted_percent = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text=PERCENT_HELP
    )
    community_groups_heard = serializers.IntegerField(
        help_text="Community groups (not members) of the chamber whose input was recorded."
    )

    class Meta:
        ref_name = "BalanceParticipation"


class MeetingAccessSerializer(serializers.Serializer):
    chambers = ChamberFiguresSerializer(many=True)
    all = ChamberFiguresSerializer()

    class Meta:
        ref_name = "BalanceMeetingAccess"


class BalanceOutputSerializer(serializers.Serializer):
    period = PeriodSerializer()
    figures = FigureSerializer(many=True)
    participation = ParticipationSerializer(many=True)
    meeting_access = MeetingAccessSerializer()

    class Meta:
        ref_name = "Balance"


def balance_data(balance: Balance) -> dict[str, Any]:
    """The figures as plain data (the API's answer)."""
    period = balance.period
    return {
        "period": {
            "key": period.key,
            "label": period.label,
            "starts_at": period.starts_at,
            "ends_before": period.ends_before,
            "in_words": period.in_words,
        },
        "figures": [vars(figure) for figure in balance.figures],
        "participation": [
            {
                "chamber": row.chamber.slug if row.chamber else None,
                "chamber_name": row.name,
                "eligible": row.eligible,
                "commented": row.commented.count,
                "commented_percent": row.commented.value,
                "voted": row.voted.count,
                "voted_percent": row.voted.value,
                "community_groups_heard": row.groups_heard,
            }
            for row in balance.participation
        ],
        "meeting_access": {
            "chambers": figures_as_rows(balance.meeting_access.chambers),
            "all": figures_as_rows([balance.meeting_access.total])[0],
        },
    }


class BalanceApi(APIView):
    """The balance of consultation and action over a period: median days a consultation was
    open and from its close to the decision, per chamber the eligible organisations that
    commented and voted, and the meeting-access figures; each with the number of items behind
    it. Counted over the proposals you may see; recompute them from the proposals',
    comments', ballots' (roll-call votes) and decision log's dates."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "period",
                str,
                description="90d (last 90 days), 12m (last 12 months, the default) or all.",
            )
        ],
        responses={200: BalanceOutputSerializer, 400: ErrorSerializer},
        operation_id="balance_retrieve",
    )
    def get(self, request: Request) -> Response:
        form: PeriodForm = period_form({"period": request.query_params.get("period", "")})
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        balance = selectors.balance(user=request.user, period=form.chosen())
        return Response(BalanceOutputSerializer(balance_data(balance)).data)
