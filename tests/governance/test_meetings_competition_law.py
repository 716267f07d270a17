"""Competition-law safeguards in meetings (issue 20, item 3): the statement on every agenda,
minutes that record it was read, agendas that refuse items asking for commercial information
(page, API and admin alike), and the legal-review hold on an agenda item: shown to the
secretariat only until counsel releases it, in the audit trail, on the page and the API."""

from __future__ import annotations

from datetime import timedelta

import pghistory.models
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.competition_law import RULE
from alliance_portal.models import AccessLogEntry
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.meetings import services
from governance.meetings.models import AgendaItem, Meeting
from members.models import AgreementKind, Person
from members.services import agreement_publish, agreements_accept
from tests.governance.factories import assembly
from tests.governance.test_meetings_secretariat import _agenda, _moment

pytestmark = pytest.mark.django_db

HELD = "Joint letter to refiners"


def schedule(*, days: float, agenda=(), title: str = "Assembly") -> Meeting:
    starts = timezone.now() + timedelta(days=days)
    return services.meeting_schedule(
        actor=SYSTEM,
        body=assembly(),
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        place="Lubumbashi",
        agenda=list(agenda),
    )


def with_held_item(days: float = 10) -> Meeting:
    return schedule(
        days=days,
        agenda=[
            services.AgendaInput(title="Opening"),
            services.AgendaInput(title=HELD, description="Zmkheldnote", legal_hold=True),
        ],
    )


def publish_statement() -> None:
    statement = agreement_publish(
        actor=SYSTEM,
        kind=AgreementKind.COMPETITION,
        title="Competition-law statement",
        text=f"1. {RULE}\n2. Zmkstatementtext.",
    )
    for person in Person.objects.all():
        agreements_accept(actor=SYSTEM, person=person, agreements=[statement])


# --- the statement on every agenda, and minutes that record its reading -----------------------


def test_every_meeting_page_shows_the_statement_in_force(world, client) -> None:
    meeting = schedule(days=5)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "The alliance's competition-law rule:" in html  # none published yet: the rule
    assert RULE in html
    publish_statement()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Competition-law statement, version 1:" in html
    assert "Zmkstatementtext" in html  # the whole text, for anyone (agendas are public)


def test_minutes_record_that_the_statement_was_read_on_the_page_and_the_api(world) -> None:
    publish_statement()
    meeting = schedule(days=-3)
    staff = world.client_for(Role.SECRETARIAT)
    form = staff.get(f"/governance/meetings/{meeting.pk}/minutes/").content.decode()
    assert "The competition-law statement was read at the opening of the meeting" in form
    staff.post(
        f"/governance/meetings/{meeting.pk}/minutes/",
        {"text": "Minutes.", "disclosure": "public", "statement_read": "on"},
    )
    minutes = meeting.minutes
    minutes.refresh_from_db()
    assert (minutes.statement_read, minutes.statement_version) == (True, 1)
    page = staff.get(meeting.get_absolute_url()).content.decode()
    assert "The competition-law statement (version 1) was read at the opening" in page

    api = APIClient()
    api.force_authenticate(world.users[Role.SECRETARIAT])
    answer = api.put(
        f"/api/v1/meetings/{meeting.pk}/minutes/",
        {"text": "Corrected.", "disclosure": "public"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["statement_read"], answer.json()["statement_version"]) == (False, None)
    page = staff.get(meeting.get_absolute_url()).content.decode()
    assert "The minutes do not record that the competition-law statement was read." in page


# --- agendas refuse commercial information ------------------------------------------------------


def test_the_use_case_refuses_an_agenda_item_asking_for_prices_and_says_why(world) -> None:
    with pytest.raises(ValidationError) as refused:
        schedule(
            days=10,
            agenda=[
                services.AgendaInput(title="Opening"),
                services.AgendaInput(title="Cobalt", description="Each member's price for 2027"),
            ],
        )
    (message,) = refused.value.message_dict["agenda"]
    assert message.startswith("Agenda item 2: This asks for prices")
    assert RULE in message
    assert not Meeting.objects.exists()


def test_the_page_the_api_and_the_admin_refuse_the_same_agenda(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    meeting_fields = {
        "body": assembly().pk,
        "title": "Spring assembly",
        "starts_at": _moment(20),
        "ends_at": _moment(20, 3),
        "link": "meet.example.org/spring",
        "languages": ["en"],
    }
    page = staff.post(
        "/governance/meetings/new/",
        {**meeting_fields, **_agenda([{"title": "Smelting capacity per member", "ORDER": 1}])},
    )
    assert page.status_code == 200
    assert "This asks for capacities" in page.content.decode()

    api = APIClient()
    api.force_authenticate(world.users[Role.SECRETARIAT])
    answer = api.post(
        "/api/v1/meetings/",
        {
            "body": "general-assembly",
            "title": "Spring assembly",
            "starts_at": "2031-03-01T09:00:00Z",
            "ends_at": "2031-03-01T12:00:00Z",
            "link": "https://meet.example.org/a",
            "agenda": [{"title": "Opening"}, {"title": "Lists of our customers"}],
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "customer or supplier lists" in str(answer.json())

    admin = staff.post(
        "/admin/governance/meeting/add/",
        {
            **meeting_fields,
            "starts_at_0": _moment(20)[:10],
            "starts_at_1": _moment(20)[11:],
            "ends_at_0": _moment(20, 3)[:10],
            "ends_at_1": _moment(20, 3)[11:],
            "link": "https://meet.example.org/spring",
            "agenda_text": "Opening\nOur commercial plans for 2027",
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("attendance", "minutes")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
        follow=True,
    )
    assert admin.status_code == 200
    assert "future commercial plans" in admin.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_request_asking_for_costs_is_refused(world) -> None:
    with pytest.raises(ValidationError) as refused:
        services.meeting_request_create(
            actor=world.users[Role.MEMBER],
            body=assembly(),
            topic="Production costs of the smelters",
            preferred_language="en",
        )
    assert "This asks for costs" in refused.value.message_dict["topic"][0]


# --- the legal-review hold ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [
        None,
        Role.EXTERNAL_STAKEHOLDER,
        Role.MEMBER,
        Role.ORGANISATION_REPRESENTATIVE,
        Role.CIVIL_SOCIETY_REVIEWER,
    ],
)
def test_a_held_item_is_shown_to_nobody_but_the_secretariat(world, client, role) -> None:
    meeting = with_held_item()
    reader = world.client_for(role) if role else client
    page = reader.get(meeting.get_absolute_url()).content.decode()
    assert "Opening" in page
    assert HELD not in page
    assert "Zmkheldnote" not in page
    answer = reader.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert [item["title"] for item in answer["agenda"]] == ["Opening"]
    held = AgendaItem.objects.get(title=HELD)
    assert reader.post(f"/governance/meetings/agenda-items/{held.pk}/release/").status_code in {
        302,  # the anonymous visitor is sent to sign in
        404,
    }
    held.refresh_from_db()
    assert held.held


def test_the_secretariat_sees_it_marked_and_counsel_releases_it(world, client) -> None:
    meeting = with_held_item()
    held = AgendaItem.objects.get(title=HELD)
    staff_user = world.users[Role.SECRETARIAT]
    staff = world.client_for(Role.SECRETARIAT)
    reads = AccessLogEntry.objects.count()
    page = staff.get(meeting.get_absolute_url()).content.decode()
    assert HELD in page
    assert "Held for legal review" in page
    assert "Release from legal review (counsel)" in page
    assert AccessLogEntry.objects.count() == reads + 1  # a secretariat-level read is logged

    response = staff.post(f"/governance/meetings/agenda-items/{held.pk}/release/")
    assert response.status_code == 302
    held.refresh_from_db()
    assert not held.held
    assert (held.legal_hold_released_by, held.legal_hold_released_at is not None) == (
        staff_user,
        True,
    )
    assert HELD in client.get(meeting.get_absolute_url()).content.decode()
    (*_, event) = pghistory.models.Events.objects.tracks(held).order_by("pgh_created_at")
    assert event.pgh_context["use_case"] == "agenda_item_release_hold"
    assert event.pgh_context["user"] == staff_user.pk


def test_holding_on_the_api_and_its_refusals(world) -> None:
    meeting = schedule(days=10, agenda=[services.AgendaInput(title="Opening")])
    item = meeting.agenda_items.get()
    member = APIClient()
    member.force_authenticate(world.users[Role.MEMBER])
    assert member.post(f"/api/v1/meetings/agenda-items/{item.pk}/hold/").status_code == 403
    staff = APIClient()
    staff.force_authenticate(world.users[Role.SECRETARIAT])
    answer = staff.post(f"/api/v1/meetings/agenda-items/{item.pk}/hold/")
    assert answer.status_code == 200, answer.content
    assert answer.json()["held"] is True
    again = staff.post(f"/api/v1/meetings/agenda-items/{item.pk}/hold/")
    assert again.status_code == 400
    assert member.post(f"/api/v1/meetings/agenda-items/{item.pk}/release/").status_code == 404
    released = staff.post(f"/api/v1/meetings/agenda-items/{item.pk}/release/")
    assert released.json()["held"] is False
    assert released.json()["legal_hold_released_by"]
    (*_, event) = pghistory.models.Events.objects.tracks(item).order_by("pgh_created_at")
    assert event.pgh_context["use_case"] == "agenda_item_release_hold"


def test_only_the_secretariat_holds_and_counsel_releases(world) -> None:
    meeting = with_held_item()
    opening = meeting.agenda_items.get(title="Opening")
    held = meeting.agenda_items.get(title=HELD)
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER):
        with pytest.raises(PermissionDenied, match="Only the secretariat holds"):
            services.agenda_item_hold(actor=world.users[role], item=opening)
        with pytest.raises(PermissionDenied, match="Only the alliance's counsel releases"):
            services.agenda_item_release_hold(actor=world.users[role], item=held)


def test_changing_the_agenda_keeps_a_hold_until_counsel_releases_it(world) -> None:
    meeting = with_held_item()
    staff = world.users[Role.SECRETARIAT]
    services.meeting_update(
        actor=staff,
        meeting=meeting,
        changes={},
        agenda=[services.AgendaInput(title=HELD), services.AgendaInput(title="Opening")],
    )
    held = meeting.agenda_items.get(title=HELD)
    assert held.held
    assert held.position == 1
    services.agenda_item_release_hold(actor=staff, item=held)
    services.meeting_update(
        actor=staff, meeting=meeting, changes={}, agenda=[services.AgendaInput(title=HELD)]
    )
    released = meeting.agenda_items.get(title=HELD)
    assert released.legal_hold
    assert not released.held
    assert released.legal_hold_released_by == staff


def test_the_schedule_form_places_a_hold(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    response = staff.post(
        "/governance/meetings/new/",
        {
            "body": assembly().pk,
            "title": "Spring assembly",
            "starts_at": _moment(20),
            "ends_at": _moment(20, 3),
            "link": "meet.example.org/spring",
            "languages": ["en"],
            **_agenda([{"title": HELD, "ORDER": 1, "legal_hold": "on"}]),
        },
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get(title=HELD).held


# --- demo data ----------------------------------------------------------------------------------


def test_the_demo_has_the_statement_its_reading_and_a_held_item(demo_with_logins, client) -> None:
    from members.models import AgreementAcceptance, AgreementVersion

    statement = AgreementVersion.objects.get(kind=AgreementKind.COMPETITION, version=1)
    assert RULE in statement.text
    demo_people = Person.objects.filter(user__email__endswith="@demo.alliance.example")
    assert demo_people.exists()
    assert not demo_people.exclude(
        pk__in=AgreementAcceptance.objects.filter(agreement=statement).values("person_id")
    ).exists()
    read = Meeting.objects.get(minutes__statement_read=True)
    assert read.minutes.statement_version == 1
    page = client.get(read.get_absolute_url()).content.decode()
    assert "The competition-law statement (version 1) was read at the opening" in page
    held = AgendaItem.objects.get(legal_hold=True, legal_hold_released_at__isnull=True)
    assert held.title not in client.get(held.meeting.get_absolute_url()).content.decode()
