"""Glossary: concepts agreed, deprecated or superseded in the period (and, in the members'
edition, how many were proposed and how many are under discussion)."""

from __future__ import annotations

from django.db.models import Q

from glossary.models import Concept, Label
from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import (
    DATETIME,
    Column,
    SectionContent,
    Table,
    absolute,
    iso_datetime,
)

AGREED, DEPRECATED, SUPERSEDED = "agreed", "deprecated", "superseded"
OPEN = ("proposed", "under_review")
LABEL_LANGUAGE = "en"


@register_section(
    key="glossary",
    title="Glossary",
    order=90,
    description=(
        "Concepts of the common glossary agreed in the period, and concepts deprecated or "
        "superseded in it (with the concept to use instead), named by their English preferred "
        "label."
    ),
)
def glossary_section(context: ReportContext) -> SectionContent:
    period = context.period
    agreed_q = Q(agreed_at__gte=period.starts_at, agreed_at__lt=period.ends_before)
    retired_q = Q(
        status__in=(DEPRECATED, SUPERSEDED),
        status_changed_at__gte=period.starts_at,
        status_changed_at__lt=period.ends_before,
    )
    concepts = list(
        context.readable(Concept.objects.all())
        .filter(agreed_q | retired_q)
        .select_related("replaced_by")
        .order_by("slug")
    )
    # A replacement is named only if this edition may show it (it may still be a proposal).
    shown_replacements = set(
        context.readable(Concept.objects.all())
        .filter(pk__in=[c.replaced_by_id for c in concepts if c.replaced_by_id])
        .values_list("pk", flat=True)
    )
    labels = dict(
        Label.objects.filter(
            revision__concept__in=[c.pk for c in concepts] + list(shown_replacements),
            revision__status=AGREED,
            kind="pref",
            language=LABEL_LANGUAGE,
        )
        .order_by("revision__concept_id", "revision__number")
        .values_list("revision__concept_id", "text")
    )  # the latest agreed revision's label wins: ordered by revision number
    replacement_labels = tuple(
        sorted(
            (c.replaced_by.slug, labels[c.replaced_by_id])
            for c in concepts
            if c.replaced_by is not None and c.replaced_by_id in labels
        )
    )
    table = Table(
        "glossary-changes",
        "Glossary concepts agreed, deprecated or superseded in the period",
        [
            Column("concept", "Concept (identifier)", hidden=True),
            Column("notation", "Notation"),
            Column("label", "Preferred label (English)", link="url"),
            Column(
                "change",
                "Change: agreed, deprecated or superseded",
                label="Change",
                values=((AGREED, "Agreed"), (DEPRECATED, "Deprecated"), (SUPERSEDED, "Superseded")),
            ),
            Column("changed_at", "When", DATETIME),
            Column(
                "use_instead",
                "Concept to use instead (identifier)",
                label="Concept to use instead",
                values=replacement_labels,
            ),
            Column("url", "Page", format="uri", hidden=True),
        ],
        pdf_columns=["label", "change", "changed_at", "use_instead"],
    )
    rows: list[tuple[str, Concept]] = []
    for concept in concepts:
        if concept.agreed_at and period.starts_at <= concept.agreed_at < period.ends_before:
            rows.append((AGREED, concept))
        if (
            concept.status in (DEPRECATED, SUPERSEDED)
            and concept.status_changed_at
            and (period.starts_at <= concept.status_changed_at < period.ends_before)
        ):
            rows.append((concept.status, concept))
    counts = {AGREED: 0, DEPRECATED: 0, SUPERSEDED: 0}
    for change, concept in rows:
        counts[change] += 1
        table.add(
            concept.slug,
            concept.notation or None,
            labels.get(concept.pk),
            change,
            iso_datetime(concept.agreed_at if change == AGREED else concept.status_changed_at),
            concept.replaced_by.slug
            if change != AGREED
            and concept.replaced_by is not None
            and concept.replaced_by_id in shown_replacements
            else None,
            absolute(concept.get_absolute_url()),
        )
    content = SectionContent()
    content.figure("agreed", "Concepts agreed", counts[AGREED])
    content.figure("deprecated", "Concepts deprecated", counts[DEPRECATED])
    content.figure("superseded", "Concepts superseded", counts[SUPERSEDED])
    if context.members_edition:
        everything = context.readable(Concept.objects.all())
        content.figure(
            "proposed",
            "Concepts proposed (members' edition)",
            everything.filter(
                created_at__gte=period.starts_at, created_at__lt=period.ends_before
            ).count(),
        )
        content.figure(
            "under_discussion",
            "Concepts under discussion now (members' edition)",
            everything.filter(status__in=OPEN).count(),
        )
    content.tables.append(table)
    return content
