"""The decision log's part of a member's standing (see alliance_portal.standing): how many
published decisions taken by the day name the organisation, with a link to them in the log."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from rest_framework import serializers

from alliance_portal.standing import StandingPart, register_part
from governance.decision_log.selectors import decisions_naming_count
from members.models import Organisation


class DecisionLogPartSerializer(serializers.Serializer):
    decisions = serializers.IntegerField(
        help_text="Published decisions taken on or before the day that name the organisation."
    )
    url = serializers.CharField(help_text="The decision log filtered to those decisions.")
    api_url = serializers.CharField(help_text="The same entries through the API.")

    class Meta:
        ref_name = "StandingDecisionLog"


def decision_log_part(organisation: Organisation, as_of: date, user: Any) -> dict[str, Any]:
    query = urlencode({"organisation": organisation.slug})
    return {
        "decisions": decisions_naming_count(organisation=organisation.slug, decided_by=as_of),
        "url": f"{reverse('governance:decision-list')}?{query}",
        "api_url": f"{reverse('api:decision-log-list')}?{query}",
    }


def register() -> None:
    register_part(
        StandingPart(
            key="decision_log",
            title="In the decision log",
            template="governance/standing/decision_log.html",
            data=decision_log_part,
            order=80,
            schema=DecisionLogPartSerializer,
            note="A decision names the organisation when its published record lists it in the "
            "ballot's electorate, a conflict declaration or a consultation response, or when "
            "it filed a dissent or an endorsement about it.",
        )
    )
