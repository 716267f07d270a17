"""A member author's revised version (issue 16, item 2: "the author, with the secretariat for
member-tabled ones, publishes a revised version"): the author organisation's representative
submits it with the paragraphs each accepted response changed; the secretariat publishes it
(kept as the next version, with its redline and the commenters told) or returns it with a
reason the author reads. Nobody else reads a submission."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.consultations import services as consultation_services
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from governance.versions import services
from governance.versions.models import ResponseChange, SubmissionStatus, VersionSubmission
from tests.governance.factories import TEXT, member_comment
from tests.governance.tabling_support import tabled, tabling_world

S = ProposalStatus
pytestmark = pytest.mark.django_db
REVISED = TEXT.replace("within 30 days", "within 14 days, and say what they did about it")


def _in_deliberation(world):
    """The own organisation's proposal, admitted and consulted on: one comment of the miner on
    ¶2 accepted."""
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    proposal_services.proposal_admit(
        actor=SYSTEM, proposal=proposal, consultation_closes_at=timezone.now() + timedelta(days=20)
    )
    accepted = member_comment(proposal, alliance.miner, "Thirty days is too long.", paragraph=2)
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    consultation_services.comment_respond(
        actor=SYSTEM, comment=accepted, outcome="accepted", reason="Now 14 days."
    )
    accepted.refresh_from_db()
    proposal.refresh_from_db()
    return proposal, accepted, alliance


def _submit(world, proposal, accepted, **kwargs):
    kwargs.setdefault("text", REVISED)
    kwargs.setdefault("note", "Reporting within 14 days, as the miners asked.")
    return services.version_submit(
        actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
        proposal=proposal,
        changes={accepted.response.pk: [2]},
        **kwargs,
    )


def test_the_author_submits_and_the_secretariat_publishes_the_next_version(world) -> None:
    proposal, accepted, _ = _in_deliberation(world)
    submission = _submit(world, proposal, accepted)
    assert submission.status == SubmissionStatus.PENDING
    proposal.refresh_from_db()
    assert proposal.versions.count() == 1  # nothing is published yet
    assert "30 days" in proposal.text
    staff_told = OutboundEmail.objects.filter(recipient="secretariat@example.org")
    assert staff_told.filter(subject__startswith="Revised version submitted").exists()

    version = services.version_submission_publish(
        actor=world.users[Role.SECRETARIAT], submission=submission
    )
    assert version.number == 2
    assert version.author_agreed
    assert version.text == REVISED
    assert list(
        ResponseChange.objects.filter(version=version).values_list("paragraph", flat=True)
    ) == [2]
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED
    assert submission.version == version
    proposal.refresh_from_db()
    assert "within 14 days" in proposal.text
    # The author hears that its text is published.
    assert OutboundEmail.objects.filter(
        recipient="rep@example.org", subject__startswith="Version 2 published"
    ).exists()


def test_a_returned_revision_publishes_nothing_and_its_author_reads_why(world, client) -> None:
    proposal, accepted, _ = _in_deliberation(world)
    submission = _submit(world, proposal, accepted)
    with pytest.raises(ValidationError, match="already awaits"):
        _submit(world, proposal, accepted, note="Another try.")
    with pytest.raises(ValidationError):
        services.version_submission_return(
            actor=world.users[Role.SECRETARIAT], submission=submission, reason="  "
        )
    services.version_submission_return(
        actor=world.users[Role.SECRETARIAT],
        submission=submission,
        reason="Paragraph 3 must say who pays.",
    )
    assert proposal.versions.count() == 1
    with pytest.raises(ValidationError, match="returned"):
        services.version_submission_publish(
            actor=world.users[Role.SECRETARIAT], submission=submission
        )
    client.force_login(world.users[Role.ORGANISATION_REPRESENTATIVE])
    page = client.get(submission.get_absolute_url())
    assert page.status_code == 200
    assert "Paragraph 3 must say who pays." in page.content.decode()
    assert "Returned to the author" in page.content.decode()
    # A new submission is welcome once the first is returned.
    assert _submit(world, proposal, accepted, note="Who pays is said.").is_pending


def test_only_the_author_representative_submits_and_only_the_secretariat_decides(world) -> None:
    proposal, accepted, alliance = _in_deliberation(world)
    for user in (world.users[Role.MEMBER], world.users[Role.SECRETARIAT], alliance.miner_rep):
        with pytest.raises(PermissionDenied):
            services.version_submit(actor=user, proposal=proposal, text=REVISED, note="Why.")
    submission = _submit(world, proposal, accepted)
    with pytest.raises(PermissionDenied, match="Only the secretariat"):
        services.version_submission_publish(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], submission=submission
        )


def test_a_submission_is_refused_outside_deliberation_and_with_unknown_paragraphs(world) -> None:
    proposal, accepted, _ = _in_deliberation(world)
    with pytest.raises(ValidationError) as refused:
        services.version_submit(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            proposal=proposal,
            text=REVISED,
            note="Why.",
            changes={accepted.response.pk: [40]},
        )
    assert "there is no ¶40" in str(refused.value)
    with pytest.raises(ValidationError, match="This is the text of version 1"):
        _submit(world, proposal, accepted, text=TEXT)
    assert not VersionSubmission.objects.exists()


def test_a_submission_on_an_outdated_version_cannot_be_published(world) -> None:
    proposal, accepted, _ = _in_deliberation(world)
    submission = _submit(world, proposal, accepted)
    services.version_publish(
        actor=SYSTEM,
        proposal=proposal,
        text=REVISED + "\n\nA secretariat paragraph.",
        note="Agreed with the author by phone.",
        author_agreed=True,
    )
    with pytest.raises(ValidationError, match="return it"):
        services.version_submission_publish(
            actor=world.users[Role.SECRETARIAT], submission=submission
        )


def test_pages_submit_show_the_redline_and_publish(world) -> None:
    proposal, accepted, alliance = _in_deliberation(world)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    versions = rep.get(f"/governance/proposals/{proposal.pk}/versions/").content.decode()
    assert "Submit a revised version" in versions
    form = rep.get(f"/governance/proposals/{proposal.pk}/versions/submit/")
    assert form.status_code == 200
    empty = rep.post(f"/governance/proposals/{proposal.pk}/versions/submit/", {"text": REVISED})
    assert "Say what changed" in empty.content.decode()
    done = rep.post(
        f"/governance/proposals/{proposal.pk}/versions/submit/",
        {
            "title": proposal.title,
            "summary": proposal.summary,
            "text": REVISED,
            "note": "Within 14 days.",
            f"changes_{accepted.response.pk}": "2",
        },
    )
    submission = VersionSubmission.objects.get(proposal=proposal)
    assert done.status_code == 302
    assert done["Location"] == submission.get_absolute_url()

    # Another organisation's representative and the public never read it.
    outsider = alliance.client(alliance.miner_rep)
    assert outsider.get(submission.get_absolute_url()).status_code == 404
    assert world.client_for(Role.ANONYMOUS).get(submission.get_absolute_url()).status_code in (
        302,
        404,
    )

    staff = world.client_for(Role.SECRETARIAT)
    page = staff.get(submission.get_absolute_url()).content.decode()
    assert "Publish it as version 2" in page
    assert "<ins>" in page
    assert f"comment #{accepted.pk}" in page
    published = staff.post(f"{submission.get_absolute_url()}publish/")
    assert published.status_code == 302
    assert "versions/compare/?old=1&new=2" in published["Location"]
    assert proposal.versions.count() == 2


def test_api_submit_list_return_and_publish(world, api_for, django_assert_max_num_queries) -> None:
    proposal, accepted, _ = _in_deliberation(world)
    base = f"/api/v1/proposals/{proposal.pk}/versions/submissions/"
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    made = rep.post(
        base,
        {"text": REVISED, "note": "Within 14 days.", "changes": {str(accepted.pk): [2]}},
        format="json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["changes"] == {str(accepted.pk): [2]}
    assert made.json()["status"] == "pending"
    staff = api_for(Role.SECRETARIAT)
    returned = staff.post(f"{base}{made.json()['id']}/return/", {"reason": "Say who pays."})
    assert returned.status_code == 200
    assert rep.get(f"{base}{made.json()['id']}/").json()["return_reason"] == "Say who pays."
    again = rep.post(base, {"text": REVISED, "note": "Who pays is said."}, format="json")
    assert again.status_code == 201
    assert api_for(Role.MEMBER).get(base).json()["count"] == 2  # the author organisation's people
    assert api_for(Role.ANONYMOUS).get(base).status_code in (401, 403)
    with django_assert_max_num_queries(12):
        listed = staff.get(base)
    assert listed.json()["count"] == 2
    published = staff.post(f"{base}{again.json()['id']}/publish/")
    assert published.status_code == 201
    assert published.json()["number"] == 2
    refused = rep.post(f"{base}{again.json()['id']}/publish/")
    assert refused.status_code == 403
