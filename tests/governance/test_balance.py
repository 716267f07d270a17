"""The balance of consultation and action (issue 17, item 3): the figures' counting rules,
the reader's period, disclosure, the dashboard's charts and tables, and the API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.balance import selectors
from governance.balance.periods import ALL_TIME, LAST_12_MONTHS, LAST_90_DAYS, rolling_period
from governance.ballots import services as ballot_services
from governance.consultations import services as consultation_services
from governance.consultations.models import AuthorKind, Channel
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from governance.reports import periods as report_periods
from governance.reports.sections import registry
from tests.governance.actions_support import action
from tests.governance.factories import make_proposal, member_comment
from tests.governance.initiatives_support import make_initiative, pledge
from tests.governance.test_ballots_factories import chamber as make_chamber
from tests.governance.test_ballots_factories import open_ballot, vote

S = ProposalStatus


def _consulted(*, opened_days_ago: float, closed_days_ago: float, **kwargs) -> Proposal:
    """A proposal whose consultation ran between the two moments (days before now)."""
    proposal = make_proposal(status=S.DELIBERATION, **kwargs)
    now = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        consultation_opened_at=now - timedelta(days=opened_days_ago),
        consultation_closed_at=now - timedelta(days=closed_days_ago),
    )
    return proposal


def _close_now(world, ballot) -> None:
    """The secretariat closes the ballot now (before its time, with a reason)."""
    ballot_services.ballot_close(
        actor=world.users[Role.SECRETARIAT], ballot=ballot, reason="Every member has voted."
    )


def _figure(balance, key):
    return next(figure for figure in balance.figures if figure.key == key)


def _row(balance, slug):
    return next(
        r for r in balance.participation if (r.chamber.slug if r.chamber else "all") == slug
    )


def _public_and_members_only() -> None:
    """Two consultations closed 5 days ago: a public one open 15 days, a members-only one
    open 40 days."""
    _consulted(opened_days_ago=20, closed_days_ago=5, title="Public rule")
    _consulted(
        opened_days_ago=45,
        closed_days_ago=5,
        title="Members-only rule",
        disclosure=DisclosureLevel.MEMBERS,
    )


def _balance(user, key=LAST_12_MONTHS):
    return selectors.balance(user=user, period=rolling_period(key))


def test_consultation_days_count_what_the_reader_may_see_in_the_period(world) -> None:
    _public_and_members_only()
    _consulted(opened_days_ago=130, closed_days_ago=100, title="Older rule")

    anonymous = _figure(
        _balance(world.users[Role.ANONYMOUS], LAST_90_DAYS), "consultation_open_days"
    )
    assert (anonymous.value, anonymous.items) == (Decimal("15.0"), 1)
    member = _balance(world.users[Role.MEMBER], LAST_90_DAYS)
    assert _figure(member, "consultation_open_days").value == Decimal("27.5")  # (15 + 40) / 2
    assert _figure(member, "consultation_open_days").items == 2
    year = _figure(_balance(world.users[Role.MEMBER]), "consultation_open_days")
    assert (year.value, year.items) == (Decimal("30.0"), 3)  # 15, 30, 40


def test_days_to_decision_run_from_the_close_to_the_published_decision(world) -> None:
    ballot = open_ballot(title="Decided rule")
    vote(ballot, world.own, "yes")
    _close_now(world, ballot)
    Proposal.objects.filter(pk=ballot.proposal_id).update(
        consultation_closed_at=timezone.now() - timedelta(days=12, hours=12)
    )
    figure = _figure(_balance(world.users[Role.ANONYMOUS]), "consultation_to_decision_days")
    assert (figure.value, figure.items) == (Decimal("12.5"), 1)
    assert figure.period.key == LAST_12_MONTHS


def test_participation_per_chamber_counts_offline_input_and_leaves_secret_ballots_out(
    world, make_organisation
) -> None:
    industry = make_chamber("industry", 1)
    company = make_organisation("Mining Company", chamber=industry)
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    # Recorded by phone on the other organisation's behalf: it commented.
    member_comment(proposal, world.other, channel=Channel.PHONE)
    consultation_services.comment_record_received(
        actor=SYSTEM,
        proposal=proposal,
        text="Heard at the village meeting.",
        author_kind=AuthorKind.GROUP,
        group_name="Kolwezi Women's Collective",
        group_chamber=world.own.chamber,
        channel=Channel.MEETING,
    )
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    roll_call = open_ballot(title="Roll-call rule")
    vote(roll_call, world.own, "yes")
    _close_now(world, roll_call)
    secret = open_ballot(title="Secret rule", secret=True)
    vote(secret, company, "no")
    _close_now(world, secret)

    balance = _balance(world.users[Role.ANONYMOUS])
    civil = _row(balance, world.own.chamber.slug)
    assert civil.eligible == 2  # own and other; the applicant is not a member yet
    assert (civil.commented.count, civil.commented.value) == (1, Decimal("50.0"))
    assert (civil.voted.count, civil.voted.value) == (1, Decimal("50.0"))
    assert civil.groups_heard == 1
    companies = _row(balance, "industry")
    assert (companies.eligible, companies.voted.count, companies.voted.value) == (1, 0, 0)
    everyone = _row(balance, "all")
    assert (everyone.eligible, everyone.commented.count, everyone.voted.count) == (3, 1, 1)


def test_a_members_only_consultation_counts_for_members_only(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION, disclosure=DisclosureLevel.MEMBERS)
    member_comment(proposal, world.own)
    slug = world.own.chamber.slug
    assert _row(_balance(world.users[Role.ANONYMOUS]), slug).commented.count == 0
    assert _row(_balance(world.users[Role.MEMBER]), slug).commented.count == 1


def test_all_time_reaches_back_further_than_a_year(world) -> None:
    _consulted(opened_days_ago=800, closed_days_ago=780)
    assert _figure(_balance(None), "consultation_open_days").items == 0
    assert _figure(_balance(None, ALL_TIME), "consultation_open_days").items == 1


@pytest.mark.parametrize("key", [LAST_90_DAYS, LAST_12_MONTHS, ALL_TIME])
def test_every_period_states_its_bounds(key) -> None:
    period = rolling_period(key)
    assert period.ends_before <= timezone.now()
    assert ("up to" in period.in_words) == (key == ALL_TIME)


# --- the dashboard, the API and the report ---------------------------------------------------


def test_the_dashboard_shows_each_chart_with_its_table_for_the_chosen_period(world) -> None:
    _consulted(opened_days_ago=20, closed_days_ago=5, title="Public rule")
    client = world.client_for(Role.ANONYMOUS)
    html = client.get("/governance/").content.decode()
    assert '<option value="12m" selected>Last 12 months</option>' in html
    assert "Figures for the last 12 months:" in html
    for chart in ("days", "commented", "voted"):
        assert f'id="chart-{chart}"' in html
    for table in ("balance-days-table", "balance-participation-table", "balance-meetings-table"):
        assert f'id="{table}"' in html
    assert 'data-figure="consultation_open_days" data-value="15.0" data-items="1"' in html
    assert "How these figures are counted" in html
    assert "counts as the organisation commenting" in html

    ninety = client.get("/governance/?period=90d").content.decode()
    assert '<option value="90d" selected>Last 90 days</option>' in ninety
    wrong = client.get("/governance/?period=forever")
    assert wrong.status_code == 200
    assert "Choose the last 90 days, the last 12 months or all time." in wrong.content.decode()


@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.SECRETARIAT])
def test_the_dashboard_queries_do_not_grow_with_the_figures(
    world, role, django_assert_max_num_queries
) -> None:
    for number in range(4):
        proposal = make_proposal(status=S.CONSULTATION, title=f"Rule {number}")
        member_comment(proposal, world.own if number % 2 else world.other)
        proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
        action(world.own, title=f"Action {number}", due=timezone.localdate())
        initiative = make_initiative(world.own, title=f"Initiative {number}")
        pledge(initiative, world.own, "100", "EUR" if number % 2 else "USD")
    client = world.client_for(role)
    # 13 for the page's lists, 7 for the consultation and participation figures, 2 for the
    # action figures, 2 for the funding figures: none grows with the rows.
    with django_assert_max_num_queries(24):
        assert client.get("/governance/?period=all").status_code == 200


def test_the_api_answers_the_figures_with_their_period_and_refuses_an_unknown_period(
    world, django_assert_max_num_queries
) -> None:
    _consulted(opened_days_ago=20, closed_days_ago=5)
    api = APIClient()
    # 7 for the consultation and participation figures, 2 each for actions and funding.
    with django_assert_max_num_queries(12):
        answer = api.get("/api/v1/balance/?period=90d")
    assert answer.status_code == 200
    data = answer.json()
    assert data["period"]["key"] == "90d"
    assert data["period"]["starts_at"] is not None
    figure = next(f for f in data["figures"] if f["key"] == "consultation_open_days")
    assert (figure["value"], figure["unit"], figure["items"]) == ("15.0", "days", 1)
    assert data["participation"][-1]["chamber"] is None
    assert data["meeting_access"]["all"]["chamber_name"] == "All chambers"
    assert api.get("/api/v1/balance/").json()["period"]["key"] == "12m"
    refused = api.get("/api/v1/balance/?period=forever")
    assert refused.status_code == 400
    assert "period" in refused.json()


def test_the_report_section_counts_what_its_edition_may_show(world) -> None:
    _public_and_members_only()
    today = timezone.localdate()
    period = report_periods.ad_hoc(today - timedelta(days=30), today)
    spec = next(spec for spec in registry.sections() if spec.key == "balance")
    public = registry.build_section(spec, registry.ReportContext(period, "public"))
    members = registry.build_section(spec, registry.ReportContext(period, "members"))
    assert public["available"] is True

    def figures(section):
        return {figure["key"]: figure["value"] for figure in section["figures"]}

    assert figures(public)["consultation_open_days"] == "15.0"
    assert figures(public)["consultation_open_days_items"] == 1
    assert figures(members)["consultation_open_days"] == "27.5"
    tables = {table["name"] for table in public["tables"]}
    assert tables == {"balance-figures", "balance-participation", "balance-meeting-access"}
    assert any("From the moment a consultation opened" in note for note in public["notes"])


@pytest.mark.parametrize(
    ("items", "words"),
    [
        (0, "0 consultations closed in the period"),
        (1, "1 consultation closed in the period"),
        (2, "2 consultations closed in the period"),
    ],
)
def test_a_figure_names_its_items_in_the_singular_or_the_plural(items, words) -> None:
    from governance.balance.figures import DAYS, Figure
    from governance.balance.periods import BalancePeriod

    now = timezone.now()
    figure = Figure(
        key="consultation_days",
        label="Days a consultation is open",
        value=None,
        unit=DAYS,
        period=BalancePeriod(key="", label="", starts_at=None, ends_before=now),
        items=items,
        items_label="consultations closed in the period",
        rule="",
    )
    assert figure.items_words == words
