"""Seat integrity (issue 13, item 5): adding a seat holder locks the chamber's seat row, so two
additions at once cannot both take the last seat; the database refuses overlapping terms of one
organisation on one body, whatever writes them; every change of a term, the admin's included,
goes through the seat-holder use cases."""

from __future__ import annotations

import contextlib
import threading
from datetime import date
from typing import Any

import pghistory.models
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from alliance_portal.policy import SYSTEM, NoActor
from alliance_portal.roles import Role
from governance.bodies import services
from governance.bodies.models import Body, BodyKind, BodySeat, Electorate, SeatHolder
from members.models import Organisation

JAN = date(2024, 1, 1)


def _board(organisation: Organisation, seats: int = 1) -> Body:
    board = Body.objects.create(
        slug="board",
        name="Executive Board",
        kind=BodyKind.EXECUTIVE_BOARD,
        electorate=Electorate.SEAT_HOLDERS,
    )
    BodySeat.objects.create(body=board, chamber=organisation.chamber, seats=seats)
    return board


def _insert(body: Body, organisation: Organisation, start: str, end: str | None) -> None:
    """A seat holder written with raw SQL, past every service."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SeatHolder._meta.db_table} "  # noqa: S608 (our own table name)
            "(body_id, organisation_id, position, term_start, term_end) "
            "VALUES (%s, %s, '', %s, %s)",
            [body.pk, organisation.pk, start, end],
        )


def _one_seat_taken_after_2024(make_organisation: Any, actor: Any) -> SeatHolder:
    """One seat: the first organisation holds it in 2024 (returned), the second from 2025."""
    first, second = make_organisation("First"), make_organisation("Second")
    board = _board(first, seats=1)
    holder = services.seat_holder_add(
        actor=actor, body=board, organisation=first, term_start=JAN, term_end=date(2024, 12, 31)
    )
    services.seat_holder_add(
        actor=actor, body=board, organisation=second, term_start=date(2025, 1, 1)
    )
    return holder


@pytest.mark.django_db(transaction=True)
def test_two_additions_at_once_cannot_both_take_the_last_seat(make_organisation, monkeypatch):
    first, second = make_organisation("First"), make_organisation("Second")
    board = _board(first, seats=1)
    # Each addition waits (up to a few seconds) for the other at the moment it writes, so
    # without the lock on the seat row both would have checked the free seat before either
    # wrote. With the lock, the second waits for the first to commit, then sees the seat taken.
    meet = threading.Barrier(2, timeout=3)
    create = SeatHolder.objects.create

    def create_when_both_are_here(**fields: Any) -> SeatHolder:
        # A broken barrier: the other addition is waiting for the lock, go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait()
        return create(**fields)

    monkeypatch.setattr(SeatHolder.objects, "create", create_when_both_are_here)
    added: list[SeatHolder] = []
    refused: list[ValidationError] = []
    errors: list[BaseException] = []

    def add(organisation: Organisation) -> None:
        try:
            added.append(
                services.seat_holder_add(
                    actor=SYSTEM, body=board, organisation=organisation, term_start=JAN
                )
            )
        except ValidationError as error:
            refused.append(error)
        except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(o,)) for o in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(added) == 1
    assert len(refused) == 1
    assert "on Executive Board are taken" in " ".join(refused[0].messages)
    assert SeatHolder.objects.filter(body=board).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-06-01", None),  # inside the open-ended term
        ("2023-01-01", "2024-01-01"),  # ends the day the other starts: both days are included
        ("2020-01-01", None),  # covers it
    ],
)
def test_the_database_refuses_overlapping_terms_of_one_organisation(
    make_organisation, start, end
) -> None:
    organisation = make_organisation("Seated")
    board = _board(organisation, seats=5)
    _insert(board, organisation, "2024-01-01", None)
    with (
        pytest.raises(IntegrityError, match="seatholder_terms_do_not_overlap"),
        transaction.atomic(),
    ):
        _insert(board, organisation, start, end)
    assert SeatHolder.objects.count() == 1


@pytest.mark.django_db
def test_the_database_allows_consecutive_terms_and_other_bodies(make_organisation) -> None:
    organisation, other = make_organisation("Seated"), make_organisation("Other")
    board = _board(organisation, seats=5)
    group = Body.objects.create(slug="wg", name="Working group", kind=BodyKind.WORKING_GROUP)
    _insert(board, organisation, "2022-01-01", "2023-12-31")
    _insert(board, organisation, "2024-01-01", None)  # the next day
    _insert(board, other, "2022-01-01", None)  # another organisation
    _insert(group, organisation, "2022-01-01", None)  # another body
    assert SeatHolder.objects.count() == 4


@pytest.mark.django_db
def test_an_overlapping_term_is_refused_with_a_message_first(make_organisation) -> None:
    organisation = make_organisation("Seated")
    board = _board(organisation, seats=2)
    services.seat_holder_add(actor=SYSTEM, body=board, organisation=organisation, term_start=JAN)
    with pytest.raises(ValidationError, match="holds a seat for part of this term already"):
        services.seat_holder_add(
            actor=SYSTEM, body=board, organisation=organisation, term_start=date(2025, 1, 1)
        )


@pytest.mark.django_db
def test_a_term_is_ended_and_lengthened_through_the_use_case(world, make_organisation) -> None:
    staff = world.users[Role.SECRETARIAT]
    holder = _one_seat_taken_after_2024(make_organisation, staff)
    # Shortening is always possible; the days a longer term adds are checked like a new term.
    services.seat_holder_update(actor=staff, holder=holder, term_end=date(2024, 6, 30))
    services.seat_holder_update(actor=staff, holder=holder, term_end=date(2024, 12, 31))
    for longer in (None, date(2025, 3, 31)):
        with pytest.raises(ValidationError, match="on Executive Board are taken"):
            services.seat_holder_update(actor=staff, holder=holder, term_end=longer)
    with pytest.raises(ValidationError, match="The term ends after it starts"):
        services.seat_holder_update(actor=staff, holder=holder, term_end=date(2023, 12, 31))
    holder.refresh_from_db()
    assert holder.term_end == date(2024, 12, 31)
    (*_, event) = pghistory.models.Events.objects.tracks(holder).order_by("pgh_created_at")
    assert event.pgh_context["use_case"] == "seat_holder_update"
    assert event.pgh_context["user"] == staff.pk


@pytest.mark.django_db
def test_only_the_secretariat_or_the_system_changes_seats(world) -> None:
    board = _board(world.own, seats=2)
    with pytest.raises(NoActor):
        services.seat_holder_add(actor=None, body=board, organisation=world.own, term_start=JAN)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied, match="Only the secretariat may change the composition"):
        services.seat_holder_add(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            body=board,
            organisation=world.own,
            term_start=JAN,
        )
    holder = services.seat_holder_add(
        actor=SYSTEM, body=board, organisation=world.own, term_start=JAN
    )
    with pytest.raises(PermissionDenied):
        services.seat_holder_update(
            actor=world.users[Role.MEMBER], holder=holder, term_end=date(2024, 6, 30)
        )
    assert SeatHolder.objects.get().term_end is None


@pytest.mark.django_db
def test_the_admin_changes_terms_through_the_use_case(world, make_organisation) -> None:
    holder = _one_seat_taken_after_2024(make_organisation, SYSTEM)
    admin = world.client_for(Role.SUPERUSER)
    url = f"/admin/governance/seatholder/{holder.pk}/change/"
    # Leaving the term open would take the seat the second organisation holds from 2025.
    response = admin.post(url, {"position": "Chair", "term_end": ""}, follow=True)
    assert "on Executive Board are taken" in response.content.decode()
    holder.refresh_from_db()
    assert (holder.term_end, holder.position) == (date(2024, 12, 31), "")
    response = admin.post(url, {"position": "Chair", "term_end": "2024-06-30"})
    assert response.status_code == 302
    holder.refresh_from_db()
    assert (holder.term_end, holder.position) == (date(2024, 6, 30), "Chair")
    (*_, event) = pghistory.models.Events.objects.tracks(holder).order_by("pgh_created_at")
    assert event.pgh_context["use_case"] == "seat_holder_update"
