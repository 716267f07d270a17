"""The ballot methods as rule objects (issue 13 item 6): each method is one class carrying its
choices, count, explanation and labels; everything else asks it. Table-driven over the
registry, so a new method is checked by the same tests; and a throwaway method registered in
a test only shows that adding one is one class."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from fractions import Fraction
from typing import Any

import pytest
from django import forms
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from alliance_portal.roles import Role
from governance.ballots.api.votes import BallotSettingsApi
from governance.ballots.forms import BallotSettingsForm, VoteForm
from governance.ballots.methods import (
    METHODS,
    ChamberBalanced,
    Consent,
    Method,
    OneMemberOneVote,
    Outcome,
    choices_help,
    figure_heading,
    method_choices,
    method_for,
    method_names_sentence,
    methods,
    register,
    unregister,
    vote_choices,
)
from governance.ballots.models import (
    DISSENTING_CHOICES,
    Ballot,
    BallotElector,
    BallotMethod,
    ConflictDeclaration,
    Vote,
    VoteChoice,
)
from governance.ballots.secrecy import public_tally
from governance.proposals.models import Proposal, ProposalStatus
from governance.tally import GroupTally, tally
from tests.governance.factories import assembly

ALL_CHOICES = {value for value, _ in vote_choices()}


def _offered(form: forms.Form, name: str) -> list[tuple[str, str]]:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return [(str(value), str(label)) for value, label in field.choices]


# --- each method, as its class says -------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "value", "label", "choices", "by_chamber", "threshold", "explanation"),
    [
        (
            ChamberBalanced,
            "chamber_balanced",
            "Chamber-balanced",
            [("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")],
            True,
            True,
            "Chamber-balanced ballot: each of the 3 chambers taking part weighs the same; a "
            "chamber meets quorum when 1/2 of its eligible organisations vote.",
        ),
        (
            OneMemberOneVote,
            "one_member_one_vote",
            "One member, one vote",
            [("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")],
            False,
            True,
            "One member, one vote: quorum 1/2 of the eligible organisations, threshold 2/3 of "
            "the yes and no votes.",
        ),
        (
            Consent,
            "consent",
            "Consent",
            [("consent", "Consent"), ("object", "Object"), ("abstain", "Abstain")],
            False,
            False,
            "Consent ballot: quorum 1/2 of the eligible organisations; adopted unless an "
            "organisation objects (an objection gives its reason).",
        ),
    ],
)
def test_each_method_carries_its_choices_labels_and_explanation(
    method, value, label, choices, by_chamber, threshold, explanation
) -> None:
    rule = method_for(value)
    assert isinstance(rule, method)
    assert (rule.value, rule.label, str(rule)) == (value, label, label)
    assert list(rule.choices) == choices
    assert (rule.by_chamber, rule.uses_threshold) == (by_chamber, threshold)
    assert rule.explanation(quorum=Fraction(1, 2), threshold=Fraction(2, 3), groups=3) == (
        explanation
    )
    assert rule.takes_concurrent_majority == (value == "chamber_balanced")
    assert rule.reason_required == ({"object"} if value == "consent" else set())


def test_the_page_texts_of_each_method_are_todays() -> None:
    balanced, flat, consent = (method_for(v) for v in BallotMethod.values)
    assert (balanced.quorum_scope, balanced.threshold_basis) == (
        ", in every chamber",
        " (mean of the chambers' shares of yes votes)",
    )
    assert (flat.quorum_scope, flat.threshold_basis) == ("", " of the yes and no votes")
    assert consent.adoption_rule == "Adopted when quorum is met and no organisation objects"
    assert [heading for _, heading in consent.tally_columns] == [
        "Voted",
        "Consent",
        "Object",
        "Abstain",
    ]
    assert [heading for _, heading in balanced.tally_columns][-1] == "Share of yes"
    assert (balanced.support_label, flat.support_label) == (
        "Mean support of the chambers",
        "Share of yes votes",
    )


def test_texts_made_from_the_registry_read_as_before() -> None:
    assert choices_help() == "yes, no or abstain; consent, object or abstain in a consent ballot."
    assert method_names_sentence() == "Chamber-balanced, one member one vote, or consent."
    assert figure_heading("yes") == "Yes (or consent)"
    assert figure_heading("no") == "No"
    form = BallotSettingsForm()
    assert form.fields["quorum"].help_text == (
        "Share of the eligible organisations that must vote (per chamber in a chamber-balanced "
        "ballot), e.g. 1/2."
    )
    assert form.fields["threshold"].help_text == (
        "Support needed to adopt, e.g. 2/3 (not used by consent ballots)."
    )


def test_count_is_the_tally_of_the_method() -> None:
    eligible = {"X": {"X1", "X2", "X3"}}
    votes = {"X1": "yes", "X2": "yes", "X3": "no"}
    result = method_for("one_member_one_vote").count(eligible=eligible, votes=votes)
    assert result == tally(method="one_member_one_vote", eligible=eligible, votes=votes)
    assert (result.method, result.outcome, result.support) == (
        "one_member_one_vote",
        "adopted",
        Fraction(2, 3),
    )


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="No ballot method 'secret'"):
        tally(method="secret", eligible={}, votes={})


# --- everything asks the registry ---------------------------------------------------------------


def test_the_stored_values_and_the_database_checks_come_from_the_registry() -> None:
    assert BallotMethod.choices == method_choices() == [(m.value, m.label) for m in methods()]
    assert Ballot._meta.get_field("method").choices == method_choices()
    assert VoteChoice.choices == vote_choices()
    assert set(VoteChoice.values) == set().union(*(m.choice_values for m in methods()))
    assert {"no", "object"} == DISSENTING_CHOICES
    constraints = {c.name: c.condition for c in Ballot._meta.constraints}  # type: ignore[attr-defined]
    assert constraints["ballot_method_valid"] == Q(method__in=list(METHODS))
    # The concurrent-majority check names the methods that take it (a migration otherwise).
    takers = [m.value for m in methods() if m.takes_concurrent_majority]
    assert constraints["ballot_concurrent_majority_only_chamber_balanced"] == Q(
        concurrent_majority=False
    ) | Q(method=takers[0])
    assert len(takers) == 1
    vote_checks = {c.name: c.condition for c in Vote._meta.constraints}  # type: ignore[attr-defined]
    needing = set().union(*(m.reason_required for m in methods()))
    assert needing == {Consent.OBJECT}
    assert vote_checks["vote_objection_has_a_reason"] == ~Q(choice=Consent.OBJECT) | ~Q(reason="")


@pytest.mark.parametrize("method", BallotMethod.values)
def test_the_vote_form_offers_exactly_the_methods_choices(method: str) -> None:
    rule = method_for(method)
    ballot = Ballot(method=method)
    assert ballot.rule is rule
    for choice in ALL_CHOICES:
        form = VoteForm({"choice": choice, "reason": "Why."}, choices=ballot.choices)
        assert form.is_valid() == (choice in rule.choice_values), choice
    assert _offered(VoteForm(choices=ballot.choices), "choice") == list(rule.choices)


def test_the_settings_form_and_api_take_exactly_the_registered_methods() -> None:
    assert _offered(BallotSettingsForm(), "method") == method_choices()
    for value in [*METHODS, "secret", "majority"]:
        form = BallotSettingsForm({"method": value, "quorum": "1/2", "threshold": "2/3"})
        serializer = BallotSettingsApi.InputSerializer(data={"method": value})
        assert form.is_valid() == serializer.is_valid() == (value in METHODS), value


def _open_ballot(method: str, organisation: Any) -> Ballot:
    """An open ballot of ``method`` with ``organisation`` as its one elector, declared without
    a conflict (built directly: the rules under test are the vote's)."""
    now = timezone.now()
    proposal = Proposal.objects.create(
        title="Method test",
        summary="A short summary.",
        text="Text.",
        body=assembly(),
        status=ProposalStatus.VOTING,
        consultation_opened_at=now - timedelta(days=30),
        consultation_closed_at=now - timedelta(days=1),
    )
    ballot = Ballot.objects.create(
        proposal=proposal, method=method, opened_at=now, closes_at=now + timedelta(days=1)
    )
    BallotElector.objects.create(
        ballot=ballot, organisation=organisation, chamber=organisation.chamber
    )
    ConflictDeclaration.objects.create(ballot=ballot, organisation=organisation, has_conflict=False)
    return ballot


@pytest.mark.django_db
@pytest.mark.parametrize("method", BallotMethod.values)
def test_the_vote_api_takes_exactly_the_methods_choices(world, api_for, method: str) -> None:
    rule = method_for(method)
    ballot = _open_ballot(method, world.own)
    api = api_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/api/v1/ballots/{ballot.pk}/votes/"
    allowed = ", ".join(label.lower() for _, label in rule.choices)
    for choice in sorted(ALL_CHOICES - rule.choice_values):
        answer = api.post(url, {"choice": choice, "reason": "Why."}, format="json")
        assert answer.status_code == 400, choice
        assert f"A {rule.label.lower()} ballot takes: {allowed}." in str(answer.json())
    assert not Vote.objects.filter(ballot=ballot).exists()
    for choice in rule.reason_required:
        answer = api.post(url, {"choice": choice}, format="json")
        assert answer.status_code == 400
        assert "needs a reason" in str(answer.json())
    for choice in rule.choice_values:
        answer = api.post(url, {"choice": choice, "reason": "Why."}, format="json")
        assert answer.status_code in (200, 201), (choice, answer.json())
        assert Vote.objects.get(ballot=ballot).choice == choice


# --- adding a method is one class ---------------------------------------------------------------


class Veto(Method):
    """A throwaway method for this test only: all organisations together; one veto rejects,
    whatever the rest; a veto counts as an objection and needs a reason."""

    value = "veto_for_test"
    label = "Veto"
    in_text = "veto"
    choices = (("yes", "Yes"), ("veto", "Veto"), ("abstain", "Abstain"))
    counts_as = {"veto": "object"}
    dissenting = frozenset({"veto"})
    reason_required = frozenset({"veto"})
    uses_threshold = False
    adoption_rule = "Adopted when quorum is met and nobody vetoes"
    tally_columns = (("cast", "Voted"), ("yes", "Yes"), ("object", "Vetoes"))

    def decide(
        self, taking_part: Sequence[GroupTally], **rules: Any
    ) -> tuple[Outcome, Fraction | None]:
        return ("rejected" if taking_part[0].objections else "adopted"), None

    def supported(self, group: GroupTally) -> bool:
        return group.objections == 0

    def explanation(self, *, quorum: Fraction, threshold: Fraction, groups: int) -> str:
        return f"Veto ballot: quorum {quorum}; one veto rejects."


@pytest.fixture
def veto() -> Iterator[Method]:
    register(Veto)
    try:
        yield method_for(Veto.value)
    finally:
        unregister(Veto.value)


def test_a_new_method_is_one_class(veto: Method) -> None:
    eligible = {"X": {"X1", "X2"}, "Y": {"Y1", "Y2"}}
    result = tally(
        method=Veto.value, eligible=eligible, votes={"X1": "yes", "X2": "yes", "Y1": "abstain"}
    )
    assert (result.outcome, len(result.groups), result.groups[0].yes) == ("adopted", 1, 2)
    vetoed = veto.count(eligible=eligible, votes={"X1": "yes", "X2": "yes", "Y1": "veto"})
    assert (vetoed.outcome, vetoed.groups[0].objections, vetoed.support) == ("rejected", 1, None)
    assert tally(method=Veto.value, eligible=eligible, votes={"X1": "yes"}).outcome == ("no_quorum")
    with pytest.raises(ValueError, match="know no choice"):
        veto.count(eligible=eligible, votes={"X1": "no"})
    # What asks the registry knows it now: forms, help texts, the rationale, the tally table.
    assert (Veto.value, "Veto") in method_choices()
    assert _offered(BallotSettingsForm(), "method")[-1] == (Veto.value, "Veto")
    assert choices_help().endswith("yes, veto or abstain in a veto ballot.")
    assert veto.rationale(vetoed, {"chambers": [], "support": None})[0].startswith("Veto ballot")
    html = render_to_string(
        "governance/ballots/_tally.html",
        {
            "record": {
                "tally": {
                    "method": Veto.value,
                    "quorum": {"num": 1, "den": 2},
                    "decided_by": "overall",
                    "chambers": [],
                    "overall": {"cast": 3, "yes": 2, "object": 1, "quorum_met": True},
                }
            }
        },
    )
    assert '<th scope="col">Vetoes</th>' in html
    assert "threshold" not in html
    assert '<td class="num">1</td>' in html


def test_unregistering_forgets_the_method() -> None:
    register(Veto)
    unregister(Veto.value)
    assert Veto.value not in METHODS
    with pytest.raises(ValueError, match="No ballot method"):
        tally(method=Veto.value, eligible={}, votes={})
    with pytest.raises(ValueError, match="registered already"):
        register(ChamberBalanced)


# --- the secrecy of a secret ballot's figures (issue 14 item 1) ---------------------------------


def _row(cast: int, **counts: int) -> dict[str, Any]:
    return {"cast": cast, "yes": 0, "no": 0, "abstain": 0, "object": 0, **counts}


@pytest.mark.parametrize(
    ("value", "row", "withheld"),
    [
        ("chamber_balanced", _row(2, yes=1, no=1), True),  # fewer than three
        ("chamber_balanced", _row(4, yes=4), True),  # one choice holds every vote
        ("chamber_balanced", _row(4, abstain=4), True),
        ("chamber_balanced", _row(3, yes=2, no=1), False),
        ("one_member_one_vote", _row(5, no=5), True),
        ("one_member_one_vote", _row(5, yes=4, abstain=1), False),
        ("consent", _row(4, yes=4), True),  # yes counts the consents
        ("consent", _row(4, object=4), True),
        ("consent", _row(4, yes=3, object=1), False),
    ],
)
def test_a_secret_ballot_withholds_counts_that_give_a_choice_away(
    value: str, row: dict[str, Any], withheld: bool
) -> None:
    method = METHODS[value]
    assert method.withholds_figures(row, secret=True) is withheld
    assert method.withholds_figures(row, secret=False) is False
    tally = {"method": value, "secret": True, "support": {"num": 1, "den": 1}, "chambers": []}
    shown = public_tally({**tally, "chambers": [{**row, "takes_part": True}]})
    assert shown["chambers"][0]["figures_withheld"] is withheld
    assert (shown["chambers"][0]["cast"] is None) is withheld
    assert (shown["support"] is None) is withheld
    # Applying the rule again changes nothing: what was written under it shows as it is.
    assert public_tally(shown) == shown
