"""Governing bodies: the general assembly, the executive board, working groups; their seats per
chamber and the organisations (and people) holding them."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import DESCRIPTION, BoundedTextField
from members.models import Chamber, Organisation, Person


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", "General assembly"
    EXECUTIVE_BOARD = "executive_board", "Executive board"
    WORKING_GROUP = "working_group", "Working group"


class Electorate(models.TextChoices):
    """Which organisations vote on the body's ballots."""

    ALL_ACTIVE_MEMBERS = "all_active_members", "All active member organisations"
    SEAT_HOLDERS = "seat_holders", "Organisations holding a seat"


@audit_trail()
class Body(models.Model):
    """A governing body. Its ``electorate`` says who votes on its ballots: every active member
    for the general assembly, the organisations holding a seat for a board or working group."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=BodyKind.choices)
    electorate = models.CharField(
        max_length=20, choices=Electorate.choices, default=Electorate.SEAT_HOLDERS
    )
    mandate = BoundedTextField(
        max_length=DESCRIPTION, blank=True, help_text="What the body decides (Markdown)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "name")
        verbose_name_plural = "bodies"
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(kind=BodyKind.GENERAL_ASSEMBLY)
                | Q(electorate=Electorate.ALL_ACTIVE_MEMBERS),
                name="body_assembly_votes_with_all_members",
            ),
            models.CheckConstraint(condition=Q(kind__in=BodyKind.values), name="body_kind_valid"),
            models.CheckConstraint(
                condition=Q(electorate__in=Electorate.values), name="body_electorate_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body-detail", kwargs={"slug": self.slug})


@audit_trail()
class BodySeat(models.Model):
    """How many seats a chamber has on a body."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("body", "chamber__order")
        verbose_name = "seats per chamber"
        verbose_name_plural = "seats per chamber"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("body", "chamber"), name="bodyseat_once_per_chamber"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="bodyseat_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.seats} × {self.chamber}"


class TermRange(Func):
    """A seat holder's term as a PostgreSQL ``daterange``, both days included; an open-ended
    term (no ``term_end``) runs without end."""

    function = "DATERANGE"
    output_field = DateRangeField()

    def __init__(self) -> None:
        super().__init__(
            "term_start", "term_end", RangeBoundary(inclusive_lower=True, inclusive_upper=True)
        )


@audit_trail()
class SeatHolder(models.Model):
    """An organisation holding one of its chamber's seats on a body for a term; the person who
    sits for it is optional (a seat belongs to the organisation)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seat_holders")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.CharField(max_length=80, blank=True, help_text="e.g. Chair, Vice-chair.")
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True, help_text="Empty while open-ended.")

    class Meta:
        ordering = ("body", "organisation__chamber__order", "organisation__name")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="seatholder_term_ends_after_start",
            ),
            # One organisation holds at most one seat on a body on any day, whatever writes
            # the rows (the services check it first, with a message).
            ExclusionConstraint(
                name="seatholder_terms_do_not_overlap",
                expressions=[
                    ("body", RangeOperators.EQUAL),
                    ("organisation", RangeOperators.EQUAL),
                    (TermRange(), RangeOperators.OVERLAPS),
                ],
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("body", "term_start", "term_end"))]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.body}"

    def is_current(self, on: date) -> bool:
        return self.term_start <= on and (self.term_end is None or self.term_end >= on)


def current_term_q(on: date, prefix: str = "") -> Q:
    """Seat holders whose term covers the day ``on``."""
    return Q(**{f"{prefix}term_start__lte": on}) & (
        Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": on})
    )
