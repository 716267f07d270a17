"""The decision log's pages stay right while they are made cheap (issue 19): what is cached
changes as soon as what a reader should see changes; deep pages list what offset paging
lists; the API's pages by seq are the log's; the verifier still finds every kind of fault."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from governance.decision_log import paging
from governance.decision_log.canonical import entry_hash
from governance.decision_log.models import DecisionLogEntry, PublishedDecision
from governance.decision_log.selectors import published_decision_list
from governance.decision_log.services import append_change, decision_log_append
from governance.decision_log.verify import decision_log_verify
from governance.objectives.models import Objective
from tests.governance.test_decision_log import decision_record

pytestmark = pytest.mark.django_db

LIST = "/governance/decisions/"


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return re.findall(r">([^<]+)</option>", select.group(0))


def test_the_filters_and_the_count_follow_the_log_as_it_grows(client: Client) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    first = client.get(LIST).content.decode()
    assert "1 decision" in first
    assert "Working Group on Nickel" not in _options(first, "body")
    decision_log_append(
        kind="decision",
        record=decision_record(2, body={"slug": "wg-nickel", "name": "Working Group on Nickel"}),
    )
    second = client.get(LIST).content.decode()
    assert "2 decisions" in second
    assert "Working Group on Nickel" in _options(second, "body")


def test_a_renamed_objective_is_offered_under_its_new_title(client: Client) -> None:
    objective = Objective.objects.create(slug="traceability", title="Traceability to the mine")
    decision_log_append(kind="decision", record=decision_record(1))
    assert "Traceability to the mine" in _options(client.get(LIST).content.decode(), "objective")
    objective.title = "Mine-site traceability"
    objective.save()
    options = _options(client.get(LIST).content.decode(), "objective")
    assert "Mine-site traceability" in options
    assert "Traceability to the mine" not in options


def test_a_decision_page_shows_each_later_entry_as_soon_as_it_is_appended(
    client: Client,
) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    page = f"{LIST}1/"
    assert "Cobalt due diligence step 1" in client.get(page).content.decode()
    append_change(
        kind="correction",
        decision_seq=1,
        reason="The title misnamed the metal.",
        changes={"title": "Copper due diligence step 1"},
    )
    corrected = client.get(page).content.decode()
    assert "<h1>Copper due diligence step 1</h1>" in corrected
    assert "The title misnamed the metal." in corrected
    decision_log_append(
        kind="dissent",
        amends=1,
        record={
            "decision_seq": 1,
            "organisation": {"slug": "fmw", "name": "Fair Minerals Watch"},
            "text": "We disagree with the threshold.",
        },
    )
    dissented = client.get(page).content.decode()
    assert "We disagree with the threshold." in dissented
    # The correction's own page, cached before, names the dissent in the history too.
    assert "Fair Minerals Watch" in client.get(f"{LIST}2/").content.decode()


def test_the_feed_shows_a_new_entry_as_soon_as_it_is_appended(client: Client) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    feed = "/governance/decisions/feed/"
    assert "Cobalt due diligence step 1" in client.get(feed).content.decode()
    again = client.get(feed)
    assert again["Content-Type"].startswith("application/atom+xml")
    decision_log_append(kind="decision", record=decision_record(2))
    assert "Cobalt due diligence step 2" in client.get(feed).content.decode()


def test_a_deep_page_lists_what_offset_paging_lists(monkeypatch) -> None:
    for number in range(12):
        decision_log_append(
            kind="decision",
            record=decision_record(number, decided_at=f"2025-0{1 + number % 3}-01T10:00:00Z"),
        )
    queryset = published_decision_list().only("entry_id", "title")
    expected = [d.entry_id for d in queryset]
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    paginator = paging.DecisionPaginator(queryset, 5, fields=("entry_id", "title"))
    found = [d.entry_id for number in (1, 2, 3) for d in paginator.page(number).object_list]
    assert found == expected
    assert paginator.page(3).has_next() is False


def test_the_list_query_count_is_the_same_on_a_deep_page(
    client: Client, django_assert_max_num_queries, monkeypatch
) -> None:
    monkeypatch.setattr(paging, "DEFERRED_FROM", 25)
    for number in range(60):
        decision_log_append(kind="decision", record=decision_record(number))
    client.get(LIST)  # the filters' choices are read once per head of the log
    with django_assert_max_num_queries(3):
        html = client.get(f"{LIST}?page=3").content.decode()
    assert "Page 3 of 3" in html
    assert len(re.findall(r'<th scope="row">', html)) == 10


def test_the_api_pages_the_whole_log_by_seq() -> None:
    for number in range(7):
        decision_log_append(kind="decision", record=decision_record(number))
    page = APIClient().get("/api/v1/decision-log/?page_size=3&page=2").json()
    assert page["count"] == 7
    assert [entry["seq"] for entry in page["results"]] == [4, 5, 6]
    last = APIClient().get(page["next"]).json()
    assert [entry["seq"] for entry in last["results"]] == [7]
    assert last["next"] is None
    assert APIClient().get("/api/v1/decision-log/?page=4&page_size=3").status_code == 404


def _rewrite(seq: int, content: dict) -> None:
    """Write ``content`` as entry ``seq``'s canonical text with a matching hash, and chain
    the next entry to it: a forgery only the canonical checks can find."""
    entry = DecisionLogEntry.objects.get(seq=seq)
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    new_hash = entry_hash(entry.prev_hash, text)
    with connection.cursor() as cursor:
        # The deferred checks of the appends run first: a table with pending trigger events
        # cannot be altered in the same transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "ALTER TABLE governance_decisionlogentry DISABLE TRIGGER append_only_refuse_update_delete"
        )
        cursor.execute(
            "UPDATE governance_decisionlogentry SET canonical = %s, hash = %s WHERE seq = %s",
            [text, new_hash, seq],
        )
        cursor.execute(
            "UPDATE governance_decisionlogentry SET prev_hash = %s WHERE seq = %s",
            [new_hash, seq + 1],
        )
        cursor.execute(
            "ALTER TABLE governance_decisionlogentry ENABLE ALWAYS TRIGGER append_only_refuse_update_delete"
        )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: c["record"].update(share=1.5), "canonical is not canonical JSON"),
        (lambda c: c.update(seq=True), "seq in canonical differs"),
        (lambda c: c.update(kind="amendment"), "kind in canonical differs"),
        (lambda c: c.update(published_at="2020-01-01T00:00:00Z"), "published_at in canonical"),
    ],
)
def test_the_verifier_still_checks_every_canonical_text(change, reason) -> None:
    for number in (1, 2, 3):
        decision_log_append(kind="decision", record=decision_record(number))
    assert decision_log_verify().ok
    content = json.loads(DecisionLogEntry.objects.get(seq=1).canonical)
    change(content)
    _rewrite(1, content)
    check = decision_log_verify()
    assert not check.ok
    assert check.bad_seq == 1
    assert reason in check.reason
    with pytest.raises(CommandError, match="seq 1"):
        call_command("verify_decision_log")


def test_the_verifier_names_a_broken_link_and_the_head_before_it() -> None:
    for number in (1, 2, 3):
        decision_log_append(kind="decision", record=decision_record(number))
    with connection.cursor() as cursor:
        # The deferred checks of the appends run first: a table with pending trigger events
        # cannot be altered in the same transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "ALTER TABLE governance_decisionlogentry DISABLE TRIGGER append_only_refuse_update_delete"
        )
        cursor.execute(
            "UPDATE governance_decisionlogentry SET prev_hash = %s WHERE seq = 3", ["f" * 64]
        )
        cursor.execute(
            "ALTER TABLE governance_decisionlogentry ENABLE ALWAYS TRIGGER append_only_refuse_update_delete"
        )
    check = decision_log_verify()
    assert (check.ok, check.bad_seq, check.entries, check.head_seq) == (False, 3, 2, 2)
    assert "prev_hash" in check.reason
    assert PublishedDecision.objects.count() == 3


_FIELDS = {
    "seq": 7,
    "kind": "decision",
    "prev_hash": "a" * 64,
    "amends": None,
    "published_at": "2026-01-02T03:04:05Z",
}


def _text(record_text: str) -> str:
    return (
        '{"amends":null,"kind":"decision","prev_hash":"' + "a" * 64 + '",'
        '"published_at":"2026-01-02T03:04:05Z","record":' + record_text + ',"seq":7}'
    )


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"title": "Réunion à Kolwezi — 鈷", "list": [1, -2, 0, True, False, None, []]},
        {"text": 'quote " backslash \\ slash / tab \t newline \n bell \x07 del \x7f'},
        {"line": "\u2028\u2029", "emoji": "⛏️😀", "big": 2**63 + 5, "nested": {"b": {}, "a": [{}]}},
        {"z": 1, "a": 2, "é": 3, "e": 4, "Z": 5, "_": 6, "": 7},
    ],
)
def test_the_fast_check_passes_what_the_exact_check_passes(record) -> None:
    from governance.decision_log.canonical import canonical_json
    from governance.decision_log.verify import _canonical_exact, _canonical_fast

    text = _text(canonical_json(record))
    assert _canonical_exact(text, _FIELDS) == ""
    assert _canonical_fast(text, text.encode(), _FIELDS)


@pytest.mark.parametrize(
    "record_text",
    [
        '{"a":1.0}',
        '{"a":1e3}',
        '{"a":-0}',
        '{"b":1,"a":2}',
        '{"a": 1}',
        '{"a":"\\u00e9"}',
        '{"a":1,"a":1}',
        '{"a":NaN}',
        '{"a":' + str(2**70) + "}",
    ],
)
def test_the_fast_check_never_passes_what_the_exact_check_refuses(record_text) -> None:
    from governance.decision_log.verify import _canonical_exact, _canonical_fast

    text = _text(record_text)
    exact = _canonical_exact(text, _FIELDS)
    assert not _canonical_fast(text, text.encode(), _FIELDS) or exact == ""
    if record_text != '{"a":' + str(2**70) + "}":  # a big integer is canonical, only slow
        assert exact != ""
