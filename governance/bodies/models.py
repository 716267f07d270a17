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

from alliance_portal.append_only import append_only_triggers
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


# --- the constitution ---------------------------------------------------------------------------

# The founding settings: what binds a body before any decision of the General Assembly has set
# its constitution (and what the data migration and the demo seed).
FOUNDING_MIN_CONSULTATION_DAYS = 14
FOUNDING_COSPONSOR_CHAMBERS = 2
FOUNDING_ADMISSION_DAYS = 30
FOUNDING_QUORUM = "1/3"
FOUNDING_THRESHOLD = "1/2"


def founding_bounds() -> dict[str, dict[str, str]]:
    """The founding lower bounds per ballot method: quorum 1/3 and, where the method has a
    threshold, threshold 1/2."""
    from governance.ballots.methods import methods

    return {
        method.value: (
            {"quorum": FOUNDING_QUORUM, "threshold": FOUNDING_THRESHOLD}
            if method.uses_threshold
            else {"quorum": FOUNDING_QUORUM}
        )
        for method in methods()
    }


@audit_trail()
class Constitution(models.Model):
    """One version of a body's constitution: the rules the secretariat cannot bend alone.
    Versions are numbered per body and never changed once written; the current one is the
    highest number. A new version is written only as the effect of a decision of the General
    Assembly (``governance.effects``); version 1 of a body that existed before the
    constitution is its founding settings, which no decision set (``adopted_by`` empty).

    ``bounds`` holds, per ballot method (its stored value), the lowest quorum and threshold a
    ballot of the body may use, as exact fractions written "1/2"; a method it does not name
    takes the founding bounds (``governance.bodies.constitution`` reads them)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="constitutions")
    number = models.PositiveSmallIntegerField()
    min_consultation_days = models.PositiveSmallIntegerField(
        "minimum consultation length (days)", default=FOUNDING_MIN_CONSULTATION_DAYS
    )
    bounds = models.JSONField(
        default=founding_bounds,
        help_text='Per ballot method, the lowest quorum and threshold: {"consent": '
        '{"quorum": "1/2"}, ...}.',
    )
    cosponsor_chambers = models.PositiveSmallIntegerField(
        "co-sponsor chambers",
        default=FOUNDING_COSPONSOR_CHAMBERS,
        help_text="A member's draft is tabled once organisations from this many chambers other "
        "than the author's have co-sponsored it.",
    )
    admission_days = models.PositiveSmallIntegerField(
        "admission deadline (days)",
        default=FOUNDING_ADMISSION_DAYS,
        help_text="Days the secretariat has to admit or decline a tabled proposal.",
    )
    amendments_by = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body whose decision amends or withdraws this body's decisions; empty: "
        "the body itself.",
    )
    adopted_by = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="constitutions",
        help_text="The General Assembly's decision that set this version; empty for the "
        "founding settings.",
    )
    adopted_at = models.DateTimeField()

    class Meta:
        ordering = ("body", "-number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("body", "number"), name="constitution_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="constitution_number_positive"),
            models.CheckConstraint(
                condition=Q(min_consultation_days__gte=1),
                name="constitution_consultation_at_least_a_day",
            ),
            models.CheckConstraint(
                condition=Q(admission_days__gte=1), name="constitution_admission_at_least_a_day"
            ),
        ]
        # A version is never changed or removed, whatever writes: a new one is written.
        triggers: ClassVar = append_only_triggers()

    def __str__(self) -> str:
        return f"Constitution of the {self.body}, version {self.number}"
