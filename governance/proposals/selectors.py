"""Reads about proposals: lists with filters, one proposal with its story, and what stands
between a proposal and its ballot."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.consultations.models import Comment, CommentResponse, CommentStatus
from governance.proposals.models import (
    CostEntry,
    CostKind,
    Dimension,
    ImpactAssessment,
    ImpactOption,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)
from governance.proposals.sponsors import ProposalSponsor
from governance.proposals.tabling import TablingCount, count_chambers, tabling_rules


def proposal_list(
    *,
    user: Actor,
    body: str | None = None,
    status: str | None = None,
    objective: str | None = None,
    country: str | None = None,
    material: str | None = None,
    search: str | None = None,
) -> QuerySet[Proposal]:
    """The proposals this user may see (access policy), filtered by body slug, status,
    objective slug, country (ISO alpha-2), material and a text search over title, summary and
    text. Open consultations come first, closing soonest first; then the rest, newest first.
    Each row has its body, its author organisation and ``shown_comments`` loaded; load the
    co-sponsors of the page shown with ``with_sponsors``."""
    queryset = policy.visible(user, Proposal.objects.select_related("body", "proposed_by"))
    if body:
        queryset = queryset.filter(body__slug=body)
    if status:
        queryset = queryset.filter(status=status)
    if objective:
        through = Proposal.objectives.through.objects.filter(objective__slug=objective)
        queryset = queryset.filter(pk__in=through.values("proposal_id"))
    if country:
        queryset = queryset.filter(countries__contains=country.upper())
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search) | Q(summary__icontains=search) | Q(text__icontains=search)
        )
    return queryset.annotate(
        shown_comments=Count("comments", filter=Q(comments__status=CommentStatus.SHOWN)),
        open_first=Case(
            When(status=ProposalStatus.CONSULTATION, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        open_closes_at=Case(
            When(status=ProposalStatus.CONSULTATION, then=F("consultation_closes_at")),
            default=None,
        ),
    ).order_by("open_first", F("open_closes_at").asc(nulls_last=True), "-created_at", "-pk")


def _sponsors_prefetch() -> Prefetch:
    return Prefetch(
        "sponsors",
        queryset=ProposalSponsor.objects.select_related("organisation", "chamber").order_by(
            "chamber__order", "chamber__name", "organisation__name"
        ),
    )


def with_sponsors(proposals: Iterable[Proposal]) -> None:
    """Load the co-sponsors (with their organisations and chambers) of the proposals shown:
    one query when a member's proposal is among them, none otherwise (the secretariat's
    proposals gather no co-sponsors)."""
    members = []
    for proposal in proposals:
        if proposal.is_member_drafted:
            members.append(proposal)
        else:
            cache = proposal.__dict__.setdefault("_prefetched_objects_cache", {})
            cache["sponsors"] = ProposalSponsor.objects.none()
    if members:
        prefetch_related_objects(members, _sponsors_prefetch())


def proposal_get(*, user: Actor, pk: int) -> Proposal:
    """One proposal this user may see, with body, author organisation (and its chamber),
    co-sponsors, effect, objectives and issues loaded; a signed-in person who may not see it gets 404,
    an anonymous visitor is asked to sign in."""
    queryset = Proposal.objects.select_related(
        "body", "proposed_by", "proposed_by__chamber", "effect__decision"
    ).prefetch_related("objectives", "issues")
    proposal = policy.get_visible_or_404(user, queryset, pk=pk)
    with_sponsors([proposal])
    return proposal


def proposal_story(*, proposal: Proposal) -> QuerySet[ProposalStatusChange]:
    """The proposal's status changes, oldest first: its whole lifecycle with reasons."""
    return proposal.status_changes.order_by("changed_at", "pk")


def impact_assessment_of(*, proposal: Proposal) -> ImpactAssessment | None:
    """The proposal's impact assessment with its options (in order) and costs (action before
    inaction; economic, social, environmental) loaded, or None."""
    cost_order = [
        Case(*(When(kind=k, then=Value(n)) for n, k in enumerate(CostKind.values))),
        Case(*(When(dimension=d, then=Value(n)) for n, d in enumerate(Dimension.values))),
    ]
    return (
        ImpactAssessment.objects.filter(proposal=proposal)
        .prefetch_related(
            Prefetch("options", queryset=ImpactOption.objects.order_by("position")),
            Prefetch("costs", queryset=CostEntry.objects.order_by(*cost_order)),
        )
        .first()
    )


def ballot_blockers(*, proposal: Proposal) -> list[str]:
    """Why the ballot on ``proposal`` may not open yet, as messages for people; empty when it
    may. A ballot needs: an impact assessment; a response to every shown comment; and no
    comment still awaiting moderation (a voice not yet heard). Three queries."""
    blockers = []
    if not ImpactAssessment.objects.filter(proposal=proposal).exists():
        blockers.append(
            "No impact assessment exists: record the options considered, the chosen option "
            "and the costs of action and of inaction first."
        )
    unanswered = list(
        Comment.objects.filter(proposal=proposal, status=CommentStatus.SHOWN)
        .exclude(pk__in=CommentResponse.objects.values("comment_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if unanswered:
        numbers = ", ".join(f"#{pk}" for pk in unanswered)
        blockers.append(
            f"{len(unanswered)} shown comment{'s' if len(unanswered) != 1 else ''} "
            f"{'have' if len(unanswered) != 1 else 'has'} no response yet ({numbers}): "
            "record a response to every shown comment first."
        )
    held = Comment.objects.filter(proposal=proposal, status=CommentStatus.HELD).count()
    if held:
        blockers.append(
            f"{held} comment{'s' if held != 1 else ''} still await{'' if held != 1 else 's'} "
            "moderation: approve or reject each first."
        )
    return blockers


def tabling_count(*, proposal: Proposal) -> TablingCount:
    """Where ``proposal`` stands against its body's tabling rule (one query)."""
    assert proposal.proposed_by is not None  # noqa: S101 (a member's draft has its author)
    return count_chambers(
        rules=tabling_rules(proposal.body),
        author_chamber_id=proposal.proposed_by.chamber_id,
        sponsor_chamber_ids=proposal.sponsors.values_list("chamber_id", flat=True),
    )


def tabling_count_of(*, proposal: Proposal) -> TablingCount | None:
    """``tabling_count`` from the prefetched co-sponsors (no query), for a member's draft;
    None for the secretariat's proposals."""
    if not proposal.is_member_drafted or proposal.proposed_by is None:
        return None
    return count_chambers(
        rules=tabling_rules(proposal.body),
        author_chamber_id=proposal.proposed_by.chamber_id,
        sponsor_chamber_ids=[sponsor.chamber_id for sponsor in proposal.sponsors.all()],
    )


def admissions_awaiting() -> QuerySet[Proposal]:
    """Tabled proposals awaiting the secretariat's admission or decline, the earliest deadline
    first (overdue ones first of all), with body and author loaded. One query."""
    return (
        Proposal.objects.filter(status=ProposalStatus.TABLED)
        .select_related("body", "proposed_by")
        .order_by("admission_due_at", "pk")
    )
