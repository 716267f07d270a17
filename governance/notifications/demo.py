"""Demo notification choices: the demo member hears of every consultation at once; the demo
representative reads decisions in the daily digest (the other demo logins keep the defaults).
Idempotent; does nothing when the demo logins do not exist (test settings)."""

from __future__ import annotations

from alliance_portal.models import User
from alliance_portal.notifications import kinds
from alliance_portal.notifications.services import ChoiceInput, notification_preferences_update

CHOICES = {
    "member@demo.alliance.example": [
        ChoiceInput(kind=kinds.CONSULTATION_OPENED, frequency="immediate", scope="all"),
    ],
    "representative@demo.alliance.example": [
        ChoiceInput(kind=kinds.DECISION_PUBLISHED, frequency="daily"),
        ChoiceInput(kind=kinds.CONSULTATION_CLOSING, frequency="immediate"),
    ],
}


def seed() -> None:
    for email, choices in CHOICES.items():
        user = User.objects.filter(email=email).first()
        if user is not None:
            notification_preferences_update(actor=user, user=user, choices=choices)
