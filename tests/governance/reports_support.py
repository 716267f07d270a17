"""Helpers of the transparency-report tests: data across the period at every disclosure level,
and reading a built report's files back."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.proposals.models import ProposalStatus
from governance.reports.models import ReportFileKind, TransparencyReport
from members import services as member_services
from members.models import Chamber, MembershipStatus, OrganisationKind, StakeholderGroup
from tests.governance.factories import make_proposal, member_comment

S = ProposalStatus
# Words that only members-level data contain: a public edition must not hold any of them.
MEMBERS_ONLY_WORDS = ("Zanzibar-Quartz", "Members-only consultation")


@dataclass
class ReportData:
    public_decided: Any
    members_decided: Any
    members_consultation: Any
    chambers: list[Chamber]


def seed_report_data(world) -> ReportData:
    """Two more chambers with three active members each (and a person each), a public proposal
    and a members-only one decided, a members-only consultation with comments, a stakeholder
    group only members may know of."""
    industry, _ = Chamber.objects.get_or_create(
        slug="industry", defaults={"name": "Industry", "order": 1}
    )
    communities, _ = Chamber.objects.get_or_create(
        slug="communities", defaults={"name": "Affected communities", "order": 2}
    )
    organisations = []
    for chamber, names in (
        (industry, ("Copper Forge", "Cobalt Works", "Lithium Line")),
        (communities, ("Valley Voices", "River Council", "Hill Assembly")),
    ):
        for name in names:
            organisations.append(
                member_services.organisation_create(
                    actor=SYSTEM,
                    name=name,
                    chamber=chamber,
                    kind=OrganisationKind.COMPANY
                    if chamber == industry
                    else OrganisationKind.COMMUNITY_ORGANISATION,
                    membership_status=MembershipStatus.ACTIVE,
                    headquarters_country="CD" if chamber == communities else "DE",
                    value_chain_stages=["processing"] if chamber == industry else ["asm"],
                    joined_on=timezone.localdate() - timedelta(days=10),
                    contact_email=f"{name.split()[0].lower()}@org.example",
                )
            )
    public_decided = make_proposal(status=S.ADOPTED, title="Public cobalt rule")
    member_comment_on = make_proposal(status=S.CONSULTATION, title="Open consultation")
    member_comment(member_comment_on, world.own, "We agree.")
    member_comment(member_comment_on, organisations[0], "Industry agrees.")
    members_decided = make_proposal(
        status=S.REJECTED,
        disclosure=DisclosureLevel.MEMBERS,
        title=f"{MEMBERS_ONLY_WORDS[0]} sourcing rule",
    )
    members_consultation = make_proposal(
        status=S.CONSULTATION,
        disclosure=DisclosureLevel.MEMBERS,
        title=MEMBERS_ONLY_WORDS[1],
    )
    member_comment(members_consultation, world.other, "Members-only view.")
    member_comment(members_consultation, organisations[3], "Communities' view.")
    StakeholderGroup.objects.create(
        name="Hidden-Heron fishers",
        influence=2,
        impact=2,
        engagement="informal",
    )
    return ReportData(
        public_decided=public_decided,
        members_decided=members_decided,
        members_consultation=members_consultation,
        chambers=[industry, communities],
    )


def this_year_ad_hoc() -> dict[str, Any]:
    """An ad hoc period from a year ago to today: everything a test creates falls in it."""
    today = timezone.localdate()
    return {"kind": "ad_hoc", "start": today - timedelta(days=365), "end": today}


def read(report: TransparencyReport, kind: str) -> bytes:
    file = report.files.get(kind=kind)
    with default_storage.open(file.file.name, "rb") as handle:
        return handle.read()


def report_json(report: TransparencyReport) -> dict[str, Any]:
    return json.loads(read(report, ReportFileKind.JSON))


def zip_members(report: TransparencyReport) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(read(report, ReportFileKind.ZIP))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def checksums(report: TransparencyReport) -> dict[str, str]:
    """sha256 of report.json, the PDF, the ZIP and every CSV."""
    report.refresh_from_db()
    sums = {f"file:{file.kind}": file.sha256 for file in report.files.all()}
    sums.update({f"csv:{table['path']}": table["sha256"] for table in report.tables})
    return sums


def some_day(days_ago: int) -> date:
    return timezone.localdate() - timedelta(days=days_ago)


def a_section_not_recorded_yet(monkeypatch) -> None:
    """Register a section whose model the portal does not have, so a report shows how a
    section that cannot be built yet reads (every real section's model exists today)."""
    from governance.reports.sections import registry
    from governance.reports.values import SectionContent

    monkeypatch.setitem(
        registry._REGISTRY,
        "not-recorded",
        registry.SectionSpec(
            "not-recorded",
            "Something not recorded yet",
            999,
            lambda context: SectionContent(),
            "A section whose data the portal does not record yet.",
            requires=("governance.NotRecordedYet",),
        ),
    )
