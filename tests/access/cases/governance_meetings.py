"""Access cases of meetings and meeting requests (issue 16, item 3).

``populate`` adds, on the General Assembly: a past meeting with members-level minutes and a
later one (started) where they can be approved, and an upcoming meeting; and a meeting request
from a person outside every role of the matrix (so only the secretariat reads it).
Meetings and the equal-access figures are public; registering is the representative's; the
secretariat schedules, records attendance, publishes and approves minutes, and decides
requests; anyone signed in asks for a meeting and reads their own requests.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.access.matrix import Case

# Form and API bodies naming rows of the world: filled in by ``populate`` (a case's data is a
# plain dict, sent as it is when the case runs).
APPROVAL_FORM: dict = {}
APPROVAL_API: dict = {}
REQUEST_FORM: dict = {}

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message


def populate(world) -> None:
    if "meetings" in world.extra:
        return
    from alliance_portal.models import User
    from alliance_portal.policy import SYSTEM
    from governance.meetings import services
    from tests.governance.factories import assembly

    body = assembly()
    now = timezone.now()

    def schedule(title: str, starts):
        return services.meeting_schedule(
            actor=SYSTEM,
            body=body,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Lubumbashi",
            languages=["en", "fr"],
            agenda=[
                services.AgendaInput(title="Opening"),
                services.AgendaInput(title="Matrix held item", legal_hold=True),
            ],
        )

    past = schedule("Matrix past meeting", now - timedelta(days=30))
    later = schedule("Matrix later meeting", now - timedelta(days=2))
    upcoming = schedule("Matrix upcoming meeting", now + timedelta(days=20))
    services.meeting_attendance_record(actor=SYSTEM, meeting=past, attended=[world.other])
    services.meeting_minutes_publish(
        actor=SYSTEM, meeting=past, text="Matrix minutes.", disclosure="members"
    )
    requester = User.objects.create_user(email="community@example.org", password=None)
    request = services.meeting_request_create(
        actor=SYSTEM,
        requester=requester,
        body=body,
        topic="Matrix meeting request",
        chamber=world.own.chamber,
        preferred_language="sw",
        now=now - timedelta(days=40),
    )
    APPROVAL_FORM["at_meeting"] = APPROVAL_API["at_meeting"] = later.pk
    REQUEST_FORM.update(
        body=body.pk,
        meet_with="chair",
        topic="A meeting, please",
        chamber=world.own.chamber.pk,
        preferred_language="fr",
    )
    world.extra["meetings"] = {
        "body": body,
        "past": past,
        "later": later,
        "upcoming": upcoming,
        "request": request,
        # Agenda items to hold and release, one per door (the second staff role finds each
        # held, or released, already).
        "hold page": upcoming.agenda_items.get(title="Opening"),
        "release page": upcoming.agenda_items.get(title="Matrix held item"),
        "hold api": later.agenda_items.get(title="Opening"),
        "release api": later.agenda_items.get(title="Matrix held item"),
    }


def _get(world, key: str):
    populate(world)
    return world.extra["meetings"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


PAGES: dict[str, list[Case]] = {
    "governance:meeting-list": [Case("public")],
    "governance:meeting-detail": [
        Case("public", kwargs=_pk("past"), label="past meeting with members' minutes"),
        Case("public", kwargs=_pk("upcoming"), label="upcoming meeting"),
    ],
    "governance:meeting-register": [
        Case(
            "representative",
            kwargs=_pk("upcoming"),
            method="post",
            ok=REDIRECT,
            label="register the own organisation",
        )
    ],
    "governance:meeting-attendance": [
        Case("secretariat", kwargs=_pk("past")),
        Case(
            "secretariat",
            kwargs=_pk("past"),
            method="post",
            data={"organisations": []},
            ok=REDIRECT,
            label="record who attended",
        ),
    ],
    "governance:meeting-minutes": [
        Case("secretariat", kwargs=_pk("past")),
        Case(
            "secretariat",
            kwargs=_pk("past"),
            method="post",
            data={"text": "Corrected minutes.", "disclosure": "public"},
            ok=REDIRECT,
            label="publish corrected minutes",
        ),
    ],
    "governance:meeting-minutes-approval": [
        Case("secretariat", kwargs=_pk("past")),
        Case(
            "secretariat",
            kwargs=_pk("past"),
            method="post",
            data=APPROVAL_FORM,
            ok=FORM,
            label="approve (the second staff role finds them approved)",
        ),
    ],
    "governance:agenda-item-hold": [
        Case(
            "secretariat",
            kwargs=_pk("hold page"),
            method="post",
            ok=REDIRECT,
            label="hold an agenda item for legal review",
        )
    ],
    "governance:agenda-item-release": [
        Case(
            "secretariat",
            kwargs=_pk("release page"),
            method="post",
            ok=REDIRECT,
            label="counsel releases a held agenda item",
        )
    ],
    "governance:meeting-request-list": [Case("signed-in")],
    "governance:meeting-request-create": [
        Case("signed-in"),
        Case(
            "signed-in",
            method="post",
            data=REQUEST_FORM,
            ok=REDIRECT,
            label="ask for a meeting",
        ),
    ],
    "governance:meeting-request-detail": [
        Case("secretariat", kwargs=_pk("request"), label="someone else's request"),
        Case(
            "secretariat",
            kwargs=_pk("request"),
            method="post",
            data={"decision": "decline", "reason": "Not the right body."},
            ok=FORM,
            label="decline (the second staff role finds it decided)",
        ),
    ],
    "governance:meeting-request-figures": [Case("public")],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/meetings/"): [Case("public")],
    ("post", "/api/v1/meetings/"): [
        Case(
            "secretariat",
            data={
                "body": "general-assembly",
                "title": "A new meeting",
                "starts_at": "2031-03-01T09:00:00Z",
                "ends_at": "2031-03-01T12:00:00Z",
                "link": "https://meet.example.org/a",
                "languages": ["en"],
                "agenda": [{"title": "Opening"}],
            },
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/meetings/{id}/"): [
        Case("public", kwargs=lambda w: {"id": _get(w, "past").pk}, label="past meeting"),
    ],
    ("patch", "/api/v1/meetings/{id}/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "upcoming").pk},
            data={"place": "Kinshasa"},
            label="move an upcoming meeting",
        )
    ],
    ("post", "/api/v1/meetings/{id}/registrations/"): [
        Case(
            "representative",
            kwargs=lambda w: {"id": _get(w, "upcoming").pk},
            ok=frozenset({201}),
        )
    ],
    ("put", "/api/v1/meetings/{id}/attendance/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "past").pk},
            data={"organisations": []},
        )
    ],
    ("put", "/api/v1/meetings/{id}/minutes/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "past").pk},
            data={"text": "Corrected.", "disclosure": "public"},
        )
    ],
    ("post", "/api/v1/meetings/{id}/minutes/approval/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "past").pk},
            data=APPROVAL_API,
            ok=frozenset({200, 400}),
            label="approve (400 for the second staff role: approved already)",
        )
    ],
    ("post", "/api/v1/meetings/agenda-items/{id}/hold/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "hold api").pk},
            ok=frozenset({200, 400}),
            label="hold (400 for the second staff role: held already)",
        )
    ],
    ("post", "/api/v1/meetings/agenda-items/{id}/release/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "release api").pk},
            ok=frozenset({200, 400}),
            label="release (400 for the second staff role: released already)",
        )
    ],
    ("get", "/api/v1/meeting-requests/"): [Case("signed-in")],
    ("post", "/api/v1/meeting-requests/"): [
        Case(
            "signed-in",
            data={
                "body": "general-assembly",
                "topic": "A meeting, please",
                "chamber": "civil-society",
                "preferred_language": "en",
            },
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/meeting-requests/figures/"): [Case("public")],
    ("get", "/api/v1/meeting-requests/{id}/"): [
        Case("secretariat", kwargs=lambda w: {"id": _get(w, "request").pk})
    ],
    ("post", "/api/v1/meeting-requests/{id}/decision/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "request").pk},
            data={"decision": "decline", "reason": "Not the right body."},
            ok=frozenset({200, 400}),
            label="decline (400 for the second staff role: decided already)",
        )
    ],
}
