"""The balance of consultation and action (issue 17, item 3): the figures' counting rules,
the reader's period, disclosure, the dashboard's charts and tables, and the API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

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
from tests.governance.factories import make_proposal, member_comment
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


def _balance(user, key=LAST_12_MONTHS):
    return selectors.balance(user=user, period=rolling_period(key))


def test_consultation_days_count_what_the_reader_may_see_in_the_period(world) -> None:
    _consulted(opened_days_ago=20, closed_days_ago=5, title="Public rule")
    _consulted(
        opened_days_ago=45,
        closed_days_ago=5,
        title="Members-only rule",
        disclosure=DisclosureLevel.MEMBERS,
    )
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
