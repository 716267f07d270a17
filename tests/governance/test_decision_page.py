"""The decision page speaks plainly (issue 15 item 1), read on the demo's decisions as an
outside reader sees them: the result in one sentence, why (rationale, trade-offs, options,
costs, "you said, we did"), who disagreed (dissent, reviewers' statements, endorsements in
full), how the vote was counted, and no raw value anywhere: no stored enum, None, or ISO
timestamp reaches the HTML."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from governance.ballots.methods import methods
from governance.ballots.models import (
    BallotOutcome,
    Decision,
    DissentingStatement,
    Endorsement,
    ReviewerStatement,
    VoteChoice,
)
from governance.consultations.models import AuthorKind, CommentResponse, ResponseOutcome
from governance.decision_log.services import decision_log_append
from governance.proposals.models import (
    Confidence,
    CostEntry,
    CostKind,
    Dimension,
    Horizon,
    ImpactAssessment,
    Magnitude,
)

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}Z|T\d{2}:\d{2}")
# "None of the schemes…" is a sentence; "None" alone is a value nobody turned into words.
RAW_WORDS = re.compile(r"\b(None|null|True|False)\b(?! [a-z])")
# Every stored value a decision record holds as an enum: none may be a page's whole cell.
ENUMS = {
    str(value)
    for choices in (
        BallotOutcome,
        VoteChoice,
        ResponseOutcome,
        AuthorKind,
        CostKind,
        Dimension,
        Magnitude,
        Horizon,
        Confidence,
    )
    for value in choices.values
} | {method.value for method in methods()}


def _page(seq: int | None) -> str:
    assert seq is not None
    response = Client().get(f"/governance/decisions/{seq}/")
    assert response.status_code == 200
    return response.content.decode()


def _visible(page: str) -> str:
    """The text a reader sees in the page's main part, tags stripped, entities decoded."""
    main = page[page.index("<main") : page.index("</main>")]
    inline = re.sub(r"</?(?:strong|em|a|span|code)\b[^>]*>", "", main)
    text = html.unescape(re.sub(r"<[^>]+>", " ", inline))
    return " ".join(text.split())


def _plain(markdown: str) -> str:
    return " ".join(html.unescape(markdown).replace("*", "").split())


def _assert_no_raw_value(page: str, where: str) -> None:
    text = _visible(page)
    assert not ISO_DATE.search(text), (where, ISO_DATE.search(text))
    assert not ISO_TIME.search(text), (where, ISO_TIME.search(text))
    assert not RAW_WORDS.search(text), (where, RAW_WORDS.search(text))
    # Code (hashes, the command that checks the log) is meant to be copied as it is.
    prose = _visible(re.sub(r"<code[^>]*>.*?</code>", "", page, flags=re.S))
    underscored = set(re.findall(r"\b[a-z]+_[a-z_]+\b", prose))
    assert underscored == set(), (where, underscored)
    main = page[page.index("<main") : page.index("</main>")]
    cells = {
        cell.strip()
        for cell in re.findall(r"<(?:td|dd|li|strong)[^>]*>([^<]*)<", main)
        if cell.strip()
    }
    assert cells & ENUMS == set(), (where, cells & ENUMS)


def _published() -> list[Decision]:
    return list(
        Decision.objects.filter(log_entry__isnull=False)
        .select_related("ballot", "log_entry")
        .order_by("log_entry")
    )


def test_every_demo_decision_page_shows_words_never_raw_values(demo) -> None:
    decisions = _published()
    assert len(decisions) >= 6
    outcomes = set()
    for decision in decisions:
        page = _page(decision.log_entry_id)
        _assert_no_raw_value(page, decision.proposal.title)
        outcomes.add(decision.outcome)
        label = BallotOutcome(decision.outcome).label
        assert re.search(rf'<p class="lead" id="result"><strong>{label}[:.]', page), label
    assert {"adopted", "rejected"} <= outcomes


def test_the_decision_page_tells_the_whole_story_in_order(demo) -> None:
    dissent = DissentingStatement.objects.select_related("decision__ballot").get()
    decision = dissent.decision
    page = _page(decision.log_entry_id)
    text = _visible(page)
    proposal = decision.proposal

    # The top: what was decided, by which body, when it takes effect, the result in words.
    assert "Adopted: 6 of 7 chambers supported it; the Civil society chamber did not." in text
    assert f"Decided by {proposal.body.name}, on " in text
    assert f"Takes effect {decision.effective_date:%-d %B %Y}" in text
    assert (
        f'<a href="/governance/proposals/{proposal.pk}/">{html.escape(proposal.title)}</a>' in page
    )
    assert text.index("Adopted: 6 of 7") < text.index("Why this option")
    headings = [
        html.unescape(re.sub(r"<[^>]+>", "", heading))
        for heading in re.findall(r"<h[234][^>]*>(.*?)</h[234]>", page)
    ]
    expected = [
        "Why",
        "Why this option",
        "Trade-offs",
        "Options considered",
        "Cost of action",
        "Cost of inaction",
        "You said, we did",
        "Who disagreed",
        "Dissenting statements",
        "Reviewers' statements",
        "Endorsements",
        "How the vote was counted",
        "How each organisation voted",
        "Conflicts of interest",
        "History",
    ]
    assert [heading for heading in headings if heading in expected] == expected

    # Why: the impact assessment's texts, each option with the chosen one, the costs.
    assessment = ImpactAssessment.objects.get(proposal=proposal)
    assert _plain(assessment.rationale) in text
    assert _plain(assessment.trade_offs) in text
    for option in assessment.options.all():
        assert option.title + (" chosen" if option.is_chosen else " not chosen") in text
    costs = CostEntry.objects.filter(assessment=assessment)
    assert costs.filter(amount__isnull=False).exists()
    for cost in costs:
        assert cost.borne_by in text
        if cost.amount is not None:
            assert f"{int(cost.amount):,} {cost.currency}" in text
    assert "60,000 EUR" in text
    # You said, we did: every comment with its response, labelled.
    responses = CommentResponse.objects.filter(comment__proposal=proposal)
    assert responses.count() >= 3
    for response in responses.select_related("comment"):
        assert _plain(response.comment.text) in text
        assert f"{response.get_outcome_display()}. {_plain(response.reason)}" in text

    # Who disagreed: the dissent and the reviewer's statement in full.
    assert _plain(dissent.text) in text
    assert f"{dissent.organisation.name}, which voted against" in text
    for statement in ReviewerStatement.objects.filter(decision=decision):
        assert _plain(statement.text) in text


def _with_roll_call(condition) -> Decision:
    return next(d for d in _published() if any(map(condition, d.record.get("roll_call", []))))


def test_the_count_roll_call_and_conflicts_read_as_words(demo) -> None:
    decision = _with_roll_call(lambda row: row["recused"])
    page = _page(decision.log_entry_id)
    text = _visible(page)
    record = decision.record

    # The method in words with its explanation, and the arithmetic of the mean.
    assert "Method: Chamber-balanced. Each stakeholder chamber weighs the same" in text
    support = record["tally"]["support"]
    assert re.search(
        rf"\) ÷ 7 = {support['num']}/{support['den']} \(\d+%\)\. It reached the threshold of 2/3",
        text,
    )
    assert "So the proposal was adopted." in text
    # The roll-call says "Recused (conflict: …)" where the record holds no choice.
    recused = next(row for row in record["roll_call"] if row["recused"])
    nature = next(
        d["nature"]
        for d in record["conflict_declarations"]
        if d["organisation"]["slug"] == recused["organisation"]["slug"]
    )
    assert nature
    assert re.search(
        rf'<th scope="row">{re.escape(html.escape(recused["organisation"]["name"]))}</th>'
        rf"<td>[^<]*</td><td>Recused \(conflict: {re.escape(html.escape(nature))}\)</td>",
        page,
    )
    # Conflicts: only the organisations that declared one, then how many declared none.
    declared = [d for d in record["conflict_declarations"] if d["conflict"]]
    start = page.index('id="conflicts"')
    section = page[start : page.index("</section>", start)]
    assert section.count("<li>") == len(declared) >= 1
    others = len(record["conflict_declarations"]) - len(declared)
    assert f"The other {others} organisations declared no conflict." in section
    # The verification block is folded away, with the hash and the command.
    start = page.index('<details class="verify"')
    details = page[start : page.index("</details>", start)]
    assert "<summary>Verify this entry</summary>" in details
    assert decision.log_entry.hash in details
    assert "tools/verify_decision_log.py" in details


def test_an_organisation_that_did_not_vote_is_said_so(demo) -> None:
    decision = _with_roll_call(lambda row: row["choice"] is None and not row["recused"])
    page = _page(decision.log_entry_id)
    absent = next(
        r for r in decision.record["roll_call"] if r["choice"] is None and not r["recused"]
    )
    assert re.search(
        rf'<th scope="row">{re.escape(html.escape(absent["organisation"]["name"]))}</th>'
        r"<td>[^<]*</td><td>Did not vote</td>",
        page,
    )
    voted = next(r for r in decision.record["roll_call"] if r["choice"] == "no")
    assert re.search(
        rf'<th scope="row">{re.escape(html.escape(voted["organisation"]["name"]))}</th>'
        r"<td>[^<]*</td><td>No</td>",
        page,
    )


def test_endorsements_are_shown_in_full_with_their_evidence(demo) -> None:
    endorsement = Endorsement.objects.select_related("decision").exclude(evidence_url="").first()
    assert endorsement is not None
    text = _visible(_page(endorsement.decision.log_entry_id))
    assert _plain(endorsement.statement) in text
    assert f"endorsed the decision on {endorsement.endorsed_on:%-d %B %Y}" in text
    assert endorsement.evidence_url in text


def test_a_secret_ballot_page_withholds_and_says_why(demo) -> None:
    decision = next(d for d in _published() if d.ballot.secret)
    page = _page(decision.log_entry_id)
    text = _visible(page)
    _assert_no_raw_value(page, "secret")
    assert "This was a secret ballot: how each organisation voted is not published." in text
    assert "no organisation's vote is known" in text
    assert "Figures withheld to protect the secrecy of the vote" in text
    assert " ÷ " not in text  # no arithmetic over figures that are not published
    for row in decision.record["tally"]["chambers"]:
        if row["figures_withheld"]:
            cells = re.search(
                rf'<tr data-chamber="{row["chamber"]["slug"]}">(.*?)</tr>', page, re.S
            )
            assert cells
            assert "%" not in cells.group(1)


@pytest.mark.parametrize("statements", [1, 25])
def test_the_page_costs_the_same_few_queries_however_much_was_said(
    statements: int, demo, django_assert_max_num_queries
) -> None:
    decision = next(d for d in _published() if d.ballot.method == "chamber_balanced")
    seq = decision.log_entry_id
    for number in range(statements):
        decision_log_append(
            kind="statement",
            amends=seq,
            record={"decision_seq": seq, "text": f"Reviewer note {number}.", "filed_at": None},
        )
    # Six for the decision and what was said; two for the actions carrying it out and their
    # timelines (issue 17), however many; one for the signed head that covers it, with its
    # cosignatures when there are any (issue 23).
    with django_assert_max_num_queries(9):
        text = _visible(_page(seq))
    assert f"Reviewer note {statements - 1}." in text


def test_an_amount_is_written_with_separators_and_its_currency() -> None:
    from governance.decision_log.reading_texts import why_of

    why = why_of(
        {
            "impact_assessment": {
                "costs": [
                    {"kind": "inaction", "amount": "1234567.50", "currency": "USD"},
                    {"kind": "action", "amount": None, "dimension": "social"},
                ]
            }
        }
    )
    assert [table.caption for table in why.costs] == ["Cost of action", "Cost of inaction"]
    assert why.costs[0].costs[0].amount == "Not estimated"
    assert why.costs[0].costs[0].dimension == "Social"
    assert why.costs[1].costs[0].amount == "1,234,567.50 USD"


def test_the_feed_gives_the_result_in_words(client) -> None:
    decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": 1, "title": "Cobalt step"},
            "body": {"slug": "assembly", "name": "Assembly"},
            "outcome": "no_quorum",
            "summary": "Nothing was decided.",
        },
    )
    feed = client.get("/governance/decisions/feed/").content.decode()
    assert "No quorum. Nothing was decided." in feed
    assert "no_quorum" not in feed
