"""The governance events people are notified of when they happen: each is called inside the
use case that makes it happen, so nothing is sent if that use case is rolled back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from alliance_portal.notifications import kinds
from alliance_portal.notifications.services import notify
from governance.ballots.models import Ballot
from governance.decision_log.models import DecisionLogEntry
from governance.notifications.audience import (
    commenters,
    electorate_representatives,
    everyone,
    in_their_scope,
    organisation_people,
)
from governance.proposals.models import Proposal


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %B %Y at %H:%M} UTC"


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def consultation_opened(proposal: Proposal, *, now: datetime) -> None:
    """A consultation opened (by hand, on schedule, or a further round): everyone who may
    comment, each as they chose (those who chose "mine" only when it is in their
    organisation's materials or countries)."""
    audience = commenters(proposal)
    closes = proposal.consultation_closes_at
    until = f" until {_when(closes)}" if closes else ""
    notify(
        kind=kinds.CONSULTATION_OPENED,
        event_key=f"governance:consultation-opened:{proposal.pk}:{now:%Y%m%dT%H%M%S}",
        audience=audience,
        in_scope=in_their_scope(proposal, audience),
        subject=f"Consultation open: “{proposal.title}”",
        line=f"“{proposal.title}” ({proposal.body.name}) is open for comments{until}.",
        link=_absolute(proposal.get_absolute_url()),
        body=(
            f"The {proposal.body.name} has opened “{proposal.title}” for comments{until}. "
            "Read the text and comment on its paragraphs:"
        ),
    )


def consultation_closing(proposal: Proposal) -> None:
    """A consultation closes within 48 hours: everyone who may still comment."""
    closes = proposal.consultation_closes_at
    assert closes is not None  # noqa: S101 (only open consultations with a closing time)
    notify(
        kind=kinds.CONSULTATION_CLOSING,
        event_key=f"governance:consultation-closing:{proposal.pk}:{closes:%Y%m%dT%H%M%S}",
        audience=commenters(proposal),
        subject=f"Consultation closing: “{proposal.title}”",
        line=f"The consultation on “{proposal.title}” closes on {_when(closes)}.",
        link=_absolute(proposal.get_absolute_url()),
        body=(
            f"The consultation on “{proposal.title}” ({proposal.body.name}) closes on "
            f"{_when(closes)}. Comments are taken until then:"
        ),
    )


def _vote_link(ballot: Ballot) -> str:
    return _absolute(reverse("governance:ballot-vote", kwargs={"pk": ballot.proposal_id}))


def ballot_opened(ballot: Ballot) -> None:
    """A ballot opened: the representatives of its electorate. Says nothing about any vote."""
    proposal = ballot.proposal
    assert ballot.closes_at is not None  # noqa: S101 (an open ballot has its closing time)
    notify(
        kind=kinds.BALLOT_OPENED,
        event_key=f"governance:ballot-opened:{ballot.pk}",
        audience=electorate_representatives(ballot),
        subject=f"Ballot open: “{proposal.title}”",
        line=f"The ballot on “{proposal.title}” is open until {_when(ballot.closes_at)}.",
        link=_vote_link(ballot),
        body=(
            f"The {proposal.body.name}'s ballot on “{proposal.title}” is open until "
            f"{_when(ballot.closes_at)}.\n\nAs your organisation's representative, first "
            "declare whether it has a conflict of interest, then cast its vote (you may "
            "change it until the ballot closes):"
        ),
    )


def ballot_closing(ballot: Ballot) -> None:
    """A ballot closes within 48 hours: the representatives of its electorate."""
    proposal = ballot.proposal
    closes = ballot.closes_at
    assert closes is not None  # noqa: S101 (only open ballots with a closing time)
    notify(
        kind=kinds.BALLOT_CLOSING,
        event_key=f"governance:ballot-closing:{ballot.pk}:{closes:%Y%m%dT%H%M%S}",
        audience=electorate_representatives(ballot),
        subject=f"Ballot closing: “{proposal.title}”",
        line=f"The ballot on “{proposal.title}” closes on {_when(closes)}.",
        link=_vote_link(ballot),
        body=(
            f"The {proposal.body.name}'s ballot on “{proposal.title}” closes on "
            f"{_when(closes)}. If your organisation has not voted yet, its representative "
            "may still declare and vote until then:"
        ),
    )


def decision_published(entry: DecisionLogEntry, record: dict[str, Any]) -> None:
    """A decision entry was appended to the public decision log: every account."""
    title = str(record.get("proposal", {}).get("title", "")) or f"Decision {entry.seq}"
    body = str(record.get("body", {}).get("name", ""))
    outcome = str(record.get("outcome", "")).replace("_", " ")
    by = f" by the {body}" if body else ""
    notify(
        kind=kinds.DECISION_PUBLISHED,
        event_key=f"governance:decision-published:{entry.seq}",
        audience=everyone(),
        subject=f"Decision published: “{title}”",
        line=f"Decision {entry.seq}{by}: “{title}” ({outcome}).",
        link=_absolute(entry.get_absolute_url()),
        body=f"The decision log has a new decision{by}: “{title}”, {outcome}. Read it:",
    )


def organisation_notified(
    *,
    kind: str,
    event_key: str,
    organisation_id: int,
    subject: str,
    line: str,
    path: str,
    body: str = "",
) -> None:
    """Tell the people of one organisation of an event about it, each as they chose: an action
    assigned to it (``kinds.ACTION_ASSIGNED``), its action overdue (``kinds.ACTION_OVERDUE``),
    its pledge due (``kinds.PLEDGE_DUE``). Call it inside the use case that makes the event
    happen; ``event_key`` names the event once ("governance:action-assigned:<id>:<org>"),
    ``path`` is the page's path on the portal."""
    notify(
        kind=kind,
        event_key=event_key,
        audience=organisation_people(organisation_id),
        subject=subject,
        line=line,
        link=_absolute(path),
        body=body,
    )


def action_assigned(item: Any) -> None:
    """An action item was assigned to an organisation (created, or given to another one): the
    people of that organisation, once per action and organisation."""
    organisation_notified(
        kind=kinds.ACTION_ASSIGNED,
        event_key=f"governance:action-assigned:{item.pk}:{item.owner_id}",
        organisation_id=item.owner_id,
        subject=f"Action assigned: “{item.title}”",
        line=f"Your organisation is responsible for “{item.title}”, due {item.due_date:%-d %B %Y}.",
        path=item.get_absolute_url(),
        body=(
            f"After the decision “{item.decision.title}”, your organisation is responsible for "
            f"“{item.title}”, due {item.due_date:%-d %B %Y}. Report its progress on its page:"
        ),
    )


def action_overdue(item: Any) -> None:
    """An action item is past its due date and not done or cancelled: the people of its owner,
    once per action and due date (a due date moved later is announced again when passed)."""
    organisation_notified(
        kind=kinds.ACTION_OVERDUE,
        event_key=f"governance:action-overdue:{item.pk}:{item.due_date:%Y%m%d}",
        organisation_id=item.owner_id,
        subject=f"Action overdue: “{item.title}”",
        line=f"“{item.title}” was due {item.due_date:%-d %B %Y} and is not done.",
        path=item.get_absolute_url(),
        body=(
            f"“{item.title}” was due on {item.due_date:%-d %B %Y} and is not marked done. "
            "Post an update with where it stands, or say why it is blocked:"
        ),
    )


def pledge_due(pledge: Any) -> None:
    """A pledge still only pledged is due within a week (or overdue): the people of the
    pledging organisation, or, for a partner alliance's pledge, of the initiative's lead
    organisation (an alliance has no accounts here). Once per pledge and due date."""
    initiative = pledge.initiative
    who = "Your organisation's" if pledge.organisation_id else f"{pledge.partner_alliance}'s"
    amount = f"{pledge.amount:,.2f} {pledge.currency}"
    organisation_notified(
        kind=kinds.PLEDGE_DUE,
        event_key=f"governance:pledge-due:{pledge.pk}:{pledge.due_on:%Y%m%d}",
        organisation_id=pledge.organisation_id or initiative.lead_organisation_id,
        subject=f"Pledge due: “{initiative.title}”",
        line=f"{who} pledge of {amount} to “{initiative.title}” is due {pledge.due_on:%-d %B %Y}.",
        path=initiative.get_absolute_url(),
        body=(
            f"{who} pledge of {amount} to “{initiative.title}” is due on "
            f"{pledge.due_on:%-d %B %Y}. The secretariat marks it paid when the money arrives:"
        ),
    )
