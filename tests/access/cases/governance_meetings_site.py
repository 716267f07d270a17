"""Access cases of the secretariat's meeting pages (issue 16, item 3): scheduling, changing and
cancelling a meeting on the site and through the API are the secretariat's; withdrawing an
organisation's registration is its representative's.

``populate`` adds, on the General Assembly, two upcoming meetings of its own (one to change and
cancel, one for which the own organisation is registered), so the cases of
``governance_meetings`` keep theirs as they are.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.access.matrix import Case

SCHEDULE_FORM: dict = {}
CHANGE_FORM: dict = {}

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message
EMPTY_AGENDA = {
    "agenda-TOTAL_FORMS": "1",
    "agenda-INITIAL_FORMS": "0",
    "agenda-MIN_NUM_FORMS": "0",
    "agenda-MAX_NUM_FORMS": "40",
    "agenda-0-title": "Opening",
    "agenda-0-ORDER": "1",
}


def populate(world) -> None:
    if "meetings_site" in world.extra:
        return
    from alliance_portal.policy import SYSTEM
    from governance.meetings import services
    from tests.governance.factories import assembly

    body = assembly()
    starts = timezone.now() + timedelta(days=40)

    def schedule(title: str):
        return services.meeting_schedule(
            actor=SYSTEM,
            body=body,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Goma",
        )

    changing = schedule("Matrix meeting to change")
    registered = schedule("Matrix meeting registered for")
    services.meeting_register(actor=SYSTEM, meeting=registered, organisation=world.own)
    moment = starts.strftime("%Y-%m-%dT%H:%M")
    end = (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    SCHEDULE_FORM.update(
        body=body.pk, title="Matrix new meeting", starts_at=moment, ends_at=end, place="Bukavu"
    )
    SCHEDULE_FORM.update(EMPTY_AGENDA)
    CHANGE_FORM.update(title=changing.title, starts_at=moment, ends_at=end, place="Uvira")
    CHANGE_FORM.update(EMPTY_AGENDA)
    world.extra["meetings_site"] = {"changing": changing, "registered": registered}


def _get(world, key: str):
    populate(world)
    return world.extra["meetings_site"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


PAGES: dict[str, list[Case]] = {
    "governance:meeting-schedule": [
        Case("secretariat"),
        Case(
            "secretariat",
            method="post",
            data=SCHEDULE_FORM,
            ok=REDIRECT,
            label="schedule a meeting with its agenda",
        ),
    ],
    "governance:meeting-change": [
        Case("secretariat", kwargs=_pk("changing")),
        Case(
            "secretariat",
            kwargs=_pk("changing"),
            method="post",
            data=CHANGE_FORM,
            ok=REDIRECT,
            label="move a meeting and set its agenda",
        ),
    ],
    "governance:meeting-cancel": [
        Case("secretariat", kwargs=_pk("changing")),
        Case(
            "secretariat",
            kwargs=_pk("changing"),
            method="post",
            data={"reason": "The venue is closed."},
            ok=FORM,
            label="cancel (the second staff role finds it cancelled)",
        ),
    ],
    "governance:meeting-unregister": [
        Case(
            "representative",
            kwargs=_pk("registered"),
            method="post",
            ok=REDIRECT,
            label="withdraw the own organisation's registration",
        )
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("post", "/api/v1/meetings/{id}/cancellation/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "changing").pk},
            data={"reason": "The venue is closed."},
            ok=frozenset({200, 400}),
            label="cancel (400 for the second staff role: cancelled already)",
        )
    ],
    ("delete", "/api/v1/meetings/{id}/registrations/"): [
        Case(
            "representative",
            kwargs=lambda w: {"id": _get(w, "registered").pk},
            ok=frozenset({204}),
        )
    ],
}
