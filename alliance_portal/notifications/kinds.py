"""The kinds of event a person can be notified of, registered in one place: a key, a plain
label and description for the preferences page, and the default a person has until they choose.

Defaults: what asks the person to act soon (a ballot opened or closing, an action assigned to
their organisation, a pledge or an RS report due) comes at once; news they may want to read (a consultation
opened in their organisation's materials or countries, one closing, an overdue action) comes in
the daily digest; decisions published come in the weekly digest."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "At once, one email each time"
    DAILY = "daily", "In a daily digest"
    WEEKLY = "weekly", "In a weekly digest"
    NONE = "none", "Never"


DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)


class Scope(models.TextChoices):
    MINE = "mine", "Only in my organisation's materials or countries"
    ALL = "all", "All of them"


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str
    description: str
    default: Frequency
    # Kinds with a scope: the person may hear only of events in their organisation's
    # materials or countries (the feature says which people that is when it notifies).
    scoped: bool = False


CONSULTATION_OPENED = "consultation_opened"
CONSULTATION_CLOSING = "consultation_closing"
BALLOT_OPENED = "ballot_opened"
BALLOT_CLOSING = "ballot_closing"
DECISION_PUBLISHED = "decision_published"
ACTION_ASSIGNED = "action_assigned"
ACTION_OVERDUE = "action_overdue"
PLEDGE_DUE = "pledge_due"
REPORT_DUE = "report_due"

KINDS: dict[str, EventKind] = {
    kind.key: kind
    for kind in (
        EventKind(
            CONSULTATION_OPENED,
            "Consultation opened",
            "A proposal opens for comments.",
            Frequency.DAILY,
            scoped=True,
        ),
        EventKind(
            CONSULTATION_CLOSING,
            "Consultation closing in 48 hours",
            "A consultation you may comment in closes in two days.",
            Frequency.DAILY,
        ),
        EventKind(
            BALLOT_OPENED,
            "Ballot opened",
            "A ballot your organisation votes in opens (its representatives are told).",
            Frequency.IMMEDIATE,
        ),
        EventKind(
            BALLOT_CLOSING,
            "Ballot closing in 48 hours",
            "A ballot your organisation votes in closes in two days.",
            Frequency.IMMEDIATE,
        ),
        EventKind(
            DECISION_PUBLISHED,
            "Decision published",
            "A decision is published in the public decision log.",
            Frequency.WEEKLY,
        ),
        EventKind(
            ACTION_ASSIGNED,
            "Action assigned to my organisation",
            "Your organisation is made responsible for an action following a decision.",
            Frequency.IMMEDIATE,
        ),
        EventKind(
            ACTION_OVERDUE,
            "Action overdue",
            "An action of your organisation has passed its due date.",
            Frequency.DAILY,
        ),
        EventKind(
            PLEDGE_DUE,
            "Pledge due",
            "A pledge your organisation made to an initiative is due for payment.",
            Frequency.IMMEDIATE,
        ),
        EventKind(
            REPORT_DUE,
            "RS report due",
            "Your organisation's RS report in a reporting cycle is due within two weeks and "
            "not submitted yet.",
            Frequency.IMMEDIATE,
        ),
    )
}

KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS.values()]


def kind_label(key: str) -> str:
    kind = KINDS.get(key)
    return kind.label if kind else key.replace("_", " ").capitalize()
