"""Sections whose data other work adds to the portal: actions after decisions and funded
initiatives. Until their models exist the report says they are not yet available. The moment
a model appears, the section must be written here against its real fields: until then a build
fails loudly (``SectionNotWritten``) instead of publishing an empty or guessed section."""

from __future__ import annotations

from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import SectionContent


class SectionNotWritten(NotImplementedError):
    """A section's model exists but the section has not been written for it yet."""


@register_section(
    key="actions",
    title="Actions after decisions",
    order=50,
    description=(
        "Actions that follow decisions: done and overdue in the period, and the time from a "
        "decision to its action being done, beside the time spent in consultation."
    ),
    requires=("governance.Action",),
)
def actions_section(context: ReportContext) -> SectionContent:
    raise SectionNotWritten(
        "governance.Action exists: write the actions section in "
        "governance/reports/sections/pending.py against its fields."
    )


@register_section(
    key="initiatives",
    title="Funded initiatives",
    order=95,
    description="Initiatives funded in the period, their budgets and pledges, and funding gaps.",
    requires=("governance.Initiative",),
)
def initiatives_section(context: ReportContext) -> SectionContent:
    raise SectionNotWritten(
        "governance.Initiative exists: write the initiatives section in "
        "governance/reports/sections/pending.py against its fields."
    )
