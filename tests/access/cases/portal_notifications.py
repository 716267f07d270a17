"""Access cases of notifications (issue 17, item 5): each person's own choices (page and API,
signed in), and the one-click unsubscribe link that anyone holding it follows, signed in or
not (the signed link is the check); a changed link is refused to everyone alike."""

from __future__ import annotations

from tests.access.matrix import Case

# The preferences form with every kind at its default (filled in by ``populate``).
DEFAULTS_FORM: dict = {}


def populate(world) -> None:
    if "notifications" in world.extra:
        return
    from alliance_portal.models import (
        Notification,
        NotificationItem,
        NotificationPreference,
        User,
    )
    from alliance_portal.notifications.kinds import KINDS
    from alliance_portal.notifications.tokens import unsubscribe_token

    person = User.objects.create_user(email="notified@example.org", password=None)
    preference = NotificationPreference.objects.create(
        user=person, kind="ballot_opened", frequency="daily"
    )
    notification = Notification.objects.create(
        kind="ballot_opened",
        event_key="matrix:ballot-opened",
        subject="Matrix ballot open",
        line="The matrix ballot is open.",
        link="https://portal.example.org/",
        body="The matrix ballot is open.",
        audience=[person.pk],
    )
    NotificationItem.objects.create(notification=notification, user=person, frequency="daily")
    DEFAULTS_FORM.update({kind: str(event.default) for kind, event in KINDS.items()})
    DEFAULTS_FORM["consultation_opened_scope"] = "mine"
    world.extra["notifications"] = {
        "preference": preference,
        "token": unsubscribe_token(user_id=person.pk, what="ballot_opened"),
    }


def _token(world) -> dict[str, str]:
    populate(world)
    return {"token": world.extra["notifications"]["token"]}


def _forged(world) -> dict[str, str]:
    return {"token": _token(world)["token"][:-3] + "xyz"}


PAGES: dict[str, list[Case]] = {
    "notification_preferences": [
        Case("signed-in"),
        Case(
            "signed-in",
            method="post",
            data=DEFAULTS_FORM,
            ok=frozenset({302}),
            label="save one's own choices",
        ),
    ],
    "notifications_unsubscribe": [
        Case("public", kwargs=_token, label="confirm (changes nothing)"),
        Case("public", kwargs=_token, method="post", label="one click, without signing in"),
        Case("public", kwargs=_forged, ok=frozenset({400}), label="changed link"),
        Case(
            "public",
            kwargs=_forged,
            method="post",
            ok=frozenset({400}),
            label="changed link, one click",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/me/notifications/"): [Case("signed-in")],
    ("patch", "/api/v1/me/notifications/"): [
        Case("signed-in", data=[{"kind": "pledge_due", "frequency": "weekly"}])
    ],
}
