"""The members app's parts of a member's standing (see alliance_portal.standing): its
membership (member since, chamber) and the agreements its people accepted."""

from __future__ import annotations

from rest_framework import serializers

from alliance_portal.standing import StandingPart, register_part
from members.models import AgreementKind, MembershipStatus
from members.selectors.standing import agreements_part, membership_part


class ChamberRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()

    class Meta:
        ref_name = "StandingChamber"


class MembershipPartSerializer(serializers.Serializer):
    member_since = serializers.DateField(
        allow_null=True, help_text="The day it joined the alliance (none for an applicant)."
    )
    joined_by_then = serializers.BooleanField(help_text="It had joined by the day asked for.")
    membership_status = serializers.ChoiceField(choices=MembershipStatus.choices)
    membership_status_label = serializers.CharField()
    chamber = ChamberRefSerializer()

    class Meta:
        ref_name = "StandingMembership"


class AgreementStandingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AgreementKind.choices)
    kind_label = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    published_on = serializers.DateField()
    accepted = serializers.BooleanField(
        help_text="Accepted by the organisation's people by the day asked for."
    )
    first_accepted_on = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "StandingAgreement"


class AgreementsPartSerializer(serializers.Serializer):
    agreements = AgreementStandingSerializer(many=True)
    all_accepted = serializers.BooleanField()

    class Meta:
        ref_name = "StandingAgreements"


def register() -> None:
    register_part(
        StandingPart(
            key="membership",
            title="Membership",
            template="members/standing/membership.html",
            data=membership_part,
            order=10,
            schema=MembershipPartSerializer,
            note="Member since is the day the secretariat recorded the organisation joining.",
        )
    )
    register_part(
        StandingPart(
            key="agreements",
            title="Agreements accepted",
            template="members/standing/agreements.html",
            data=agreements_part,
            order=20,
            schema=AgreementsPartSerializer,
            note="An agreement counts as accepted when at least one of the organisation's "
            "people accepted the version in force on the day, on or before that day; who "
            "accepted it is not published.",
        )
    )
