"""The issue's worked examples, end to end: organisations declare and vote through the
services, the ballot closes, and the stored result, the decision record and a recomputation
from the votes published by the API (with the rules written out again in the test, not by
calling governance.tally) all agree."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import pytest
from rest_framework.test import APIClient

from governance.ballots.models import Decision
from governance.proposals.models import Proposal
from tests.governance.test_ballots_factories import RECUSED, close, recompute_from_api, scenario

pytestmark = pytest.mark.django_db

A: dict[str, Sequence[str | None]] = {
    "x": ["yes", "yes", "yes", "no"],
    "y": ["yes", "yes"],
    "z": ["yes", "yes", "no", "no", "abstain", None],
}
B: dict[str, Sequence[str | None]] = {
    "x": ["yes"] * 9 + ["no"],
    "y": ["no", "no"],
    "z": ["yes", "no"],
}


def _chambers(decision: Decision) -> dict[str, dict]:
    return {row["chamber"]["slug"]: row for row in decision.record["tally"]["chambers"]}


def _closed(ballot) -> Decision:
    close(ballot)
    return Decision.objects.get(ballot=ballot)


def _check_everywhere(ballot, decision: Decision, outcome: str) -> None:
    """Stored result, decision, proposal and the API-based recomputation agree."""
    ballot.refresh_from_db()
    assert ballot.outcome == decision.outcome == outcome
    assert Proposal.objects.get(pk=ballot.proposal_id).status == outcome
    assert decision.record["outcome"] == outcome
    assert recompute_from_api(APIClient(), ballot.pk) == outcome


def test_example_a_chamber_balanced(make_organisation) -> None:
    ballot, _ = scenario(make_organisation, A, title="Example A")
    decision = _closed(ballot)
    _check_everywhere(ballot, decision, "adopted")
    rows = _chambers(decision)
    assert {slug: rows[slug]["share"] for slug in "xyz"} == {
        "x": {"num": 3, "den": 4},
        "y": {"num": 1, "den": 1},
        "z": {"num": 1, "den": 2},
    }
    assert decision.record["tally"]["support"] == {"num": 3, "den": 4}
    z = rows["z"]
    assert (z["eligible"], z["cast"], z["yes"], z["no"], z["abstain"]) == (6, 5, 2, 2, 1)
    assert (z["quorum_needed"], z["quorum_met"]) == (3, True)


def test_example_a_one_member_one_vote(make_organisation) -> None:
    ballot, _ = scenario(make_organisation, A, title="Example A2", method="one_member_one_vote")
    decision = _closed(ballot)
    _check_everywhere(ballot, decision, "adopted")
    overall = decision.record["tally"]["overall"]
    assert (overall["yes"], overall["no"]) == (7, 3)
    assert decision.record["tally"]["support"] == {"num": 7, "den": 10}


def test_example_b_chamber_balance_rejects_what_head_count_would_adopt(make_organisation) -> None:
    ballot, _ = scenario(make_organisation, B, title="Example B")
    decision = _closed(ballot)
    _check_everywhere(ballot, decision, "rejected")
    assert decision.record["tally"]["support"] == {"num": 7, "den": 15}
    # The same published votes counted one member one vote: 10/14 >= 2/3.
    assert recompute_from_api(APIClient(), ballot.pk, method="one_member_one_vote") == "adopted"

    head_count, _ = scenario(make_organisation, B, title="Example B2", method="one_member_one_vote")
    decision = _closed(head_count)
    _check_everywhere(head_count, decision, "adopted")
    assert decision.record["tally"]["support"] == {"num": 5, "den": 7}


def test_example_c_no_quorum(make_organisation) -> None:
    ballot, _ = scenario(
        make_organisation, {"x": ["yes", "yes"], "y": ["yes", None, None, None]}, title="C"
    )
    decision = _closed(ballot)
    _check_everywhere(ballot, decision, "no_quorum")
    y = _chambers(decision)["y"]
    assert (y["cast"], y["quorum_needed"], y["quorum_met"]) == (1, 2, False)
    assert "Quorum was not met in: Y." in decision.rationale


def test_example_d_a_chamber_all_recused_takes_no_part(make_organisation) -> None:
    ballot, _ = scenario(
        make_organisation, {"w": [RECUSED], "x": ["yes", "yes", "no"]}, title="Example D"
    )
    decision = _closed(ballot)
    # W left out of quorum and mean: X alone decides, 2/3 >= 2/3.
    _check_everywhere(ballot, decision, "adopted")
    w = _chambers(decision)["w"]
    assert (w["takes_part"], w["electorate"], w["eligible"], w["recused"]) == (False, 1, 0, 1)
    assert decision.record["tally"]["support"] == {"num": 2, "den": 3}
    assert decision.record["conflict_declarations"][0]["recused"] is True


def test_concurrent_majority_and_consent(make_organisation) -> None:
    votes = {"x": ["yes", "yes", "yes"], "y": ["yes", "yes"], "z": ["yes", "no", "no"]}
    ballot, _ = scenario(make_organisation, votes, title="Concurrent", concurrent_majority=True)
    decision = _closed(ballot)
    # Mean (1 + 1 + 1/3) / 3 = 7/9 >= 2/3, but Z's share 1/3 is not above 1/2.
    _check_everywhere(ballot, decision, "rejected")
    assert decision.record["tally"]["support"] == {"num": 7, "den": 9}

    consent, _ = scenario(
        make_organisation,
        {"x": ["consent", "consent", "object"], "y": ["abstain", "consent"]},
        title="Consent",
        method="consent",
    )
    decision = _closed(consent)
    _check_everywhere(consent, decision, "rejected")
    roll_call = {row["choice"]: row["reason"] for row in decision.record["roll_call"]}
    assert roll_call["object"] == "Because."


def test_quorum_and_threshold_are_exact(make_organisation) -> None:
    # 2 of 3 voted: quorum 2/3 needs ceil(2/3 * 3) = 2 (no rounding error), met.
    ballot, _ = scenario(
        make_organisation,
        {"x": ["yes", "no", None]},
        title="Exact",
        quorum=Fraction(2, 3),
        threshold=Fraction(1, 2),
    )
    decision = _closed(ballot)
    _check_everywhere(ballot, decision, "adopted")
    assert decision.record["tally"]["quorum"] == {"num": 2, "den": 3}
