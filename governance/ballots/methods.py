"""The ballot methods: one rule object per method, and the registry the rest asks.

Each method (chamber-balanced, one member one vote, consent) is one class carrying what a
ballot of that method is: its stored ``value`` and ``label``, the choices it takes, how it
groups and counts the votes (used by ``governance.tally.tally``, the one implementation of the
count), its plain-language explanation (ballot pages, the decision's rationale) and the
headings of its figures. Secrecy is not a method: it is a flag on the ballot.

Adding a method is one class decorated with ``@register`` (and a migration, since the
database checks the stored method and choice values). Pure Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

if TYPE_CHECKING:
    from governance.tally import GroupTally, TallyResult

Outcome = Literal["adopted", "rejected", "no_quorum"]
MethodT = TypeVar("MethodT", bound="type[Method]")

# The secrecy of a secret ballot's figures (Security, issue 14 item 1). A chamber's per-choice
# counts are published only when at least this many organisations cast *and* no single choice
# holds every vote cast there: otherwise, since the organisations that took part are known,
# each one's choice could be read off the counts.
SECRET_MINIMUM_CAST = 3
WITHHELD = "figures withheld to protect the secrecy of the vote"


def fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def or_list(words: Sequence[str], *, last: str = " or ") -> str:
    """``a, b or c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + last + words[-1]


class Method:
    """A ballot method. Subclasses set the class attributes and override what they count
    differently; ``@register`` makes one known by its ``value``."""

    value: ClassVar[str]  # stored in Ballot.method and used by the API
    label: ClassVar[str]  # "One member, one vote"
    in_text: ClassVar[str]  # how a sentence names it: "one member one vote"
    # One line for a reader who has never seen a ballot of this kind (the decision page).
    in_brief: ClassVar[str] = ""
    choices: ClassVar[tuple[tuple[str, str], ...]]  # (value, label), in the order offered
    # The published figure a choice counts as (yes, no, abstain, object), if not its own name.
    counts_as: ClassVar[Mapping[str, str]] = {}
    dissenting: ClassVar[frozenset[str]] = frozenset()  # may file a dissent afterwards
    reason_required: ClassVar[frozenset[str]] = frozenset()  # a vote that needs its reason
    by_chamber: ClassVar[bool] = False  # each chamber one group, else all organisations
    takes_concurrent_majority: ClassVar[bool] = False
    uses_threshold: ClassVar[bool] = True
    # The page texts are code, shown as they are (templates mark them safe): no user input.
    # The ballot page: "1/2 of the eligible organisations{quorum_scope}", then the threshold
    # "2/3{threshold_basis}" or, without a threshold, the adoption rule.
    quorum_scope: ClassVar[str] = ""
    threshold_basis: ClassVar[str] = " of the yes and no votes"
    adoption_rule: ClassVar[str] = ""
    support_label: ClassVar[str] = "Share of yes votes"
    # The figures of a tally table, (key of the published row, heading), after Recused.
    tally_columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("cast", "Voted"),
        ("yes", "Yes"),
        ("no", "No"),
        ("abstain", "Abstain"),
        ("share", "Share of yes"),
    )

    def __str__(self) -> str:
        return self.label

    @property
    def choice_values(self) -> frozenset[str]:
        return frozenset(value for value, _ in self.choices)

    @property
    def choice_figures(self) -> tuple[str, ...]:
        """The published figure of each choice, in order: ``("yes", "no", "abstain")``."""
        return tuple(dict.fromkeys(self.counts_as.get(value, value) for value, _ in self.choices))

    # --- the secrecy of the figures (the one rule every output asks) ---

    def withholds_figures(self, figures: Mapping[str, Any], *, secret: bool) -> bool:
        """Whether a published row (a chamber's, or all organisations') must show no per-choice
        counts: in a secret ballot, when fewer than ``SECRET_MINIMUM_CAST`` organisations cast
        or a single choice holds every vote cast. A row withheld already stays withheld.
        Applied to a whole tally by ``governance.ballots.secrecy.public_tally``."""
        if not secret:
            return False
        cast = figures.get("cast")
        if figures.get("figures_withheld") or cast is None or cast < SECRET_MINIMUM_CAST:
            return True
        return any(figures.get(key) == cast for key in self.choice_figures)

    def count(self, **kwargs: Any) -> TallyResult:
        """The result of a ballot of this method: ``governance.tally.tally`` with it (which
        asks this object how to group, count and decide)."""
        from governance.tally import tally

        return tally(method=self.value, **kwargs)

    # --- the count (asked by governance.tally.tally) ---

    def support(self, taking_part: Sequence[GroupTally]) -> Fraction:
        """The support measured: the one group's share of yes votes."""
        return taking_part[0].share

    def decide(
        self,
        taking_part: Sequence[GroupTally],
        *,
        support: Fraction,
        threshold: Fraction,
        concurrent_majority: bool,
    ) -> tuple[Outcome, Fraction | None]:
        """The outcome once every group taking part met quorum, and the support to publish."""
        return ("adopted" if support >= threshold else "rejected"), support

    def supported(self, group: GroupTally) -> bool:
        """Whether one group (a chamber) supported the proposal, as the record shows it."""
        return group.share > Fraction(1, 2)

    # --- the explanation (the decision's rationale) ---

    def explanation(self, *, quorum: Fraction, threshold: Fraction, groups: int) -> str:
        """How this method counts, in words (``groups``: the chambers taking part)."""
        raise NotImplementedError

    def outcome_sentences(self, result: TallyResult, tally: dict[str, Any]) -> list[str]:
        """How the count reached the outcome, from the published ``tally`` only."""
        if result.outcome == "no_quorum":
            return ["Quorum was not met."]
        support = tally["support"]
        if support:
            return [
                f"Quorum was met; the share of yes votes was {support['num']}/{support['den']}."
            ]
        return ["Quorum was met; the share of yes votes is not published."]

    def rationale(self, result: TallyResult, tally: dict[str, Any]) -> list[str]:
        taking_part = [row for row in tally["chambers"] if row["takes_part"]]
        head = self.explanation(
            quorum=result.quorum, threshold=result.threshold, groups=len(taking_part)
        )
        return [head, *self.outcome_sentences(result, tally)]


METHODS: dict[str, Method] = {}


def register(cls: MethodT) -> MethodT:
    """Make the method known by its value (the registry keeps one instance)."""
    if cls.value in METHODS:
        raise ValueError(f"A ballot method {cls.value!r} is registered already.")
    METHODS[cls.value] = cls()
    return cls


def unregister(value: str) -> None:
    del METHODS[value]


def method_for(value: str) -> Method:
    """The method stored as ``value``; ValueError for one nobody registered."""
    try:
        return METHODS[value]
    except KeyError:
        raise ValueError(f"No ballot method {value!r}.") from None


def methods() -> list[Method]:
    return list(METHODS.values())


def method_choices() -> list[tuple[str, str]]:
    """(value, label) of every method, for forms, the admin and the API."""
    return [(method.value, method.label) for method in METHODS.values()]


def vote_choices() -> list[tuple[str, str]]:
    """(value, label) of every choice some method takes, each once."""
    seen: dict[str, str] = {}
    for method in METHODS.values():
        for value, label in method.choices:
            seen.setdefault(value, label)
    return list(seen.items())


def union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


def methods_named(which: Iterable[Method]) -> str:
    """``chamber-balanced`` or ``a, b or c``: the methods in running text."""
    return or_list([method.in_text for method in which])


def method_names_sentence() -> str:
    """Every method in a sentence: "Chamber-balanced, one member one vote, or consent."."""
    text = or_list([method.in_text for method in METHODS.values()], last=", or ")
    return text[:1].upper() + text[1:] + "."


def choices_help() -> str:
    """The choices each method takes, in words: the first method's choices, then those of the
    methods that take others ("yes, no or abstain; consent, object or abstain in a consent
    ballot.")."""
    first, *others = METHODS.values()
    parts = [or_list([value for value, _ in first.choices])]
    parts += [
        f"{or_list([value for value, _ in method.choices])} in a {method.in_text} ballot"
        for method in others
        if method.choice_values != first.choice_values
    ]
    return "; ".join(parts) + "."


def figure_heading(key: str) -> str:
    """A figure's heading over ballots of every method: "Yes (or consent)"."""
    headings = list(
        dict.fromkeys(
            heading
            for method in METHODS.values()
            for column, heading in method.tally_columns
            if column == key
        )
    )
    if len(headings) == 1:
        return headings[0]
    return f"{headings[0]} (or {or_list([h.lower() for h in headings[1:]])})"


# --- the methods --------------------------------------------------------------------------------

YES_NO_ABSTAIN = (("yes", "Yes"), ("no", "No"), ("abstain", "Abstain"))


@register
class ChamberBalanced(Method):
    """Each chamber weighs the same: every chamber taking part must meet quorum, and the
    unweighted mean of the chambers' shares of yes votes must reach the threshold (with
    concurrent majority, every share must also be above 1/2)."""

    value = "chamber_balanced"
    label = "Chamber-balanced"
    in_text = "chamber-balanced"
    in_brief = (
        "Each stakeholder chamber weighs the same, whatever its number of members: what "
        "counts is the average of the chambers' support."
    )
    choices = YES_NO_ABSTAIN
    dissenting = frozenset({"no"})
    by_chamber = True
    takes_concurrent_majority = True
    quorum_scope = ", in every chamber"
    threshold_basis = " (mean of the chambers' shares of yes votes)"
    support_label = "Mean support of the chambers"

    def support(self, taking_part: Sequence[GroupTally]) -> Fraction:
        return sum((group.share for group in taking_part), Fraction(0)) / len(taking_part)

    def decide(
        self,
        taking_part: Sequence[GroupTally],
        *,
        support: Fraction,
        threshold: Fraction,
        concurrent_majority: bool,
    ) -> tuple[Outcome, Fraction | None]:
        adopted = support >= threshold
        if concurrent_majority:
            adopted = adopted and all(group.share > Fraction(1, 2) for group in taking_part)
        return ("adopted" if adopted else "rejected"), support

    def explanation(self, *, quorum: Fraction, threshold: Fraction, groups: int) -> str:
        return (
            f"Chamber-balanced ballot: each of the {groups} chambers taking part weighs the "
            f"same; a chamber meets quorum when {fraction_text(quorum)} of its eligible "
            "organisations vote."
        )

    def outcome_sentences(self, result: TallyResult, tally: dict[str, Any]) -> list[str]:
        taking_part = [row for row in tally["chambers"] if row["takes_part"]]
        missed = [row["chamber"]["name"] for row in taking_part if not row["quorum_met"]]
        threshold = fraction_text(result.threshold)
        sentences = []
        if missed:
            sentences.append(f"Quorum was not met in: {', '.join(missed)}.")
        elif taking_part:
            sentences.append("Every chamber taking part met its quorum.")
        if missed or not taking_part:
            return sentences
        support = tally["support"]
        if support:
            reached = (
                "reached"
                if result.support and result.support >= result.threshold
                else "fell short of"
            )
            sentences.append(
                f"The mean of the chambers' shares of yes votes, {support['num']}/"
                f"{support['den']}, {reached} the threshold of {threshold}."
            )
        else:
            sentences.append(
                "The mean support is not published for this secret ballot (a chamber's "
                f"{WITHHELD}); it was compared with the threshold of {threshold}."
            )
        if result.concurrent_majority:
            short = [row["chamber"]["name"] for row in taking_part if not row["supported"]]
            sentences.append(
                "A concurrent majority was required: every chamber's share above 1/2"
                + (f"; not reached in: {', '.join(short)}." if short else ", and it was.")
            )
        return sentences


@register
class OneMemberOneVote(Method):
    """All eligible organisations count together: quorum met and yes / (yes + no) reaching
    the threshold."""

    value = "one_member_one_vote"
    label = "One member, one vote"
    in_text = "one member one vote"
    in_brief = "Every eligible organisation has one vote, and all are counted together."
    choices = YES_NO_ABSTAIN
    dissenting = frozenset({"no"})

    def explanation(self, *, quorum: Fraction, threshold: Fraction, groups: int) -> str:
        return (
            f"One member, one vote: quorum {fraction_text(quorum)} of the eligible "
            f"organisations, threshold {fraction_text(threshold)} of the yes and no votes."
        )


@register
class Consent(Method):
    """All eligible organisations together: adopted when quorum is met and nobody objects.
    An objection needs its reason; there is no threshold."""

    OBJECT = "object"
    value = "consent"
    label = "Consent"
    in_text = "consent"
    in_brief = "A proposal passes when enough organisations take part and none of them objects."
    choices = (("consent", "Consent"), (OBJECT, "Object"), ("abstain", "Abstain"))
    dissenting = frozenset({OBJECT})
    reason_required = frozenset({OBJECT})
    counts_as: ClassVar[Mapping[str, str]] = {"consent": "yes"}
    uses_threshold = False
    adoption_rule = "Adopted when quorum is met and no organisation objects"
    tally_columns = (
        ("cast", "Voted"),
        ("yes", "Consent"),
        ("object", "Object"),
        ("abstain", "Abstain"),
    )

    def decide(
        self,
        taking_part: Sequence[GroupTally],
        *,
        support: Fraction,
        threshold: Fraction,
        concurrent_majority: bool,
    ) -> tuple[Outcome, Fraction | None]:
        objected = any(group.objections for group in taking_part)
        return ("rejected" if objected else "adopted"), None

    def supported(self, group: GroupTally) -> bool:
        return group.takes_part and group.objections == 0

    def explanation(self, *, quorum: Fraction, threshold: Fraction, groups: int) -> str:
        return (
            f"Consent ballot: quorum {fraction_text(quorum)} of the eligible organisations; "
            "adopted unless an organisation objects (an objection gives its reason)."
        )

    def outcome_sentences(self, result: TallyResult, tally: dict[str, Any]) -> list[str]:
        if result.outcome == "no_quorum":
            return ["Quorum was not met."]
        if result.outcome == "rejected":
            return ["Quorum was met and at least one organisation objected."]
        return ["Quorum was met and no organisation objected."]
