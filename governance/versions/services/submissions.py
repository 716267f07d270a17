"""A member-tabled proposal's revised version: its author organisation's representative
submits it, and the secretariat publishes it (it becomes the next version, as if the
secretariat had published it with the author's agreement) or returns it with a reason the
author reads. One submission awaits the secretariat at a time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.proposals.models import Proposal
from governance.proposals.services.tabling_notices import _notify, _representatives, _secretariat
from governance.versions.models import ProposalVersion, SubmissionStatus, VersionSubmission
from governance.versions.services.records import current_version
from governance.versions.services.revision import (
    check_in_deliberation,
    checked_revision,
    lock_proposal,
    publish_revision,
)


def _link(submission: VersionSubmission) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{submission.get_absolute_url()}"


def _lock_submission(submission: VersionSubmission) -> VersionSubmission:
    found = VersionSubmission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    if not found.is_pending:
        raise ValidationError(
            f"This revision is {found.get_status_display().lower()} already: nothing to decide."
        )
    return found


@use_case
def version_submit(
    *,
    actor: Actor,
    proposal: Proposal,
    text: str,
    note: str,
    title: str | None = None,
    summary: str | None = None,
    changes: Mapping[int, Iterable[int]] | None = None,
    now: datetime | None = None,
) -> VersionSubmission:
    """Submit a revised version of a member-tabled proposal (its author organisation's
    representative) after its consultation closed and before its ballot opens, with what
    changed and the paragraphs each accepted response changed (as for ``version_publish``).
    Refused while another submission awaits the secretariat, and for the checks of a revised
    text. The secretariat is told; nothing is published yet."""
    policy.require(actor, "proposal.submit_version", proposal)
    now = now or timezone.now()
    proposal = lock_proposal(proposal)
    check_in_deliberation(proposal)
    if proposal.version_submissions.filter(status=SubmissionStatus.PENDING).exists():
        raise ValidationError(
            "A revised version already awaits the secretariat: wait for it to be published "
            "or returned."
        )
    previous = current_version(proposal=proposal, actor=actor, now=now)
    revision = checked_revision(
        proposal=proposal,
        previous=previous,
        text=text,
        note=note,
        title=title,
        summary=summary,
        changes=changes,
    )
    assert proposal.proposed_by_id is not None  # noqa: S101 (the policy asked for a member author)
    submission = VersionSubmission.objects.create(
        proposal=proposal,
        based_on=previous,
        organisation_id=proposal.proposed_by_id,
        title=revision.title,
        summary=revision.summary,
        text=revision.text,
        note=revision.note,
        changes={str(k): v for k, v in revision.links.items()},
        submitted_by=acting_user(actor),
        submitted_at=now,
    )
    _notify(
        _secretariat(),
        event_key=f"governance:version-submitted:{submission.pk}",
        subject=f"Revised version submitted: “{proposal.title}”",
        body=(
            f"The author of “{proposal.title}” submitted version {previous.number + 1} of its "
            f"text. What changed:\n\n{revision.note}\n\nPublish it or return it with a "
            f"reason:\n\n{_link(submission)}\n"
        ),
    )
    return submission


@use_case
def version_submission_publish(
    *, actor: Actor, submission: VersionSubmission, now: datetime | None = None
) -> ProposalVersion:
    """Publish a submitted revision as the proposal's next version (the secretariat): the same
    outcome as ``version_publish`` with the author's agreement (version kept, redline, the
    responses' paragraphs, those who commented told). Refused when it is no longer pending,
    when the proposal left deliberation, or when another version was published since it was
    submitted (return it instead). The author's representatives are told."""
    policy.require(actor, "version_submission.decide", submission)
    now = now or timezone.now()
    proposal = lock_proposal(submission.proposal)
    submission = _lock_submission(submission)
    check_in_deliberation(proposal)
    previous = current_version(proposal=proposal, actor=actor, now=now)
    if previous.pk != submission.based_on_id:
        raise ValidationError(
            f"Version {previous.number} was published after this revision was submitted: "
            "return it so that its author revises the current text."
        )
    revision = checked_revision(
        proposal=proposal,
        previous=previous,
        text=submission.text,
        note=submission.note,
        title=submission.title,
        summary=submission.summary,
        changes=submission.paragraph_changes(),
    )
    version = publish_revision(
        actor=actor, proposal=proposal, revision=revision, author_agreed=True, now=now
    )
    submission.status = SubmissionStatus.PUBLISHED
    submission.version = version
    submission.decided_by = acting_user(actor)
    submission.decided_at = now
    submission.save(update_fields=["status", "version", "decided_by", "decided_at"])
    _notify(
        _representatives([submission.organisation_id]),
        event_key=f"governance:version-submission-published:{submission.pk}",
        subject=f"Version {version.number} published: “{proposal.title}”",
        body=(
            f"The secretariat published the revised text you submitted as version "
            f"{version.number} of “{proposal.title}”:\n\n"
            f"{settings.PORTAL_BASE_URL.rstrip('/')}{version.get_absolute_url()}\n"
        ),
    )
    return version


@use_case
def version_submission_return(
    *, actor: Actor, submission: VersionSubmission, reason: str, now: datetime | None = None
) -> VersionSubmission:
    """Return a submitted revision to its author (the secretariat) with a reason the author
    organisation reads; it may then submit another. Nothing is published. The author's
    representatives are told."""
    policy.require(actor, "version_submission.decide", submission)
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the revision is returned: its author reads it."})
    submission = _lock_submission(submission)
    submission.status = SubmissionStatus.RETURNED
    submission.return_reason = reason
    submission.decided_by = acting_user(actor)
    submission.decided_at = now
    submission.full_clean()
    submission.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
    proposal = submission.proposal
    _notify(
        _representatives([submission.organisation_id]),
        event_key=f"governance:version-submission-returned:{submission.pk}",
        subject=f"Revised version returned: “{proposal.title}”",
        body=(
            f"The secretariat returned the revised text you submitted for “{proposal.title}”. "
            f"Its reason:\n\n{reason}\n\nRevise it and submit it again:\n\n"
            f"{_link(submission)}\n"
        ),
    )
    return submission
