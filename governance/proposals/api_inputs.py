"""Serializers of member-tabled proposals shared by the proposal API: a member's draft as
input, and the tabling facts (origin, deadline, co-sponsors by chamber) as output."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import text_input
from governance.bodies.models import Body
from governance.common.api import CountryField, choice_field
from governance.objectives.models import Issue, Objective
from governance.proposals.models import Proposal
from members.vocabularies import Material

PROPOSAL_DISCLOSURE = [
    (DisclosureLevel.PUBLIC.value, "Public"),
    (DisclosureLevel.MEMBERS.value, "Members"),
]


class SponsorSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    chamber = serializers.CharField(source="chamber.slug", read_only=True)
    chamber_name = serializers.CharField(source="chamber.name", read_only=True)
    sponsored_at = serializers.DateTimeField(read_only=True)

    class Meta:
        ref_name = "ProposalSponsor"


class TablingSerializer(serializers.Serializer):
    origin = serializers.CharField(
        help_text="secretariat, or member (drafted by a member organisation, then tabled)."
    )
    tabled_at = serializers.DateTimeField(allow_null=True)
    admission_due_at = serializers.DateTimeField(
        allow_null=True, help_text="The secretariat admits or declines it by then."
    )
    admission_overdue = serializers.BooleanField(source="admission_is_overdue")
    sponsors = SponsorSerializer(
        many=True, help_text="Co-sponsors, by chamber (chamber order, then name)."
    )

    class Meta:
        ref_name = "ProposalTabling"


class DraftInputSerializer(serializers.Serializer):
    """A member organisation's draft: what its representative may write. What only the
    secretariat sets (the sponsor organisation, the consultation's schedule) is refused."""

    body: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all()
    )
    title = serializers.CharField(max_length=200)
    summary = text_input(Proposal, "summary")
    text = text_input(Proposal, "text", help_text="Markdown; each top-level paragraph is numbered.")
    disclosure = choice_field(PROPOSAL_DISCLOSURE, required=False)
    objectives: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Objective.objects.all(), many=True, required=False
    )
    issues: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        queryset=Issue.objects.all(), many=True, required=False
    )
    countries = serializers.ListField(child=CountryField(), required=False)
    materials = serializers.ListField(child=choice_field(Material), required=False)

    class Meta:
        ref_name = "ProposalDraftInput"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        extra = sorted(set(getattr(self, "initial_data", {}) or {}) - set(self.fields))
        if extra:
            raise serializers.ValidationError(
                dict.fromkeys(
                    extra,
                    "A member's draft does not set this: the author organisation is "
                    "yours and the secretariat schedules the consultation when it admits it.",
                )
            )
        return attrs


def proposal_input(
    secretariat: type[serializers.Serializer], name: str, *, partial: bool = False
) -> PolymorphicProxySerializer:
    """The schema of a proposal's input: the secretariat's, or a member's draft."""
    return PolymorphicProxySerializer(
        component_name=name,
        serializers=[secretariat(partial=partial), DraftInputSerializer(partial=partial)],
        resource_type_field_name=None,
    )
