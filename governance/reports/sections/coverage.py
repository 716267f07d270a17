"""Coverage of the value chain and its gaps (as the report is built), and, in the members'
edition, the stakeholder map's engagement summary."""

from __future__ import annotations

from collections import Counter

from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import INTEGER, Column, SectionContent, Table, labels
from members import selectors as member_selectors
from members.models import CRITICAL_FROM, EngagementStatus, StakeholderGroup
from members.vocabularies import ValueChainStage

GAP_KINDS = {
    "stakeholder_group": "Critical stakeholder group not engaged",
    "material": "Material the alliance works on",
    "country": "Country the alliance works in",
}


@register_section(
    key="coverage",
    title="Coverage and gaps",
    order=70,
    description=(
        "Chamber × value-chain stage: active member organisations and partner alliances in "
        "each cell, and the gaps: critical stakeholder groups not engaged, and for each focus "
        "material and country the chambers and stages without an active member. Coverage is "
        "a picture of the day the report was built (the coverage page shows it live)."
    ),
)
def coverage_section(context: ReportContext) -> SectionContent:
    matrix = member_selectors.coverage_matrix()
    content = SectionContent()
    cells = Table(
        "coverage-matrix",
        "Coverage: chamber × value-chain stage",
        [
            Column("chamber", "Chamber"),
            Column(
                "stage",
                "Value-chain stage (identifier)",
                label="Value-chain stage",
                values=labels(ValueChainStage.choices),
            ),
            Column("members", "Active member organisations", INTEGER),
            Column("partner_alliances", "Partner alliances", INTEGER),
        ],
    )
    empty = 0
    for chamber, row in matrix.rows:
        for cell in row:
            cells.add(chamber.name, cell.stage, cell.members, cell.partners)
            empty += 0 if (cell.members or cell.partners) else 1
    gaps = Table(
        "coverage-gaps",
        "Coverage gaps",
        [
            Column("kind", "Kind of gap (identifier)", hidden=True),
            Column("kind_label", "Kind of gap"),
            Column("subject", "About"),
            Column("missing", "Who is missing"),
        ],
        pdf_columns=["kind_label", "subject", "missing"],
    )
    for gap in matrix.gaps:
        gaps.add(gap.kind, GAP_KINDS.get(gap.kind, gap.kind), gap.subject, gap.missing)
    kinds = Counter(gap.kind for gap in matrix.gaps)
    content.figure("gaps", "Gaps", len(matrix.gaps))
    content.figure(
        "groups_not_engaged",
        "Critical stakeholder groups not engaged",
        kinds["stakeholder_group"],
    )
    content.figure("empty_cells", "Chamber × stage cells with no member and no partner", empty)
    content.tables += [cells, gaps]
    if context.members_edition:
        content.tables.append(_engagement())
    return content


def _engagement() -> Table:
    """The stakeholder map (members-level) summarised: groups by engagement, and how many of
    them are critical (the rule of ``StakeholderGroup.is_critical``)."""
    groups = list(
        StakeholderGroup.objects.order_by("pk").values_list("engagement", "influence", "impact")
    )
    table = Table(
        "stakeholder-engagement",
        "Stakeholder groups by engagement (members' edition)",
        [
            Column("engagement", "Engagement (identifier)", hidden=True),
            Column("engagement_label", "Engagement"),
            Column("groups", "Groups", INTEGER),
            Column("critical_groups", "Critical groups (influence or impact 4 or more)", INTEGER),
        ],
        pdf_columns=["engagement_label", "groups", "critical_groups"],
    )
    for value, label in EngagementStatus.choices:
        mine = [g for g in groups if g[0] == value]
        table.add(
            value,
            str(label),
            len(mine),
            sum(1 for _e, influence, impact in mine if max(influence, impact) >= CRITICAL_FROM),
        )
    return table
