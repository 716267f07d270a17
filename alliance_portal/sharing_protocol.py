"""The information-sharing protocol in forms (issue 18, item 4): what a form will share with
whom, from the disclosure levels chosen in it, and what must never be entered; with the
competition-law statement in force (issue 20, item 3). Used with
``templates/includes/sharing_protocol.html`` by every form that collects member information
(``tests/standards/test_competition_panel.py`` lists them and renders each)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from alliance_portal.competition_law import RULE, TOPICS, Statement, current_statement
from alliance_portal.disclosure import LEVEL_ORDER, DisclosureLevel

# What each level means, in the readers' words.
READERS = {
    DisclosureLevel.PUBLIC: "anyone, also people outside the alliance and search engines",
    DisclosureLevel.MEMBERS: "people of member organisations and civil-society reviewers",
    DisclosureLevel.SECRETARIAT: "the secretariat only (its reads are logged)",
}

# Never entered anywhere in the portal (competition law: no commercial information); the
# validator of ``alliance_portal.competition_law`` refuses them.
NEVER_ENTER = tuple(TOPICS.values())


@dataclass(frozen=True)
class SharingLine:
    level: str
    label: str
    readers: str
    count: int


@dataclass(frozen=True)
class SharingSummary:
    """What a form shares: per disclosure level, how many of its items and with whom."""

    item: str  # "answer", "certification"
    lines: list[SharingLine]
    never_enter: tuple[str, ...] = NEVER_ENTER
    organisation_name: str = ""
    statement: Statement | None = None  # the competition-law statement in force
    competition_rule: str = RULE

    @property
    def total(self) -> int:
        return sum(line.count for line in self.lines)


def sharing_summary(
    levels: Iterable[str], *, item: str, organisation_name: str = ""
) -> SharingSummary:
    """The summary for a form whose items carry ``levels`` (one per item, as chosen now)."""
    counts = Counter(level for level in levels if level in LEVEL_ORDER)
    lines = [
        SharingLine(
            level=level,
            label=str(DisclosureLevel(level).label),
            readers=READERS[DisclosureLevel(level)],
            count=counts[level],
        )
        for level in LEVEL_ORDER
    ]
    return SharingSummary(
        item=item,
        lines=lines,
        organisation_name=organisation_name,
        statement=current_statement(),
    )


def form_sharing(
    form: Any, *, item: str, organisation_name: str = "", field: str = "disclosure"
) -> SharingSummary:
    """The summary for a form with one disclosure ``field``: the level posted, else the one
    saved (the form's initial), else the field's default."""
    level = (
        (form.data.get(field) if form.is_bound else None)
        or form.initial.get(field)
        or form.fields[field].initial
    )
    return sharing_summary([level], item=item, organisation_name=organisation_name)
