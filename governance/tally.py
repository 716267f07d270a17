"""Ballot results, computed exactly from the stored votes by one pure function.

The rules (Governance II, item 3). Let E_c be the eligible organisations of chamber c minus
those recused; a chamber takes part only when E_c is not empty. cast_c counts the organisations
of E_c that cast a vote (yes, no or abstain; consent, object or abstain in a consent ballot).

- ``chamber_balanced``: chamber c meets quorum when cast_c >= ceil(quorum × |E_c|);
  share_c = yes_c / (yes_c + no_c), or 0 when no one voted yes or no. Adopted iff every chamber
  taking part meets quorum, the unweighted mean of share_c reaches the threshold and, with
  ``concurrent_majority``, every share_c is above 1/2. ``no_quorum`` when some chamber misses
  quorum; otherwise rejected.
- ``one_member_one_vote``: the same with one group of all eligible organisations; adopted iff
  quorum is met and yes / (yes + no) reaches the threshold.
- ``consent``: one group; adopted iff quorum is met and nobody objects.

When no organisation is left to take part (all recused, or none eligible), the result is
``no_quorum``: nobody could decide. Quorum and threshold are exact fractions; nothing here is a
float. What differs between the methods (the choices, the grouping, the support, the
decision) is asked of the method's rule object (``governance.ballots.methods``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Set
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from governance.ballots.methods import Method, Outcome, method_for

ALL_TOGETHER = "all"  # the one group of a method that does not count by chamber
ChamberT = TypeVar("ChamberT", bound=Hashable)
OrganisationT = TypeVar("OrganisationT", bound=Hashable)


@dataclass(frozen=True)
class GroupTally:
    """The count of one chamber (or, outside chamber balance, of all eligible organisations)."""

    group: Hashable
    eligible: int  # |E_c|: eligible and not recused
    recused: int
    cast: int
    yes: int
    no: int
    abstain: int
    objections: int
    quorum_needed: int
    share: Fraction  # yes / (yes + no), 0 when nobody voted yes or no

    @property
    def takes_part(self) -> bool:
        return self.eligible > 0

    @property
    def quorum_met(self) -> bool:
        return self.cast >= self.quorum_needed


@dataclass(frozen=True)
class TallyResult:
    outcome: Outcome
    method: str  # the value of a registered method
    quorum: Fraction
    threshold: Fraction
    concurrent_majority: bool
    groups: tuple[GroupTally, ...]  # every chamber (or the one group), those not taking part too
    support: (
        Fraction | None
    )  # the mean of shares, or the one group's share; None if no one took part

    @property
    def taking_part(self) -> tuple[GroupTally, ...]:
        return tuple(group for group in self.groups if group.takes_part)


def _count(
    rule: Method,
    group: Hashable,
    members: Set[OrganisationT],
    recused: Set[OrganisationT],
    votes: Mapping[OrganisationT, str],
    quorum: Fraction,
) -> GroupTally:
    """One group's figures: each choice counts as the figure its method says (a consent as
    yes, an objection as an objection); the share of yes votes only where the method measures
    support against a threshold."""
    voters = members - recused
    choices = [votes[organisation] for organisation in voters if organisation in votes]
    figures = Counter(rule.counts_as.get(choice, choice) for choice in choices)
    yes, no = figures["yes"], figures["no"]
    share = Fraction(yes, yes + no) if rule.uses_threshold and yes + no else Fraction(0)
    return GroupTally(
        group=group,
        eligible=len(voters),
        recused=len(members & recused),
        cast=len(choices),
        yes=yes,
        no=no,
        abstain=figures["abstain"],
        objections=figures["object"],
        quorum_needed=math.ceil(quorum * len(voters)),
        share=share,
    )


def tally(
    *,
    method: str,
    eligible: Mapping[ChamberT, Set[OrganisationT]],
    votes: Mapping[OrganisationT, str],
    recused: Set[OrganisationT] = frozenset(),
    quorum: Fraction = Fraction(1, 2),
    threshold: Fraction = Fraction(2, 3),
    concurrent_majority: bool = False,
) -> TallyResult:
    """The result of a ballot of ``method`` (the value of a registered method).

    ``eligible`` maps each chamber to the organisations of it that may vote on this ballot;
    ``votes`` maps an organisation to its choice; ``recused`` holds the organisations recused by
    a conflict of interest (their votes, if any, are not counted). Votes of organisations that
    are not eligible are ignored. Raises ValueError on a choice the method does not know.
    """
    rule = method_for(method)
    unknown = {choice for choice in votes.values() if choice not in rule.choice_values}
    if unknown:
        raise ValueError(f"{method} ballots know no choice {sorted(unknown)}")
    if not isinstance(quorum, Fraction) or not isinstance(threshold, Fraction):
        raise TypeError("quorum and threshold must be exact fractions")

    if rule.by_chamber:
        groups = tuple(
            _count(rule, chamber, frozenset(members), recused, votes, quorum)
            for chamber, members in eligible.items()
        )
    else:
        everyone: frozenset[OrganisationT] = frozenset().union(*eligible.values())
        groups = (_count(rule, ALL_TOGETHER, everyone, recused, votes, quorum),)

    taking_part = [group for group in groups if group.takes_part]

    def result(outcome: Outcome, support: Fraction | None) -> TallyResult:
        return TallyResult(
            outcome=outcome,
            method=method,
            quorum=quorum,
            threshold=threshold,
            concurrent_majority=concurrent_majority,
            groups=groups,
            support=support,
        )

    if not taking_part:
        return result("no_quorum", None)
    support = rule.support(taking_part)
    if not all(group.quorum_met for group in taking_part):
        return result("no_quorum", support)
    outcome, published = rule.decide(
        taking_part, support=support, threshold=threshold, concurrent_majority=concurrent_majority
    )
    return result(outcome, published)
