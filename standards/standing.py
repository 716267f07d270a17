"""The standards app's parts of a member's standing (see alliance_portal.standing): the
certifications it is recognised under on the day, public ones only ("recognised under", never
"compliant": an audit has limits); the commitment tier it had declared that day, with how far
its latest report's public answers go towards it; and, for each reporting cycle due by the day,
whether its report was submitted and on time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from rest_framework import serializers

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.standing import StandingPart, register_part
from members.models import Organisation
from standards.models import AnswerStatus, ReportVersion, VersionState
from standards.selectors.certifications import certification_list
from standards.selectors.reports import reports_on_time
from standards.selectors.tiers import commitment_list, tier_progress


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


def _day_end(day: date) -> datetime:
    """The first instant after ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


class TierPartSerializer(serializers.Serializer):
    tier = serializers.CharField(help_text="The tier's name.")
    tier_url = serializers.CharField(help_text="The tier's page: its requirements.")
    declared_on = serializers.DateField(help_text="The day the commitment was declared.")
    target_date = serializers.DateField(help_text="The day by which it means to meet the tier.")
    requirements = serializers.IntegerField(help_text="The tier's baseline requirements.")
    reported_implemented = serializers.IntegerField(
        help_text="Of those, how many the latest report submitted by the day states implemented "
        "in a public answer."
    )
    report = serializers.CharField(
        allow_null=True, help_text="The reporting cycle of that report, or null: none submitted."
    )

    class Meta:
        ref_name = "StandingTier"


def tier_part(organisation: Organisation, as_of: date, user: Any) -> dict[str, Any] | None:
    """The public commitment ``organisation`` had declared on ``as_of`` (declared by the end
    of that day and not ended by then), and its progress: the tier's baseline requirements its
    latest report submitted by that day states implemented in a public answer."""
    end = _day_end(as_of)
    commitment = (
        commitment_list(user=user, organisation=organisation, current=False)
        .filter(declared_at__lt=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=end))
        .prefetch_related("tier__baseline_requirements")
        .first()
    )
    if commitment is None:
        return None
    version = (
        ReportVersion.objects.filter(
            report__organisation=organisation,
            state=VersionState.SUBMITTED,
            submitted_at__lt=end,
        )
        .select_related("report__cycle")
        .order_by("-report__cycle__due_on", "-number")
        .first()
    )
    implemented = (
        set(
            version.answers.filter(
                disclosure=DisclosureLevel.PUBLIC, status=AnswerStatus.IMPLEMENTED
            ).values_list("requirement_id", flat=True)
        )
        if version
        else set()
    )
    progress = tier_progress(tier=commitment.tier, implemented=implemented)
    return {
        "tier": commitment.tier.name,
        "tier_url": commitment.tier.get_absolute_url(),
        "declared_on": timezone.localdate(commitment.declared_at),
        "target_date": commitment.target_date,
        "requirements": progress.total,
        "reported_implemented": progress.done,
        "report": version.report.cycle.title if version else None,
    }


class CycleReportSerializer(serializers.Serializer):
    cycle = serializers.CharField(help_text="The reporting cycle's title.")
    due_on = serializers.DateField()
    submitted_on = serializers.DateField(
        allow_null=True,
        help_text="The day the report was first submitted, or null: not by the day.",
    )
    on_time = serializers.BooleanField(help_text="Submitted on or before the due date.")

    class Meta:
        ref_name = "StandingCycleReport"


class ReportsPartSerializer(serializers.Serializer):
    cycles = serializers.IntegerField(help_text="Reporting cycles due by the day.")
    on_time = serializers.IntegerField(help_text="Of those, reports submitted on time.")
    reports = CycleReportSerializer(many=True)

    class Meta:
        ref_name = "StandingReports"


def reports_part(organisation: Organisation, as_of: date, user: Any) -> dict[str, Any] | None:
    """For each reporting cycle due on or before ``as_of``: whether ``organisation`` had
    submitted its report by that day, and whether on time (by the due date)."""
    rows = [
        {
            "cycle": row.title,
            "due_on": row.due_on,
            "submitted_on": row.submitted_on
            if row.submitted_on is not None and row.submitted_on <= as_of
            else None,
            "on_time": bool(row.on_time) and row.submitted_on is not None,
        }
        for row in reports_on_time(organisation=organisation, user=user)
        if row.due_on <= as_of
    ]
    if not rows:
        return None
    return {
        "cycles": len(rows),
        "on_time": sum(1 for row in rows if row["on_time"]),
        "reports": rows,
    }


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
    register_part(
        StandingPart(
            key="tier",
            title="Tier committed to",
            template="standards/standing/tier.html",
            data=tier_part,
            order=30,
            schema=TierPartSerializer,
            note="The tier is the public commitment the organisation had declared on the day; "
            "its progress counts the tier's baseline requirements that the latest report "
            "submitted by that day states implemented in a public answer (answers shared with "
            "members or the secretariat only are not counted here).",
        )
    )
    register_part(
        StandingPart(
            key="reports",
            title="Reports submitted on time",
            template="standards/standing/reports.html",
            data=reports_part,
            order=50,
            schema=ReportsPartSerializer,
            note="Every reporting cycle due by the day: a report counts as on time when it was "
            "first submitted on or before the cycle's due date (a later correction does not "
            "change that).",
        )
    )
