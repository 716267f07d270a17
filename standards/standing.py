"""The standards app's part of a member's standing (see alliance_portal.standing): the
certifications it is recognised under on the day, public ones only. "Recognised under", never
"compliant": an audit has limits."""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework import serializers

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.standing import StandingPart, register_part
from members.models import Organisation
from standards.selectors.certifications import certification_list


class RecognitionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The certification's id in /api/v1/certifications/.")
    url = serializers.CharField(help_text="Its page on the portal.")
    standard = serializers.CharField(help_text="The standard's code.")
    standard_title = serializers.CharField()
    version = serializers.CharField(help_text="The standard version's label.")
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    sites = serializers.ListField(child=serializers.CharField())
    materials = serializers.ListField(child=serializers.CharField())
    material_labels = serializers.ListField(child=serializers.CharField())
    evidence_url = serializers.CharField(help_text="Where it can be checked (a link), or empty.")

    class Meta:
        ref_name = "StandingRecognition"


class CertificationsPartSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    recognised_under = RecognitionSerializer(many=True)

    class Meta:
        ref_name = "StandingCertifications"


def certifications_part(organisation: Organisation, as_of: date, user: Any) -> dict[str, Any]:
    """The public certifications of ``organisation`` current on ``as_of`` (certified, valid
    that day), as ``/api/v1/certifications/?organisation=…&current=true`` lists them today."""
    certifications = certification_list(
        user=user, organisation=organisation, current_on=as_of
    ).filter(disclosure=DisclosureLevel.PUBLIC)
    recognised = [
        {
            "id": certification.pk,
            "url": certification.get_absolute_url(),
            "standard": certification.version.standard.code,
            "standard_title": certification.version.standard.title,
            "version": certification.version.label,
            "valid_from": certification.valid_from,
            "valid_until": certification.valid_until,
            "sites": certification.site_list,
            "materials": list(certification.materials),
            "material_labels": certification.material_labels,
            "evidence_url": certification.evidence_url,
        }
        for certification in certifications
    ]
    return {"count": len(recognised), "recognised_under": recognised}


def register() -> None:
    register_part(
        StandingPart(
            key="certifications",
            title="Certifications recognised",
            template="standards/standing/certifications.html",
            data=certifications_part,
            order=40,
            schema=CertificationsPartSerializer,
            note="Certifications count when they are public, certified and valid on the day; "
            "one recorded as suspended since counts for no day. The portal says "
            "“recognised under”, never “compliant”: an audit has limits.",
        )
    )
