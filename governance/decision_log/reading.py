"""A decision log entry in plain words, for the decision page.

The page's reader is someone outside the alliance (a journalist, a community representative):
every value is turned here into words (labels for stored choices and outcomes, dates as dates,
fractions with their percentage), the result into one sentence, and the count into its
arithmetic. Built only from the record as it may be published today (``entry_record``, through
``secrecy.public_record``): a secret ballot's withheld figures are absent from what this module
reads, so nothing here can show them. No queries: the page's cost does not grow with the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from governance.ballots.methods import Method, fraction_text
from governance.ballots.models import BallotOutcome, VoteChoice
from governance.decision_log.reading_texts import Why, day, org, why_of
from members.vocabularies import Material, labels


def and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def as_fraction(value: Any) -> Fraction | None:
    if isinstance(value, dict) and value.get("den"):
        return Fraction(int(value["num"]), int(value["den"]))
    return None


def fraction_words(value: Fraction) -> str:
    """``2/3 (67%)``; a whole number alone (``1`` is ``1 (100%)``)."""
    text = str(value.numerator) if value.denominator == 1 else fraction_text(value)
    return f"{text} ({round(value * 100)}%)"


def outcome_label(value: Any) -> str:
    return str(BallotOutcome(value).label) if value in BallotOutcome.values else "Recorded"


def choice_label(value: Any) -> str:
    if not value:
        return "Did not vote"
    return str(VoteChoice(value).label) if value in VoteChoice.values else str(value).capitalize()


@dataclass
class ChamberRow:
    slug: str
    name: str
    takes_part: bool
    eligible: Any
    recused: Any
    quorum_needed: Any
    withheld: bool
    figures: list[str]  # the method's tally columns, as text
    quorum_met: bool
    supported: bool


@dataclass
class RollCallRow:
    organisation: str
    chamber: str
    vote: str
    reason: str


@dataclass
class Conflict:
    organisation: str
    chamber: str
    nature: str
    outcome: str  # "Recused: did not vote" / "Allowed to vote: <reason>"


@dataclass
class Counting:
    """How the vote was counted: the method, its explanation and the arithmetic."""

    method: Method
    quorum: Fraction | None
    threshold: Fraction | None
    secret: bool
    by_chamber: bool
    chambers: list[ChamberRow]
    overall: ChamberRow | None
    sentences: list[str]


@dataclass
class DecisionReading:
    outcome: str  # "Adopted"
    result: str  # "Adopted: 6 of 7 chambers supported it; the … chamber did not."
    body: str
    decided_on: date | None
    effective_on: date | None
    takes_effect: str  # when there is no date: why
    materials: list[str]
    counting: Counting | None
    why: Why
    secret: bool
    roll_call: list[RollCallRow] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    no_conflict: int = 0


def _chamber_row(raw: dict[str, Any], method: Method) -> ChamberRow:
    chamber = raw.get("chamber") or {}
    figures = []
    for key, _heading in method.tally_columns:
        value = raw.get(key)
        share = as_fraction(value)
        figures.append(fraction_words(share) if share is not None else str(value or 0))
    return ChamberRow(
        slug=str(chamber.get("slug", "")),
        name=str(chamber.get("name", "All organisations")),
        takes_part=bool(raw.get("takes_part", True)),
        eligible=raw.get("eligible") or 0,
        recused=raw.get("recused") or 0,
        quorum_needed=raw.get("quorum_needed") or 0,
        withheld=bool(raw.get("figures_withheld")),
        figures=figures,
        quorum_met=bool(raw.get("quorum_met")),
        supported=bool(raw.get("supported")),
    )


def _taking_part(tally: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for row in tally.get("chambers") or [] if row.get("takes_part", True)]


def _name(row: dict[str, Any]) -> str:
    return str((row.get("chamber") or {}).get("name", ""))


def _chambers_word(names: list[str]) -> str:
    return f"the {and_list(names)} chamber{'s' if len(names) > 1 else ''}"


def result_sentence(record: dict[str, Any], method: Method | None) -> str:
    """The result in one sentence: "Adopted: 6 of 7 chambers supported it; the Civil society
    chamber did not." Uses only published figures (a withheld row says nothing here)."""
    outcome = record.get("outcome")
    label = outcome_label(outcome)
    tally = record.get("tally") or {}
    if outcome == BallotOutcome.CANCELLED:
        return "Closed without a count: the proposal left the ballot before it closed."
    if method is None or (not tally.get("chambers") and not tally.get("overall")):
        return f"{label}."
    if outcome == BallotOutcome.NO_QUORUM:
        return "No decision was taken: " + _quorum_missed(tally, method)
    if method.by_chamber:
        taking_part = _taking_part(tally)
        against = [_name(row) for row in taking_part if not row.get("supported")]
        head = f"{label}: {len(taking_part) - len(against)} of {len(taking_part)} chambers"
        if not against:
            return f"{label}: all {len(taking_part)} chambers supported it."
        tail = ""
        if outcome == BallotOutcome.REJECTED and tally.get("concurrent_majority"):
            tail = ", and every chamber's support was required"
        return f"{head} supported it; {_chambers_word(against)} did not{tail}."
    overall = tally.get("overall") or {}
    if overall.get("figures_withheld") or overall.get("cast") is None:
        if not method.uses_threshold:
            objected = outcome == BallotOutcome.REJECTED
            return f"{label}: {'at least one' if objected else 'no'} organisation objected."
        return f"{label} by secret ballot; the figures are withheld to protect its secrecy."
    if not method.uses_threshold:
        objections, cast = int(overall.get("object") or 0), int(overall["cast"])
        if objections:
            return f"{label}: {objections} of the {cast} organisations that voted objected."
        return f"{label}: none of the {cast} organisations that voted objected."
    yes, no, abstain = (int(overall.get(key) or 0) for key in ("yes", "no", "abstain"))
    needed = as_fraction(tally.get("threshold"))
    sentence = f"{label}: {plural(yes, 'organisation')} voted yes, {no} no"
    sentence += f" and {abstain} abstained" if abstain else ""
    if needed is not None:
        sentence += f"; {fraction_text(needed)} of the yes and no votes were needed"
    return sentence + "."


def _quorum_missed(tally: dict[str, Any], method: Method) -> str:
    if method.by_chamber:
        missed = [_name(row) for row in _taking_part(tally) if not row.get("quorum_met")]
        if missed:
            return f"too few organisations voted in {_chambers_word(missed)} to reach quorum."
    overall = tally.get("overall") or {}
    if overall.get("cast") is not None and not overall.get("figures_withheld"):
        return (
            f"{overall['cast']} of the {overall.get('eligible')} eligible organisations voted; "
            f"{overall.get('quorum_needed')} were needed for quorum."
        )
    return "too few organisations voted to reach quorum."


def _balanced_sentences(tally: dict[str, Any], threshold: Fraction | None) -> list[str]:
    taking_part = _taking_part(tally)
    shares = [as_fraction(row.get("share")) for row in taking_part]
    support = as_fraction(tally.get("support"))
    sentences = [
        "A chamber's share is its yes votes divided by its yes and no votes; abstentions do "
        "not count."
    ]
    if support is not None and taking_part and all(share is not None for share in shares):
        terms = " + ".join(
            str(share.numerator) if share.denominator == 1 else fraction_text(share)
            for share in shares
            if share is not None
        )
        sentences.append(
            f"The mean of the {len(taking_part)} chambers' shares: ({terms}) ÷ "
            f"{len(taking_part)} = {fraction_words(support)}."
        )
        if threshold is not None:
            verb = "reached" if support >= threshold else "fell short of"
            sentences.append(f"It {verb} the threshold of {fraction_words(threshold)}.")
    elif tally.get("support_withheld"):
        withheld = [_name(row) for row in taking_part if row.get("figures_withheld")]
        sentences.append(
            f"This was a secret ballot: the figures of {_chambers_word(withheld)} are withheld "
            "to protect the secrecy of the vote, and so is the mean of the shares, which would "
            "give them away. The mean was compared with the threshold"
            + (f" of {fraction_words(threshold)}" if threshold is not None else "")
            + " when the ballot closed."
        )
    if tally.get("concurrent_majority"):
        short = [_name(row) for row in taking_part if not row.get("supported")]
        sentences.append(
            "A concurrent majority was also required: every chamber's share had to be above 1/2"
            + (f"; it was not in {_chambers_word(short)}." if short else ", and it was.")
        )
    return sentences


def _overall_sentences(
    tally: dict[str, Any], method: Method, threshold: Fraction | None
) -> list[str]:
    overall = tally.get("overall") or {}
    if overall.get("figures_withheld") or overall.get("cast") is None:
        return [
            "This was a secret ballot: the figures are withheld to protect the secrecy of the "
            "vote. The count was compared with the rule when the ballot closed."
        ]
    cast, eligible = overall["cast"], overall.get("eligible")
    sentences = [
        f"All {eligible} eligible organisations counted together: {cast} voted, and "
        f"{overall.get('quorum_needed')} were needed for quorum."
    ]
    yes, no = int(overall.get("yes") or 0), int(overall.get("no") or 0)
    if not method.uses_threshold:
        objections = int(overall.get("object") or 0)
        sentences.append(
            f"{plural(yes, 'organisation')} consented, {objections} objected and "
            f"{int(overall.get('abstain') or 0)} abstained. One objection is enough to reject "
            "a proposal under consent."
        )
        return sentences
    share = as_fraction(overall.get("share"))
    if share is not None and yes + no:
        text = f"The share of yes votes: {yes} ÷ ({yes} + {no}) = {fraction_words(share)}"
        if threshold is not None:
            verb = "reached" if share >= threshold else "fell short of"
            text += f"; it {verb} the threshold of {fraction_words(threshold)}"
        sentences.append(text + ". Abstentions do not count.")
    return sentences


def counting_of(record: dict[str, Any], method: Method | None) -> Counting | None:
    tally = record.get("tally") or {}
    if method is None or not tally:
        return None
    quorum, threshold = as_fraction(tally.get("quorum")), as_fraction(tally.get("threshold"))
    sentences = []
    if quorum is not None:
        scope = "in every chamber, " if method.by_chamber else ""
        sentences.append(
            f"Quorum: {scope}at least {fraction_text(quorum)} of the eligible organisations "
            "had to vote (an organisation recused for a conflict of interest is not eligible)."
        )
    if record.get("outcome") == BallotOutcome.NO_QUORUM:
        sentences.append("It was not met: " + _quorum_missed(tally, method))
    elif method.by_chamber and tally.get("chambers"):
        sentences.append("Every chamber taking part met its quorum.")
        sentences += _balanced_sentences(tally, threshold)
    elif tally.get("overall"):
        sentences += _overall_sentences(tally, method, threshold)
    if record.get("outcome") in (BallotOutcome.ADOPTED, BallotOutcome.REJECTED):
        sentences.append(f"So the proposal was {outcome_label(record['outcome']).lower()}.")
    overall = tally.get("overall")
    return Counting(
        method=method,
        quorum=quorum,
        threshold=threshold if method.uses_threshold else None,
        secret=bool(tally.get("secret")),
        by_chamber=method.by_chamber,
        chambers=[_chamber_row(row, method) for row in tally.get("chambers") or []],
        overall=_chamber_row(overall, method) if overall else None,
        sentences=sentences,
    )


def _chamber_names(record: dict[str, Any]) -> dict[str, str]:
    rows = (record.get("tally") or {}).get("chambers") or []
    return {
        str(row["chamber"].get("slug")): str(row["chamber"].get("name"))
        for row in rows
        if row.get("chamber")
    }


def roll_call_of(record: dict[str, Any]) -> list[RollCallRow]:
    """Each organisation's vote in words: "Yes", "Did not vote", "Recused (conflict: …)"."""
    chambers = _chamber_names(record)
    natures = {
        org(d.get("organisation")): str(d.get("nature") or "")
        for d in record.get("conflict_declarations") or []
    }
    rows = []
    for vote in record.get("roll_call") or []:
        organisation = org(vote.get("organisation"))
        if vote.get("recused"):
            nature = natures.get(organisation) or "a declared conflict of interest"
            text = f"Recused (conflict: {nature})"
        else:
            text = choice_label(vote.get("choice"))
        chamber = chambers.get(str(vote.get("chamber")), "")
        rows.append(RollCallRow(organisation, chamber, text, str(vote.get("reason") or "")))
    return rows


def conflicts_of(record: dict[str, Any]) -> tuple[list[Conflict], int]:
    """The organisations that declared a conflict, and how many declared none."""
    chambers = _chamber_names(record)
    declarations = record.get("conflict_declarations") or []
    conflicts = []
    for declared in declarations:
        if not declared.get("conflict"):
            continue
        exemption = declared.get("exemption") or {}
        if declared.get("recused"):
            outcome = "Recused: it did not vote."
        elif exemption:
            outcome = f"Allowed to vote: {exemption.get('reason', '')}"
        else:
            outcome = "Not recused."
        conflicts.append(
            Conflict(
                organisation=org(declared.get("organisation")),
                chamber=chambers.get(str(declared.get("chamber")), ""),
                nature=str(declared.get("nature") or ""),
                outcome=outcome,
            )
        )
    return conflicts, len(declarations) - len(conflicts)


def decision_reading(
    record: dict[str, Any], *, effective: date | None, method: Method | None
) -> DecisionReading:
    """The decision entry's record in words. ``effective`` is the latest effective date (a
    correction may have changed it); ``method`` the ballot's, None when the record names none."""
    outcome = record.get("outcome")
    if effective is not None:
        takes_effect = ""
    elif outcome == BallotOutcome.ADOPTED:
        takes_effect = "No date was recorded."
    else:
        takes_effect = "Nothing takes effect: the proposal was not adopted."
    conflicts, no_conflict = conflicts_of(record)
    return DecisionReading(
        outcome=outcome_label(outcome),
        result=result_sentence(record, method),
        body=org(record.get("body")),
        decided_on=day(record.get("decided_at")),
        effective_on=effective,
        takes_effect=takes_effect,
        materials=labels(Material, list(record.get("materials") or [])),
        counting=counting_of(record, method),
        why=why_of(record),
        secret=bool((record.get("tally") or {}).get("secret")),
        roll_call=roll_call_of(record),
        conflicts=conflicts,
        no_conflict=no_conflict,
    )
