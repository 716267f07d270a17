"""The tally rules of Governance II, table-driven, with the worked examples of the issue."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import pytest

from governance.tally import tally


def chambers(**spec: Sequence[str | None]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """chambers(X=["yes", "yes", "no", None]) → eligible organisations X1..X4 and their votes
    (None: did not vote)."""
    eligible: dict[str, set[str]] = {}
    votes: dict[str, str] = {}
    for chamber, choices in spec.items():
        eligible[chamber] = set()
        for number, choice in enumerate(choices, start=1):
            organisation = f"{chamber}{number}"
            eligible[chamber].add(organisation)
            if choice is not None:
                votes[organisation] = choice
    return eligible, votes


EXAMPLE_A = chambers(
    X=["yes", "yes", "yes", "no"],
    Y=["yes", "yes"],
    Z=["yes", "yes", "no", "no", "abstain", None],
)
EXAMPLE_B = chambers(X=["yes"] * 9 + ["no"], Y=["no", "no"], Z=["yes", "no"])


def test_example_a_adopted_both_ways() -> None:
    eligible, votes = EXAMPLE_A
    balanced = tally(method="chamber_balanced", eligible=eligible, votes=votes)
    shares = {g.group: g.share for g in balanced.groups}
    assert shares == {"X": Fraction(3, 4), "Y": Fraction(1), "Z": Fraction(1, 2)}
    assert balanced.support == Fraction(3, 4)
    assert balanced.outcome == "adopted"
    flat = tally(method="one_member_one_vote", eligible=eligible, votes=votes)
    assert (flat.groups[0].yes, flat.groups[0].no, flat.support) == (7, 3, Fraction(7, 10))
    assert flat.outcome == "adopted"


def test_example_b_chamber_balance_rejects_what_a_head_count_adopts() -> None:
    eligible, votes = EXAMPLE_B
    balanced = tally(method="chamber_balanced", eligible=eligible, votes=votes)
    assert [g.share for g in balanced.groups] == [Fraction(9, 10), Fraction(0), Fraction(1, 2)]
    assert balanced.support == Fraction(7, 15)
    assert balanced.outcome == "rejected"
    flat = tally(method="one_member_one_vote", eligible=eligible, votes=votes)
    assert flat.support == Fraction(10, 14)
    assert flat.outcome == "adopted"


def test_example_c_no_quorum() -> None:
    eligible, votes = chambers(Y=["yes", None, None, None])
    result = tally(method="chamber_balanced", eligible=eligible, votes=votes)
    assert result.groups[0].quorum_needed == 2
    assert result.outcome == "no_quorum"


def test_example_d_a_chamber_whose_only_organisation_is_recused_takes_no_part() -> None:
    eligible, votes = chambers(X=["yes", "yes", "no"], W=["no"])
    with_w = tally(method="chamber_balanced", eligible=eligible, votes=votes)
    assert with_w.outcome == "rejected"  # (2/3 + 0) / 2 = 1/3
    recused = tally(method="chamber_balanced", eligible=eligible, votes=votes, recused={"W1"})
    w = next(g for g in recused.groups if g.group == "W")
    assert (w.takes_part, w.recused) == (False, 1)
    assert recused.support == Fraction(2, 3)
    assert recused.outcome == "adopted"
    without_w = tally(method="chamber_balanced", eligible={"X": eligible["X"]}, votes=votes)
    assert without_w.outcome == recused.outcome
    assert without_w.support == recused.support


@pytest.mark.parametrize(
    ("spec", "kwargs", "outcome"),
    [
        # Exactly the threshold adopts; just under rejects.
        ({"X": ["yes", "yes", "no"]}, {}, "adopted"),
        ({"X": ["yes", "no"]}, {}, "rejected"),
        # Quorum is ceil(q × |E|): 3 of 5 needed at 1/2.
        ({"X": ["yes", "yes", None, None, None]}, {}, "no_quorum"),
        ({"X": ["yes", "yes", "abstain", None, None]}, {}, "adopted"),
        # Abstentions count for quorum, not for the share; all abstaining gives share 0.
        ({"X": ["abstain", "abstain"]}, {}, "rejected"),
        # Concurrent majority: every chamber above 1/2.
        (
            {"X": ["yes"], "Y": ["yes"], "Z": ["yes", "no"]},
            {"concurrent_majority": True},
            "rejected",
        ),
        ({"X": ["yes"], "Y": ["yes"], "Z": ["yes", "no"]}, {}, "adopted"),
        # A higher quorum.
        ({"X": ["yes", "yes", None]}, {"quorum": Fraction(3, 4)}, "no_quorum"),
        # One chamber missing quorum gives no_quorum even when support is high.
        ({"X": ["yes", "yes"], "Y": ["yes", None, None]}, {}, "no_quorum"),
        # Nobody eligible at all.
        ({}, {}, "no_quorum"),
    ],
)
def test_chamber_balanced_rules(spec, kwargs, outcome) -> None:
    eligible, votes = chambers(**spec)
    assert (
        tally(method="chamber_balanced", eligible=eligible, votes=votes, **kwargs).outcome
        == outcome
    )


def test_a_recused_organisations_vote_is_not_counted() -> None:
    eligible, votes = chambers(X=["no", "yes", "yes"])
    assert tally(method="one_member_one_vote", eligible=eligible, votes=votes).outcome == "adopted"
    result = tally(
        method="one_member_one_vote", eligible=eligible, votes=votes, recused={"X2", "X3"}
    )
    assert (result.groups[0].eligible, result.groups[0].yes, result.groups[0].no) == (1, 0, 1)
    assert result.outcome == "rejected"


@pytest.mark.parametrize(
    ("choices", "outcome"),
    [
        (["consent", "consent", "abstain"], "adopted"),
        (["consent", "consent", "object"], "rejected"),
        (["consent", None, None], "no_quorum"),
        (["abstain", "abstain", None], "adopted"),
    ],
)
def test_consent(choices, outcome) -> None:
    eligible, votes = chambers(X=choices[:2], Y=choices[2:])
    assert tally(method="consent", eligible=eligible, votes=votes).outcome == outcome


def test_unknown_choices_and_float_rules_are_refused() -> None:
    eligible, _ = chambers(X=[None])
    with pytest.raises(ValueError, match="know no choice"):
        tally(method="consent", eligible=eligible, votes={"X1": "yes"})
    with pytest.raises(TypeError, match="exact fractions"):
        tally(method="chamber_balanced", eligible=eligible, votes={}, threshold=0.66)  # type: ignore[arg-type]


def test_votes_of_organisations_that_are_not_eligible_are_ignored() -> None:
    eligible, votes = chambers(X=["yes", "yes"])
    result = tally(method="chamber_balanced", eligible=eligible, votes={**votes, "Q9": "no"})
    assert result.groups[0].no == 0
    assert result.outcome == "adopted"
