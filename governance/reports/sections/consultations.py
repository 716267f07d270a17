"""Consultation figures of the period: consultations held, comments by who spoke, the answers
given ("you said, we did") by outcome, and participation by chamber."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, QuerySet

from governance.consultations.models import (
    AuthorKind,
    Comment,
    CommentResponse,
    CommentStatus,
    ResponseOutcome,
)
from governance.proposals.models import Proposal
from governance.reports.sections.membership import memberships
from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import (
    DATETIME,
    INTEGER,
    NUMBER,
    PERCENT,
    Chart,
    Column,
    SectionContent,
    Table,
    absolute,
    fraction,
    iso_datetime,
    percent,
)
from members.models import Chamber


def consultations_in_period(context: ReportContext) -> list[Proposal]:
    """Proposals this edition may show whose consultation was open at some time in the period,
    by opening time."""
    period = context.period
    return list(
        context.readable(Proposal.objects.select_related("body"))
        .filter(consultation_opened_at__lt=period.ends_before)
        .filter(
            Q(consultation_closed_at__isnull=True) | Q(consultation_closed_at__gte=period.starts_at)
        )
        .order_by("consultation_opened_at", "pk")
    )


@register_section(
    key="consultations",
    title="Consultations",
    order=20,
    description=(
        "Consultations open at some time in the period; comments posted in the period, by "
        "who spoke; the secretariat's answers recorded in the period, by outcome; and per "
        "chamber, how many of its member organisations commented in the period."
    ),
)
def consultations_section(context: ReportContext) -> SectionContent:
    period = context.period
    readable = context.readable(Proposal.objects.all())
    consultations = consultations_in_period(context)
    comments = Comment.objects.filter(
        proposal__in=readable.values("pk"),
        created_at__gte=period.starts_at,
        created_at__lt=period.ends_before,
    )
    content = SectionContent()
    content.figure("consultations", "Consultations open in the period", len(consultations))
    content.figure(
        "opened",
        "Consultations opened",
        sum(
            1
            for p in consultations
            if p.consultation_opened_at and p.consultation_opened_at >= period.starts_at
        ),
    )
    content.figure(
        "closed",
        "Consultations closed",
        sum(
            1
            for p in consultations
            if p.consultation_closed_at and p.consultation_closed_at < period.ends_before
        ),
    )
    shown = comments.filter(status=CommentStatus.SHOWN)
    content.figure("comments", "Comments published", shown.count())

    by_kind = dict(
        shown.order_by()
        .values("author_kind")
        .annotate(n=Count("pk"))
        .values_list("author_kind", "n")
    )
    moderated = comments.filter(author_kind=AuthorKind.EXTERNAL).aggregate(
        held=Count("pk", filter=Q(status=CommentStatus.HELD)),
        rejected=Count("pk", filter=Q(status=CommentStatus.REJECTED)),
    )
    speakers = Table(
        "comments-by-speaker",
        "Comments published in the period, by who spoke",
        [
            Column("speaker", "Who spoke (identifier)", hidden=True),
            Column("speaker_label", "Who spoke"),
            Column("comments", "Comments published", INTEGER),
        ],
        pdf_columns=["speaker_label", "comments"],
        description="External stakeholders' comments are moderated: "
        f"{moderated['held']} awaited moderation and {moderated['rejected']} were not "
        "published after moderation.",
    )
    for value, label in AuthorKind.choices:
        speakers.add(value, str(label), by_kind.get(value, 0))
    content.figure("external_held", "External comments awaiting moderation", moderated["held"])
    content.figure("external_rejected", "External comments not published", moderated["rejected"])

    outcomes = Counter(
        CommentResponse.objects.filter(
            comment__proposal__in=readable.values("pk"),
            comment__status=CommentStatus.SHOWN,
            responded_at__gte=period.starts_at,
            responded_at__lt=period.ends_before,
        ).values_list("outcome", flat=True)
    )
    responses = Table(
        "responses-by-outcome",
        "Answers to comments recorded in the period (“you said, we did”), by outcome",
        [
            Column("outcome", "Outcome (identifier)", hidden=True),
            Column("outcome_label", "Outcome"),
            Column("responses", "Answers", INTEGER),
        ],
        pdf_columns=["outcome_label", "responses"],
    )
    for value, label in ResponseOutcome.choices:
        responses.add(value, str(label), outcomes[value])
    content.figure("responses", "Answers to comments recorded", sum(outcomes.values()))

    content.tables += [speakers, responses, _participation(context, shown, content)]
    content.charts.append(
        Chart(
            "participation-by-chamber",
            "Participation by chamber: share of member organisations that commented",
            "participation-by-chamber",
            "chamber",
            "participation_percent",
            unit="%",
        )
    )
    content.tables.append(_consultation_table(consultations, shown))
    return content


def _participation(
    context: ReportContext, shown: QuerySet[Comment], content: SectionContent
) -> Table:
    """Per chamber: its member organisations at the end of the period, how many of them
    published a comment in the period, and the chamber's comments."""
    period = context.period
    members = [m for m in memberships(context) if m.member_on(period.end)]
    active = Counter(m.chamber_id for m in members)
    member_ids = {m.organisation_id for m in members}
    commented: dict[int, set[int]] = {}
    comments_per_chamber: Counter[int] = Counter()
    for chamber_id, organisation_id in shown.filter(
        author_kind=AuthorKind.MEMBER, organisation__isnull=False
    ).values_list("organisation__chamber_id", "organisation_id"):
        comments_per_chamber[chamber_id] += 1
        if organisation_id in member_ids:
            commented.setdefault(chamber_id, set()).add(organisation_id)
    table = Table(
        "participation-by-chamber",
        "Participation by chamber",
        [
            Column("chamber", "Chamber"),
            Column("chamber_slug", "Chamber (identifier)", hidden=True),
            Column(
                "member_organisations", "Member organisations at the end of the period", INTEGER
            ),
            Column("organisations_commented", "Of those, organisations that commented", INTEGER),
            Column(
                "participation_percent",
                "Participation (%)",
                NUMBER,
                "Organisations that commented out of the chamber's member organisations, in "
                "percent with one decimal (rounded half up); empty for a chamber without members.",
                label="Participation",
                shown_as=PERCENT,
            ),
            Column("comments", "Comments published by the chamber's organisations", INTEGER),
        ],
    )
    total_commented = 0
    for chamber in Chamber.objects.order_by("order", "name"):
        done = len(commented.get(chamber.pk, set()))
        total_commented += done
        table.add(
            chamber.name,
            chamber.slug,
            active[chamber.pk],
            done,
            percent(done, active[chamber.pk]),
            comments_per_chamber[chamber.pk],
        )
    content.figure(
        "participation",
        "Member organisations that commented",
        fraction(total_commented, len(members)),
    )
    return table


def _consultation_table(consultations: list[Proposal], shown: QuerySet[Comment]) -> Table:
    ids = [p.pk for p in consultations]
    counts = {
        proposal_id: (comments, organisations, external)
        for proposal_id, comments, organisations, external in shown.filter(proposal_id__in=ids)
        .order_by()
        .values("proposal_id")
        .annotate(
            comments=Count("pk"),
            organisations=Count("organisation_id", distinct=True),
            external=Count("pk", filter=Q(author_kind=AuthorKind.EXTERNAL)),
        )
        .values_list("proposal_id", "comments", "organisations", "external")
    }
    table = Table(
        "consultations",
        "Consultations open in the period",
        [
            Column("proposal_id", "Proposal", INTEGER, hidden=True),
            Column("title", "Title", link="url"),
            Column("body", "Body"),
            Column("opened_at", "Opened", DATETIME),
            Column("closed_at", "Closed", DATETIME, "Empty while the consultation is open."),
            Column("public_consultation", "Open to the public", "boolean"),
            Column("comments", "Comments published in the period", INTEGER),
            Column("organisations", "Member organisations that commented", INTEGER),
            Column("external_comments", "External stakeholders' comments published", INTEGER),
            Column("url", "Page", format="uri", hidden=True),
        ],
        pdf_columns=["title", "opened_at", "closed_at", "comments", "organisations"],
    )
    for proposal in consultations:
        comments, organisations, external = counts.get(proposal.pk, (0, 0, 0))
        table.add(
            proposal.pk,
            proposal.title,
            proposal.body.name,
            iso_datetime(proposal.consultation_opened_at),
            iso_datetime(proposal.consultation_closed_at),
            proposal.consultation_public,
            comments,
            organisations,
            external,
            absolute(proposal.get_absolute_url()),
        )
    return table
