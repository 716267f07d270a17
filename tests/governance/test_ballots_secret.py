"""A secret ballot's choices never leave the votes table (Governance II item 5).

Two checks. First, a swap: two organisations of the same chamber vote yes and no; everything
anyone can read (every page and API answer for every role, while the ballot runs and after it
closes, the decision record, the public decision log, the audit trail, the outbox) is
captured; the two choices are swapped in the votes table and the ballot closed again; all of
it must be identical, so nothing published depends on who chose what. Second, the reasons
given with secret votes are marked, and the marks appear nowhere."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from fractions import Fraction
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services as ballot_services
from governance.ballots.methods import Method
from governance.ballots.models import Ballot, Decision, Vote
from governance.ballots.selectors import ballot_tally
from governance.ballots.services.closing import _close
from governance.decision_log.models import DecisionLogEntry
from governance.decision_log.verify import decision_log_verify
from tests.governance.test_ballots_factories import chamber, open_ballot, vote

pytestmark = pytest.mark.django_db
MARK = "SECRET-REASON"
# What differs from one rendering to the next whatever the votes: CSRF tokens, the ids that
# database sequences hand out again after a rollback, and the minute a page was printed.
VOLATILE = re.compile(
    r'name="csrfmiddlewaretoken" value="[^"]*"|/admin/r/\d+/\d+/|name="decision-0-id" value="\d+"'
    r"|· \d+ \w+ \d{4}, \d\d:\d\d UTC</p>"
)


class Rollback(Exception):
    """Leaves the closing's savepoint without keeping anything."""


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return VOLATILE.sub("", response.content.decode())


def _api(role_user: Any, url: str) -> Any:
    api = APIClient()
    if role_user is not None:
        api.force_authenticate(role_user)
    response = api.get(url)
    return response.status_code, response.json()


def _audit_trail() -> list[tuple[str, Any]]:
    """Every snapshot in every event table of the governance app (ids and wall-clock times
    left out: sequences do not roll back, ``auto_now`` follows the clock)."""
    events = []
    for model in apps.get_app_config("governance").get_models():
        if not model.__name__.endswith("Event") or not hasattr(model, "pgh_label"):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.attname.startswith("pgh_") and f.attname not in ("id", "updated_at")
        ]
        for row in model._default_manager.order_by("pgh_obj_id", "pgh_label").values(
            *fields, "pgh_label"
        ):
            events.append((model.__name__, {k: str(v) for k, v in row.items()}))
    return sorted(events, key=lambda e: json.dumps(e, sort_keys=True))


def _capture(world, ballot: Ballot) -> dict[str, Any]:
    proposal_id = ballot.proposal_id
    views: dict[str, Any] = {}
    for role, user in world.users.items():
        client = world.client_for(role)
        views[f"page {role}"] = _page(client, f"/governance/proposals/{proposal_id}/")
        views[f"print {role}"] = _page(client, f"/governance/proposals/{proposal_id}/print/")
        views[f"dashboard {role}"] = _page(client, "/governance/")
        for path in ("", "votes/", "declarations/", "decision/"):
            views[f"api {path} {role}"] = _api(user, f"/api/v1/ballots/{ballot.pk}/{path}")
        views[f"api list {role}"] = _api(user, "/api/v1/ballots/")
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    views["vote page"] = _page(rep, f"/governance/proposals/{proposal_id}/ballot/vote/")
    staff = world.client_for(Role.SECRETARIAT)
    views["admin"] = _page(staff, f"/admin/governance/ballot/{ballot.pk}/change/")
    views["audit trail"] = _audit_trail()
    views["outbox"] = list(
        OutboundEmail.objects.order_by("pk").values("recipient", "subject", "body")
    )
    views["decisions"] = list(Decision.objects.values("outcome", "summary", "rationale", "record"))
    views["log"] = [
        json.loads(e.canonical)["record"] for e in DecisionLogEntry.objects.order_by("seq")
    ]
    return views


@pytest.fixture
def secret(world, make_organisation) -> Ballot:
    """A secret chamber-balanced ballot in the assembly: the own and the other organisation
    (civil society) vote yes and no; a chamber of three; a chamber where one votes."""
    three = [make_organisation(f"Three {n}", chamber=chamber("three", 10)) for n in range(3)]
    lone = make_organisation("Lone", chamber=chamber("lone", 11))
    ballot = open_ballot(secret=True, title="Secret ballot")
    vote(ballot, world.own, "yes", f"{MARK}-OWN")
    vote(ballot, world.other, "no", f"{MARK}-OTHER")
    for organisation, choice in zip(three, ("yes", "no", "abstain"), strict=True):
        vote(ballot, organisation, choice, f"{MARK}-{organisation.slug}")
    vote(ballot, lone, "yes", f"{MARK}-LONE")
    return ballot


def _swap(ballot: Ballot, world) -> None:
    own = Vote.objects.get(ballot=ballot, organisation=world.own)
    other = Vote.objects.get(ballot=ballot, organisation=world.other)
    Vote.objects.filter(pk=own.pk).update(choice=other.choice, reason=other.reason)
    Vote.objects.filter(pk=other.pk).update(choice=own.choice, reason=own.reason)


def _closed_views(world, ballot: Ballot) -> dict[str, Any]:
    """Close the ballot (at a fixed time), capture everything, and undo the closing. The close
    is ``ballot_close``'s work without its durable transaction (``_close``), so that it can be
    rolled back."""
    assert ballot.closes_at is not None
    captured: dict[str, Any] = {}
    try:
        with transaction.atomic():
            locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
            _close(locked, actor=SYSTEM, reason="", now=ballot.closes_at)
            captured = _capture(world, Ballot.objects.get(pk=ballot.pk))
            raise Rollback
    except Rollback:
        pass
    return captured


def test_nothing_anyone_reads_depends_on_who_chose_what(world, secret) -> None:
    open_before = _capture(world, secret)
    closed_before = _closed_views(world, secret)
    _swap(secret, world)
    assert _capture(world, secret) == open_before
    assert _closed_views(world, secret) == closed_before
    # The count itself is right (and the same both ways): shares 1/2, 1/2, 1 → mean 2/3.
    record = closed_before["decisions"][0]["record"]
    assert record["outcome"] == "adopted"
    assert "roll_call" not in record


def test_the_reasons_of_secret_votes_appear_nowhere(world, secret) -> None:
    views = {
        **_capture(world, secret),
        **{f"closed {k}": v for k, v in _closed_views(world, secret).items()},
    }
    leaks = [name for name, view in views.items() if MARK in json.dumps(view, default=str)]
    assert leaks == []


def test_small_chambers_show_only_quorum_and_support(world, secret) -> None:
    views = _closed_views(world, secret)
    tally = views["decisions"][0]["record"]["tally"]
    rows = {row["chamber"]["slug"]: row for row in tally["chambers"]}
    assert rows["three"]["cast"] == 3
    assert rows["three"]["figures_withheld"] is False
    for slug in ("civil-society", "lone"):
        row = rows[slug]
        assert row["figures_withheld"] is True
        assert (row["cast"], row["yes"], row["no"], row["abstain"], row["share"]) == (None,) * 5
        assert row["quorum_met"] is True
    assert rows["lone"]["supported"] is True
    # The mean would give the small chambers away by subtraction: withheld too.
    assert (tally["support"], tally["support_withheld"]) == (None, True)
    assert "Figures withheld to protect the secrecy of the vote" in views[f"page {Role.ANONYMOUS}"]


def test_the_own_organisation_is_told_that_it_voted_not_how(world, secret) -> None:
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE]
    api = APIClient()
    api.force_authenticate(rep)
    votes = api.get(f"/api/v1/ballots/{secret.pk}/votes/").json()
    assert votes == [
        {
            "organisation": world.own.slug,
            "organisation_name": "Own Organisation",
            "chamber": world.own.chamber.slug,
            "choice": None,
            "reason": None,
            "cast_at": votes[0]["cast_at"],
        }
    ]
    answer = api.post(f"/api/v1/ballots/{secret.pk}/votes/", {"choice": "no"}, format="json")
    assert answer.status_code == 200
    assert answer.json()["choice"] is None
    page = world.client_for(Role.ORGANISATION_REPRESENTATIVE).get(
        f"/governance/proposals/{secret.proposal_id}/ballot/vote/"
    )
    assert "the choice is not shown again, to anyone" in page.content.decode()
    assert "checked" not in page.content.decode()


def test_the_audit_trail_never_holds_a_choice(world, secret) -> None:
    event_model = apps.get_model("governance", "VoteEvent")
    columns = {f.attname for f in event_model._meta.concrete_fields}
    assert "choice" not in columns
    assert "reason" not in columns
    assert event_model.objects.filter(pgh_obj_id__in=Vote.objects.values("pk")).exists()
    assert secret.closes_at - timedelta(days=14) == secret.opened_at


# --- issue 14 item 1: a unanimous chamber gives every choice away ---------------------------------

WITHHELD_TEXT = "Figures withheld to protect the secrecy of the vote"
COUNTS = ("cast", "yes", "no", "abstain", "object", "share")


@pytest.fixture
def fours(world, make_organisation) -> Ballot:
    """A secret chamber-balanced ballot: a chamber of four that votes yes as one, a chamber of
    four split (yes, yes, no, abstain) and civil society, where two vote (yes, no)."""
    same = [make_organisation(f"Same {n}", chamber=chamber("four-same", 10)) for n in range(4)]
    split = [make_organisation(f"Split {n}", chamber=chamber("four-split", 11)) for n in range(4)]
    ballot = open_ballot(secret=True, title="Secret ballot of fours")
    vote(ballot, world.own, "yes")
    vote(ballot, world.other, "no")
    for organisation in same:
        vote(ballot, organisation, "yes")
    for organisation, choice in zip(split, ("yes", "yes", "no", "abstain"), strict=True):
        vote(ballot, organisation, choice)
    return ballot


def _close_now(world, ballot: Ballot) -> Ballot:
    """Every vote is in: the secretariat closes the ballot now (inside the report's period)."""
    ballot_services.ballot_close(
        actor=world.users[Role.SECRETARIAT], ballot=ballot, reason="Every vote is in."
    )
    return Ballot.objects.get(pk=ballot.pk)


def _rows(tally: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["chamber"]["slug"]: row for row in tally["chambers"]}


def _assert_withheld_as_the_rule_says(tally: dict[str, Any], where: str) -> None:
    rows = _rows(tally)
    for slug in ("four-same", "civil-society"):
        row = rows[slug]
        assert row["figures_withheld"] is True, (where, slug)
        assert [row[key] for key in COUNTS] == [None] * len(COUNTS), (where, slug)
        assert (row["quorum_met"], row["supported"]) == (True, slug == "four-same"), where
    split = rows["four-split"]
    assert split["figures_withheld"] is False, where
    assert (split["cast"], split["yes"], split["no"], split["abstain"]) == (4, 2, 1, 1), where
    assert split["share"] == {"num": 2, "den": 3}, where
    assert (tally["support"], tally["support_withheld"]) == (None, True), where


def _page_row(html: str, slug: str) -> str:
    found = re.search(rf'<tr data-chamber="{slug}">(.*?)</tr>', html, re.S)
    assert found, slug
    return found.group(1)


def _assert_pages_withhold(html: str, where: str) -> None:
    for slug in ("four-same", "civil-society"):
        assert WITHHELD_TEXT in _page_row(html, slug), (where, slug)
    assert WITHHELD_TEXT not in _page_row(html, "four-split"), where


def _public_outputs(world, ballot: Ballot, seq: int) -> dict[str, Any]:
    """The tally as every output publishes it, and the pages and feed as text."""
    anonymous = Client()
    member = world.users[Role.MEMBER]
    return {
        "tallies": {
            "record": Decision.objects.get(ballot=ballot).record["tally"],
            "api ballot": _api(member, f"/api/v1/ballots/{ballot.pk}/")[1]["result"],
            "api decision": _api(member, f"/api/v1/ballots/{ballot.pk}/decision/")[1]["record"][
                "tally"
            ],
        },
        "pages": {
            "proposal": _page(anonymous, f"/governance/proposals/{ballot.proposal_id}/"),
            "decision log": _page(anonymous, f"/governance/decisions/{seq}/"),
        },
        "feed": _page(anonymous, "/governance/decisions/feed/"),
    }


def _report_tallies(django_capture_on_commit_callbacks) -> tuple[list, bytes]:
    from tests.governance.reports_support import report_json, this_year_ad_hoc, zip_members
    from tests.governance.test_reports import build

    report = build(django_capture_on_commit_callbacks, **this_year_ad_hoc())
    decisions = next(s for s in report_json(report)["sections"] if s["key"] == "decisions")
    table = next(t for t in decisions["tables"] if t["name"] == "decision-tallies")
    rows = [
        dict(zip([c["name"] for c in table["columns"]], row, strict=True)) for row in table["rows"]
    ]
    return rows, zip_members(report)["data/decision-tallies.csv"]


def _assert_report_withholds(rows: list[dict[str, Any]], csv_data: bytes) -> None:
    by_slug = {row["chamber_slug"]: row for row in rows}
    for slug in ("four-same", "civil-society"):
        row = by_slug[slug]
        assert row["figures_withheld"] is True, slug
        assert [row[k] for k in ("cast", "yes", "no", "abstain", "object", "share_percent")] == [
            None
        ] * 6, slug
    assert (by_slug["four-split"]["cast"], by_slug["four-split"]["yes"]) == (4, 2)
    lines = {line.split(",")[3]: line for line in csv_data.decode().splitlines()[1:]}
    assert lines["four-same"].split(",")[7:13] == [""] * 6
    assert lines["four-split"].split(",")[7:9] == ["4", "2"]


def test_a_unanimous_or_small_chamber_shows_no_counts_anywhere(
    world, fours, django_capture_on_commit_callbacks
) -> None:
    expected = ballot_tally(ballot=fours)
    closed = _close_now(world, fours)
    decision = Decision.objects.get(ballot=closed)
    entry = decision.log_entry
    assert entry is not None
    # The outcome still follows from the full count: shares 1/2, 1 and 2/3.
    assert decision.outcome == expected.outcome == decision.record["tally"]["outcome"]
    assert expected.support == Fraction(13, 18)
    logged = json.loads(entry.canonical)["record"]["tally"]
    _assert_withheld_as_the_rule_says(logged, "decision log entry")
    outputs = _public_outputs(world, closed, entry.seq)
    for where, tally in outputs["tallies"].items():
        _assert_withheld_as_the_rule_says(tally, where)
    for where, html in outputs["pages"].items():
        _assert_pages_withhold(html, where)
    assert "13/18" not in json.dumps(outputs, default=str)
    assert "fewer than three" not in decision.rationale
    _assert_report_withholds(*_report_tallies(django_capture_on_commit_callbacks))


def test_a_record_frozen_under_the_old_rule_is_shown_by_the_new_one(
    world, fours, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    """A decision closed before the rule was tightened (only chambers of fewer than three
    withheld) keeps its frozen record and log entry byte for byte, but every rendering
    withholds what today's rule withholds."""

    def old_rule(self, figures, *, secret):
        cast = figures.get("cast")
        return secret and (figures.get("figures_withheld") or cast is None or cast < 3)

    with monkeypatch.context() as patch:
        patch.setattr(Method, "withholds_figures", old_rule)
        closed = _close_now(world, fours)
    decision = Decision.objects.get(ballot=closed)
    entry = decision.log_entry
    assert entry is not None
    frozen = _rows(decision.record["tally"])["four-same"]
    assert (frozen["figures_withheld"], frozen["cast"], frozen["yes"]) == (False, 4, 4)
    canonical = entry.canonical

    outputs = _public_outputs(world, closed, entry.seq)
    for where, tally in outputs["tallies"].items():
        if where != "record":
            _assert_withheld_as_the_rule_says(tally, where)
    for where, html in outputs["pages"].items():
        _assert_pages_withhold(html, where)
    _assert_report_withholds(*_report_tallies(django_capture_on_commit_callbacks))
    # The log never changes: the entry is as it was hashed, and the chain still verifies.
    entry.refresh_from_db()
    assert entry.canonical == canonical
    assert decision_log_verify().ok
