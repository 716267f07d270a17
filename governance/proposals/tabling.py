"""The tabling rule of a member's proposal, in one place.

A member organisation's draft is *tabled* once organisations from at least
``other_chambers`` chambers other than the author's own have co-sponsored it; the secretariat
then admits it to consultation or declines it within ``admission_days`` of its tabling.

``tabling_rules(body)`` is the one function that says what the numbers are for a body: they are
the body's constitution settings (``cosponsor_chambers``, ``admission_days``), adopted and changed
only by a decision of the General Assembly (``governance.bodies.constitution``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from governance.bodies.constitution import constitution_for
from governance.bodies.models import Body


@dataclass(frozen=True)
class TablingRules:
    """How many chambers other than the author's must co-sponsor, and how many days the
    secretariat has to admit or decline a tabled proposal."""

    other_chambers: int
    admission_days: int


def tabling_rules(body: Body) -> TablingRules:
    """The tabling rule for proposals put to ``body``, as its constitution sets it now."""
    constitution = constitution_for(body)
    return TablingRules(
        other_chambers=constitution.cosponsor_chambers,
        admission_days=constitution.admission_days,
    )


@dataclass(frozen=True)
class TablingCount:
    """Where a draft stands against its rule: the other chambers its co-sponsors come from,
    how many more it needs, and whether it may be tabled."""

    rules: TablingRules
    chambers: frozenset[int]

    @property
    def missing(self) -> int:
        return max(0, self.rules.other_chambers - len(self.chambers))

    @property
    def is_met(self) -> bool:
        return self.missing == 0


def count_chambers(
    *, rules: TablingRules, author_chamber_id: int, sponsor_chamber_ids: Iterable[int]
) -> TablingCount:
    """Count the distinct chambers of the co-sponsors, the author's own chamber left out
    (co-sponsors from it are welcome but do not count towards the rule)."""
    return TablingCount(
        rules=rules,
        chambers=frozenset(c for c in sponsor_chamber_ids if c != author_chamber_id),
    )
