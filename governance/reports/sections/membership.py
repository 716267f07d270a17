"""Membership: composition by chamber, value-chain stage, country and kind, and its change over
the period; in the members' edition also how many people take part, per chamber."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count
from django_countries import countries

from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import INTEGER, Chart, Column, SectionContent, Table, fraction
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind, Person
from members.vocabularies import ValueChainStage


@dataclass(frozen=True)
class Membership:
    """When an organisation was a member: from ``member_from`` (its joining day, or the day its
    record was created when no joining day is known) until the day before ``left_on``."""

    organisation_id: int
    chamber_id: int
    member_from: date
    left_on: date | None
    stages: tuple[str, ...]
    country: str
    kind: str

    def member_on(self, day: date) -> bool:
        return self.member_from <= day and (self.left_on is None or self.left_on > day)


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def memberships(context: ReportContext) -> list[Membership]:
    """Every organisation that is or was a member, with when it joined and when it left.

    When it left comes from the audit trail: the first recorded change to a status other than
    active after its last recorded active state (or its first record, when it was never
    recorded as active). Two queries."""
    rows = list(
        context.readable(
            Organisation.objects.filter(membership_status__in=Organisation.PUBLISHED_STATUSES)
        )
        .order_by("pk")
        .values_list(
            "pk",
            "chamber_id",
            "membership_status",
            "joined_on",
            "created_at",
            "value_chain_stages",
            "headquarters_country",
            "kind",
        )
    )
    gone = [pk for pk, _c, status, *_rest in rows if status != MembershipStatus.ACTIVE]
    left_on = _left_on(gone)
    result = []
    for pk, chamber_id, status, joined_on, created_at, stages, country, kind in rows:
        leaving = None
        if status != MembershipStatus.ACTIVE:
            leaving = left_on.get(pk, _day(created_at))
        result.append(
            Membership(
                organisation_id=pk,
                chamber_id=chamber_id,
                member_from=joined_on or _day(created_at),
                left_on=leaving,
                stages=tuple(sorted(set(stages))),
                country=str(country or ""),
                kind=kind,
            )
        )
    return result


def _left_on(organisation_ids: list[int]) -> dict[int, date]:
    if not organisation_ids:
        return {}
    events = Organisation.pgh_event_model.objects.filter(  # type: ignore[attr-defined]
        pgh_obj_id__in=organisation_ids
    ).order_by("pgh_obj_id", "pgh_created_at", "pgh_id")
    history: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    for obj_id, status, moment in events.values_list(
        "pgh_obj_id", "membership_status", "pgh_created_at"
    ):
        history[obj_id].append((status, moment))
    result = {}
    for obj_id, snapshots in history.items():
        last_active = max(
            (i for i, (status, _) in enumerate(snapshots) if status == MembershipStatus.ACTIVE),
            default=-1,
        )
        if last_active + 1 < len(snapshots):
            result[obj_id] = _day(snapshots[last_active + 1][1])
    return result


@register_section(
    key="membership",
    title="Membership",
    order=60,
    description=(
        "Member organisations by chamber at the start and the end of the period, who joined "
        "and who left; the members at the end of the period by value-chain stage (an "
        "organisation counts once in every stage it works at), by the country of their "
        "headquarters and by kind of organisation."
    ),
)
def membership_section(context: ReportContext) -> SectionContent:
    period = context.period
    chambers = list(Chamber.objects.order_by("order", "name"))
    everyone = memberships(context)
    before = period.start - timedelta(days=1)
    at_end = [m for m in everyone if m.member_on(period.end)]
    content = SectionContent()
    content.figure("members_at_end", "Member organisations at the end of the period", len(at_end))
    content.figure(
        "members_at_start",
        "Member organisations at the start of the period",
        sum(1 for m in everyone if m.member_on(before)),
    )
    joined = [m for m in everyone if period.start <= m.member_from <= period.end]
    left = [
        m for m in everyone if m.left_on is not None and period.start <= m.left_on <= period.end
    ]
    content.figure("joined", "Organisations that joined", len(joined))
    content.figure("left", "Organisations that left or were suspended", len(left))
    represented = {m.chamber_id for m in at_end}
    content.figure(
        "chambers_with_members",
        "Chambers with at least one member",
        fraction(sum(1 for c in chambers if c.pk in represented), len(chambers)),
    )

    by_chamber = Table(
        "membership-by-chamber",
        "Member organisations by chamber",
        [
            Column("chamber", "Chamber"),
            Column("chamber_slug", "Chamber (identifier)", hidden=True),
            Column("members_at_start", "Members at the start", INTEGER),
            Column("joined", "Joined", INTEGER),
            Column("left", "Left or suspended", INTEGER),
            Column("members_at_end", "Members at the end", INTEGER),
            Column("change", "Change", INTEGER, "Members at the end minus members at the start."),
        ],
        description="Active member organisations per chamber on the day before the period and "
        "on its last day.",
        pdf_columns=["chamber", "members_at_start", "joined", "left", "members_at_end"],
    )
    for chamber in chambers:
        mine = [m for m in everyone if m.chamber_id == chamber.pk]
        start_count = sum(1 for m in mine if m.member_on(before))
        end_count = sum(1 for m in mine if m.member_on(period.end))
        by_chamber.add(
            chamber.name,
            chamber.slug,
            start_count,
            sum(1 for m in joined if m.chamber_id == chamber.pk),
            sum(1 for m in left if m.chamber_id == chamber.pk),
            end_count,
            end_count - start_count,
        )
    content.tables.append(by_chamber)
    content.charts.append(
        Chart(
            "membership-by-chamber",
            "Member organisations by chamber at the end of the period",
            "membership-by-chamber",
            "chamber",
            "members_at_end",
        )
    )

    stages = Counter(stage for m in at_end for stage in m.stages)
    by_stage = Table(
        "membership-by-stage",
        "Member organisations by value-chain stage",
        [
            Column("stage", "Value-chain stage (identifier)", hidden=True),
            Column("stage_label", "Value-chain stage"),
            Column("organisations", "Organisations", INTEGER),
        ],
        pdf_columns=["stage_label", "organisations"],
    )
    for value, label in ValueChainStage.choices:
        by_stage.add(value, str(label), stages[value])
    content.tables.append(by_stage)

    country_counts = Counter(m.country for m in at_end)
    by_country = Table(
        "membership-by-country",
        "Member organisations by country of headquarters",
        [
            Column("country", "Country (ISO 3166-1 alpha-2)", hidden=True),
            Column("country_name", "Country"),
            Column("organisations", "Organisations", INTEGER),
        ],
        pdf_columns=["country_name", "organisations"],
    )
    for code in sorted(country_counts, key=lambda code: (code == "", code)):
        by_country.add(
            code, str(countries.name(code)) if code else "Not given", country_counts[code]
        )
    content.tables.append(by_country)

    kinds = Counter(m.kind for m in at_end)
    by_kind = Table(
        "membership-by-kind",
        "Member organisations by kind",
        [
            Column("kind", "Kind (identifier)", hidden=True),
            Column("kind_label", "Kind of organisation"),
            Column("organisations", "Organisations", INTEGER),
        ],
    )
    for value, label in OrganisationKind.choices:
        if kinds[value]:
            by_kind.add(value, str(label), kinds[value])
    content.tables.append(by_kind)

    if context.members_edition:
        content.tables.append(_people_by_chamber(context, chambers))
    return content


def _people_by_chamber(context: ReportContext, chambers: list[Chamber]) -> Table:
    """People of active member organisations whose membership members may know, per chamber;
    empty where fewer than three organisations contribute."""
    counts = {
        chamber_id: (organisations, people)
        for chamber_id, organisations, people in context.readable(
            Person.objects.filter(organisation__membership_status=MembershipStatus.ACTIVE)
        )
        .order_by()
        .values("organisation__chamber_id")
        .annotate(organisations=Count("organisation_id", distinct=True), people=Count("pk"))
        .values_list("organisation__chamber_id", "organisations", "people")
    }
    table = Table(
        "people-by-chamber",
        "People taking part, by chamber (members' edition)",
        [
            Column("chamber", "Chamber"),
            Column("organisations", "Organisations with people on the portal", INTEGER),
            Column(
                "people",
                "People",
                INTEGER,
                "Empty where fewer than three organisations contribute to the number.",
            ),
        ],
        pdf_columns=["chamber", "organisations", "people"],
    )
    for chamber in chambers:
        organisations, people = counts.get(chamber.pk, (0, 0))
        table.add(
            chamber.name, organisations, context.over_enough_organisations(people, organisations)
        )
    return table
