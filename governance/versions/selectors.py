"""Reads of a proposal's versions: the list, one version, the redline between two, and the
check that every accepted response changed something."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from alliance_portal import policy
from governance.consultations.models import Comment, CommentResponse, CommentStatus, ResponseOutcome
from governance.proposals.models import Proposal
from governance.versions.models import ProposalVersion, ResponseChange, VersionSubmission
from governance.versions.redline import Row, changed_paragraphs, redline

ACCEPTING = (ResponseOutcome.ACCEPTED, ResponseOutcome.PARTLY_ACCEPTED)


def version_list(*, proposal: Proposal) -> QuerySet[ProposalVersion]:
    """The proposal's versions, oldest first, each with ``comment_count`` (shown comments
    made on it). One query."""
    return (
        ProposalVersion.objects.filter(proposal=proposal)
        .annotate(comment_count=Count("comments", filter=Q(comments__status=CommentStatus.SHOWN)))
        .order_by("number")
    )


def latest_version(*, proposal: Proposal) -> ProposalVersion | None:
    """The proposal's current version (the highest number); None before its consultation."""
    return ProposalVersion.objects.filter(proposal=proposal).order_by("-number").first()


def version_get(*, proposal: Proposal, number: int) -> ProposalVersion:
    """Version ``number`` of a proposal the caller has already been allowed to read (404 when
    it has no such version)."""
    version = ProposalVersion.objects.filter(proposal=proposal, number=number).first()
    if version is None:
        raise Http404("The proposal has no such version.")
    return version


def answered_responses(*, version: ProposalVersion) -> QuerySet[CommentResponse]:
    """The responses that accepted or partly accepted a shown comment on the version before
    ``version`` (comments from before versions were kept count as comments on version 1): the
    ones ``version`` should answer. Empty for version 1."""
    if version.number == 1:
        return CommentResponse.objects.none()
    on_previous = Q(comment__version__proposal=version.proposal_id) & Q(
        comment__version__number=version.number - 1
    )
    if version.number == 2:
        on_previous |= Q(comment__version__isnull=True)
    return (
        CommentResponse.objects.filter(
            on_previous,
            comment__proposal_id=version.proposal_id,
            comment__status=CommentStatus.SHOWN,
            outcome__in=ACCEPTING,
        )
        .select_related("comment__organisation", "comment__version")
        .order_by("comment__created_at", "comment__pk")
    )


@dataclass
class ResponseCheck:
    """A response that accepted a comment, the paragraphs of the version it names as changed,
    and the warning to show when it changed nothing."""

    response: CommentResponse
    paragraphs: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # named, but identical in both versions

    @property
    def comment(self) -> Comment:
        return self.response.comment

    @property
    def warning(self) -> str:
        accepted = self.response.get_outcome_display().lower()
        if not self.paragraphs:
            return f"{accepted.capitalize()}, but no paragraph is named as changed."
        if len(self.unchanged) == len(self.paragraphs):
            named = ", ".join(f"¶{n}" for n in self.unchanged)
            return f"{accepted.capitalize()}, but {named} did not change."
        return ""


def response_checks_by_version(*, proposal: Proposal) -> dict[int, list[ResponseCheck]]:
    """For each version of the proposal after the first (by number), the responses it should
    answer (``answered_responses``) with the paragraphs each names and whether they differ from
    the version before. Three queries, however many versions and responses."""
    versions = {v.number: v for v in ProposalVersion.objects.filter(proposal=proposal)}
    links: dict[tuple[int, int], list[int]] = {}
    for number, response_id, paragraph in ResponseChange.objects.filter(
        version__proposal=proposal
    ).values_list("version__number", "response_id", "paragraph"):
        links.setdefault((number, response_id), []).append(paragraph)
    responses = (
        CommentResponse.objects.filter(
            comment__proposal=proposal,
            comment__status=CommentStatus.SHOWN,
            outcome__in=ACCEPTING,
        )
        .select_related("comment__organisation", "comment__version")
        .order_by("comment__created_at", "comment__pk")
    )
    changed: dict[int, set[int]] = {}
    checks: dict[int, list[ResponseCheck]] = {}
    for response in responses:
        on = response.comment.version.number if response.comment.version else 1
        target = on + 1
        if target not in versions:
            continue  # not answered by a version yet
        if target not in changed:
            changed[target] = changed_paragraphs(versions[on].text, versions[target].text)
        named = sorted(links.get((target, response.pk), []))
        checks.setdefault(target, []).append(
            ResponseCheck(
                response=response,
                paragraphs=named,
                unchanged=[n for n in named if n not in changed[target]],
            )
        )
    return checks


@dataclass(frozen=True)
class Comparison:
    old: ProposalVersion
    new: ProposalVersion
    rows: list[Row]
    # Paragraph number in ``new`` → the comments whose accepted response changed it.
    changed_by: dict[int, list[Comment]]
    checks: list[ResponseCheck]  # only when ``new`` follows ``old`` directly

    @property
    def entries(self) -> list[tuple[Row, list[Comment]]]:
        """Each row with the comments whose accepted responses changed its new paragraph."""
        return [
            (row, self.changed_by.get(row.new.number, []) if row.new else []) for row in self.rows
        ]

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        return counts


def version_compare(*, old: ProposalVersion, new: ProposalVersion) -> Comparison:
    """The redline from ``old`` to ``new``, with the comments whose accepted responses changed
    each paragraph of ``new`` (named on the versions after ``old`` up to ``new``)."""
    changed_by: dict[int, list[Comment]] = {}
    if new.number > old.number:
        links = (
            ResponseChange.objects.filter(
                version=new, response__outcome__in=ACCEPTING, response__comment__status="shown"
            )
            .select_related("response__comment__organisation")
            .order_by("paragraph", "response__comment__created_at")
        )
        for link in links:
            changed_by.setdefault(link.paragraph, []).append(link.response.comment)
    consecutive = new.number == old.number + 1
    return Comparison(
        old=old,
        new=new,
        rows=redline(old.text, new.text),
        changed_by=changed_by,
        checks=response_checks_by_version(proposal=new.proposal).get(new.number, [])
        if consecutive
        else [],
    )


def pending_responses(
    *, proposal: Proposal, current: ProposalVersion | None
) -> list[CommentResponse]:
    """The responses the next version will answer: those accepting a comment on the current
    version (``answered_responses`` of the version after it)."""
    following = ProposalVersion(proposal=proposal, number=(current.number if current else 1) + 1)
    return list(answered_responses(version=following))


def submission_list(*, user: Any, proposal: Proposal) -> QuerySet[VersionSubmission]:
    """The revised versions submitted for ``proposal`` that ``user`` may read (its author
    organisation's and the secretariat's), newest first. One query (two for a signed-in
    non-staff reader, whose object shares the policy checks)."""
    return policy.visible(
        user,
        VersionSubmission.objects.filter(proposal=proposal).select_related(
            "based_on", "version", "organisation"
        ),
    ).order_by("-submitted_at", "-pk")


def submission_get(*, user: Any, proposal: Proposal, pk: int) -> VersionSubmission:
    """One submitted revision of ``proposal`` that ``user`` may read (404 otherwise)."""
    submission = submission_list(user=user, proposal=proposal).filter(pk=pk).first()
    if submission is None:
        raise Http404("No such revised version.")
    return submission


def submission_compare(*, submission: VersionSubmission) -> Comparison:
    """The redline from the version a submission revises to the submitted text (as the next
    version would show it), with the comments whose responses it names as changing each
    paragraph."""
    old = submission.based_on
    new = submission.version or ProposalVersion(
        proposal=submission.proposal,
        number=old.number + 1,
        title=submission.title,
        summary=submission.summary,
        text=submission.text,
    )
    if submission.version is not None:
        return version_compare(old=old, new=new)
    comments = {
        r.pk: r.comment
        for r in answered_responses(version=new).filter(pk__in=submission.paragraph_changes())
    }
    changed_by: dict[int, list[Comment]] = {}
    for response_id, paragraphs in submission.paragraph_changes().items():
        for number in paragraphs:
            if response_id in comments:
                changed_by.setdefault(number, []).append(comments[response_id])
    return Comparison(
        old=old, new=new, rows=redline(old.text, new.text), changed_by=changed_by, checks=[]
    )
