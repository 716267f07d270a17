"""Issue 17's check: the balance figures recomputed independently from the API's raw dates
(proposals' consultation dates, the decision log's publication times, comments' and roll-call
votes' organisations, organisations' chambers and standing, actions' due, start and done
dates, initiatives' budgets and funding totals) match the dashboard and the balance API, for an
anonymous reader and for a member (who also sees members-only work)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.actions.models import ActionItem
from governance.ballots import services as ballot_services
from governance.consultations import services as consultation_services
from governance.consultations.models import AuthorKind, Channel
from governance.decision_log.models import PublishedDecision
from governance.decision_log.services import decision_log_append
from governance.initiatives.models import Pledge
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.actions_support import action
from tests.governance.factories import make_proposal, member_comment
from tests.governance.initiatives_support import make_initiative, pledge
from tests.governance.test_ballots_factories import chamber, open_ballot, vote

S = ProposalStatus


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _all(api: APIClient, url: str) -> list[dict]:
    rows: list[dict] = []
    while url:
        answer = api.get(url)
        assert answer.status_code == 200, url
        rows += answer.json()["results"]
        url = answer.json()["next"]
    return rows


def _days(durations: list[timedelta]) -> str | None:
    if not durations:
        return None
    seconds = median(Decimal(str(d.total_seconds())) for d in durations)
    return str((Decimal(seconds) / 86400).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _percent(part: int, whole: int) -> str | None:
    if not whole:
        return None
    return str((Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def recompute(api: APIClient, starts_at: datetime | None, ends_before: datetime) -> dict:
    """The figures from the raw dates of the public API, written out again."""

    def within(moment: datetime | None) -> bool:
        return (
            moment is not None
            and (starts_at is None or moment >= starts_at)
            and (moment < ends_before)
        )

    proposals = {p["id"]: p["consultation"] for p in _all(api, "/api/v1/proposals/?page_size=200")}
    open_for = [
        _moment(c["closed_at"]) - _moment(c["opened_at"])
        for c in proposals.values()
        if c["opened_at"] and within(_moment(c["closed_at"]))
    ]
    published: dict[int, datetime] = {}
    for entry in _all(api, "/api/v1/decision-log/?kind=decision&page_size=200"):
        proposal = json.loads(entry["canonical"])["record"].get("proposal") or {}
        moment = _moment(entry["published_at"])
        if proposal.get("id") in proposals and moment is not None:
            published[proposal["id"]] = min(published.get(proposal["id"], moment), moment)
    to_decision = [
        moment - _moment(proposals[pk]["closed_at"])
        for pk, moment in published.items()
        if proposals[pk]["closed_at"] and within(moment)
    ]
    day = timezone.localdate(ends_before - timedelta(microseconds=1)).isoformat()
    eligible: dict[str, set[str]] = defaultdict(set)
    for organisation in _all(api, "/api/v1/organisations/?status=active&page_size=200"):
        if not organisation["joined_on"] or organisation["joined_on"] <= day:
            eligible[organisation["chamber"]].add(organisation["slug"])
    commented: set[str] = set()
    groups: dict[str, set[str]] = defaultdict(set)
    for pk in proposals:
        for comment in _all(api, f"/api/v1/proposals/{pk}/comments/?page_size=200"):
            if comment["status"] != "shown" or not within(_moment(comment["created_at"])):
                continue
            if comment["organisation"]:
                commented.add(comment["organisation"])
            elif comment["group"]:
                groups[comment["chamber"]].add(comment["group"]["name"])
    voted: set[str] = set()
    for ballot in _all(api, "/api/v1/ballots/?state=closed&page_size=200"):
        if not ballot["secret"] and within(_moment(ballot["closed_at"])):
            votes = api.get(f"/api/v1/ballots/{ballot['id']}/votes/").json()
            voted |= {row["organisation"] for row in votes}
    chambers: dict[str, tuple[int, ...]] = {}
    for slug in eligible.keys() | groups.keys():
        members = eligible[slug]
        chambers[slug] = (len(members), len(members & commented), len(members & voted))
        chambers[slug] += (len(groups[slug]),)
    return {
        "consultation_open_days": (_days(open_for), len(open_for)),
        "consultation_to_decision_days": (_days(to_decision), len(to_decision)),
        **_acting(api, proposals, within, starts_at, ends_before),
        "chambers": chambers,
    }


def _acting(
    api: APIClient, proposals: dict, within, starts_at: datetime | None, ends_before: datetime
) -> dict:
    """The action and funding figures from the actions, decision-log and initiatives APIs."""
    decisions: dict[int, tuple[int | None, datetime | None]] = {}
    for entry in _all(api, "/api/v1/decision-log/?kind=decision&page_size=200"):
        proposal = json.loads(entry["canonical"])["record"].get("proposal") or {}
        decisions[entry["seq"]] = (proposal.get("id"), _moment(entry["published_at"]))
    actions = [
        row
        for row in _all(api, "/api/v1/actions/?page_size=200")
        if decisions.get(row["decision"], (None, None))[0] in proposals
    ]
    first: dict[int, datetime] = {}
    for row in actions:
        started = _moment(row["started_at"])
        if started and (row["decision"] not in first or started < first[row["decision"]]):
            first[row["decision"]] = started
    to_action = [
        started - decisions[seq][1]
        for seq, started in first.items()
        if within(started) and decisions[seq][1] is not None
    ]
    today = timezone.localdate()
    last = timezone.localdate(ends_before - timedelta(microseconds=1))
    first_day = timezone.localdate(starts_at) if starts_at else None
    due = [
        row
        for row in actions
        if row["status"] != "cancelled"
        and date.fromisoformat(row["due_date"]) <= min(last, today)
        and (first_day is None or date.fromisoformat(row["due_date"]) >= first_day)
    ]
    on_time = [
        row
        for row in due
        if row["status"] == "done"
        and timezone.localdate(_moment(row["done_at"])) <= date.fromisoformat(row["due_date"])
    ]
    overdue = [row for row in due if row["status"] != "done"]
    budgets: dict[str, list[Any]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for initiative in _all(api, "/api/v1/initiatives/?page_size=200"):
        if initiative["status"] == "cancelled" or _moment(initiative["created_at"]) >= ends_before:
            continue
        for row in initiative["funding"]:
            if row["currency"] == initiative["budget_currency"]:
                budgets[row["currency"]][0] += Decimal(row["budget"])
                budgets[row["currency"]][1] += Decimal(row["total"])
                budgets[row["currency"]][2] += 1
    funding = {
        f"funding_pledged_{code.lower()}": (
            str((total * 100 / budget).quantize(Decimal("0.1"), ROUND_HALF_UP)) if budget else None,
            int(count),
        )
        for code, (budget, total, count) in budgets.items()
    }
    return {
        "decision_to_action_days": (_days(to_action), len(to_action)),
        "actions_done_on_time": (_percent(len(on_time), len(due)), len(due)),
        "actions_overdue": (_percent(len(overdue), len(due)), len(due)),
        **funding,
    }


@pytest.fixture
def history(world, make_organisation) -> None:
    """Consultations, comments (one recorded by phone, one for a community group), roll-call
    and secret ballots, and a members-only proposal, spread over the last two years."""
    industry = chamber("industry", 1)
    company = make_organisation("Cobalt Mining Company", chamber=industry)
    make_organisation("Late Joiner", chamber=industry, joined_on=timezone.localdate())
    now = timezone.now()
    secretariat = world.users[Role.SECRETARIAT]
    proposals: list[Proposal] = []
    for number, (disclosure, secret, ago) in enumerate(
        [
            (DisclosureLevel.PUBLIC, False, 40),
            (DisclosureLevel.PUBLIC, True, 200),
            (DisclosureLevel.MEMBERS, False, 20),
            (DisclosureLevel.PUBLIC, False, 500),
        ]
    ):
        proposal = make_proposal(
            status=S.CONSULTATION,
            title=f"Rule {number}",
            disclosure=disclosure,
            public_consultation=disclosure == DisclosureLevel.PUBLIC,
        )
        member_comment(proposal, world.own if number % 2 else world.other)
        member_comment(proposal, company, channel=Channel.PHONE)
        if number == 0:
            consultation_services.comment_record_received(
                actor=SYSTEM,
                proposal=proposal,
                text="Heard on the radio.",
                author_kind=AuthorKind.GROUP,
                group_name="Fishers of Lake Tanganyika",
                group_chamber=world.own.chamber,
                channel=Channel.RADIO,
            )
        proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
        ballot = open_ballot(title=f"Ballot {number}", disclosure=disclosure, secret=secret)
        vote(ballot, world.own, "yes")
        vote(ballot, company, "no")
        ballot_services.ballot_close(actor=secretariat, ballot=ballot, reason="All voted.")
        for pk, days in ((proposal.pk, ago), (ballot.proposal_id, ago - 3)):
            Proposal.objects.filter(pk=pk).update(
                consultation_opened_at=now - timedelta(days=days + 10 + number),
                consultation_closed_at=now - timedelta(days=days),
            )
        proposals.append(proposal)
    _acting_history(world, proposals)


def _acting_history(world, proposals: list[Proposal]) -> None:
    """Actions on decisions about the public proposals 0 and 3 (one done on time, one overdue,
    a members-level one done late, one not yet due) and initiatives budgeted in EUR (a
    members-level one among them) with pledges, some paid."""
    today = timezone.localdate()
    first, second = (_adopted(proposals[number]) for number in (0, 3))
    on_time = action(world.own, on=first, title="On time", due=today)
    overdue = action(world.other, on=second, title="Overdue", due=today - timedelta(days=5))
    late = action(
        world.own,
        on=second,
        title="Late",
        due=today - timedelta(days=2),
        disclosure=DisclosureLevel.MEMBERS,
    )
    action(world.own, on=first, title="Not yet due", due=today + timedelta(days=20))
    started = timezone.now()
    ActionItem.objects.filter(pk__in=[on_time.pk, late.pk]).update(
        status="done", started_at=started, done_at=started, percent=100
    )
    ActionItem.objects.filter(pk=overdue.pk).update(status="in_progress", started_at=started)
    for title, budget, disclosure, pledged in (
        ("Water monitoring", "1000", "public", ("300", "200")),
        ("Mine closure fund", "1000", "public", ("100",)),
        ("Community radio", "500", "members", ("100",)),
    ):
        initiative = make_initiative(
            world.own, title=title, budget_amount=Decimal(budget), disclosure=disclosure
        )
        for amount in pledged:
            pledge(initiative, world.own, amount)
    paid = Pledge.objects.get(amount=Decimal("200"))
    Pledge.objects.filter(pk=paid.pk).update(status="paid", paid_on=today)


def _adopted(proposal: Proposal) -> PublishedDecision:
    entry = decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": proposal.pk, "title": proposal.title},
            "body": {"slug": "general-assembly", "name": "General Assembly"},
            "outcome": "adopted",
            "countries": ["CD"],
            "materials": ["cobalt"],
        },
    )
    return PublishedDecision.objects.get(entry=entry)


def _dashboard(client: Client, period: str) -> dict:
    html = client.get(f"/governance/?period={period}").content.decode()
    figures = {
        key: (value or None, int(items))
        for key, value, items in re.findall(
            r'data-figure="([a-z_]+)" data-value="([\d.]*)" data-items="(\d+)"', html
        )
    }
    chambers = {
        slug: tuple(int(n) for n in numbers)
        for slug, *numbers in re.findall(
            r'<tr data-chamber="([a-z-]+)" data-eligible="(\d+)" data-commented="(\d+)" '
            r'data-voted="(\d+)" data-groups="(\d+)"',
            html,
        )
    }
    return {**figures, "chambers": chambers}


@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.MEMBER])
@pytest.mark.parametrize("period", ["90d", "12m", "all"])
def test_figures_recomputed_from_the_api_match_the_dashboard(history, world, role, period):
    api = APIClient()
    client = Client()
    if world.users[role] is not None:
        api.force_authenticate(world.users[role])
        client.force_login(world.users[role])
    answer = api.get(f"/api/v1/balance/?period={period}").json()
    ends_before = _moment(answer["period"]["ends_before"])
    assert ends_before is not None
    expected = recompute(api, _moment(answer["period"]["starts_at"]), ends_before)
    figures = {f["key"]: (f["value"], f["items"]) for f in answer["figures"]}
    chambers = {
        row["chamber"]: (
            row["eligible"],
            row["commented"],
            row["voted"],
            row["community_groups_heard"],
        )
        for row in answer["participation"]
        if row["chamber"] and (row["eligible"] or row["community_groups_heard"])
    }
    for row in answer["participation"]:
        if row["chamber"] in expected["chambers"]:
            eligible, commented, voted, _groups = expected["chambers"][row["chamber"]]
            assert row["commented_percent"] == _percent(commented, eligible)
            assert row["voted_percent"] == _percent(voted, eligible)
    page = _dashboard(client, period)
    keys = {key for key in expected if key != "chambers"}
    assert set(figures) == keys
    for key in sorted(keys):
        assert figures[key] == expected[key] == page[key], key
    assert chambers == expected["chambers"]
    assert {
        slug: numbers
        for slug, numbers in page["chambers"].items()
        if slug != "all" and (numbers[0] or numbers[3])
    } == expected["chambers"]


def test_the_history_has_something_to_measure(history, world) -> None:
    """The scenario above is not empty: the check compares real numbers."""
    answer = APIClient().get("/api/v1/balance/?period=all").json()
    assert all(f["items"] >= 2 for f in answer["figures"])
    assert any(row["voted"] and row["commented"] for row in answer["participation"])
