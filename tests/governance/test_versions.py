"""Texts that change through consultation (issue 16, item 2): versions, the redline, accepted
responses linked to the paragraphs they changed, the ballot on a frozen version whose number
and sha256 go into the decision record and the log, and a second consultation round."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots.models import Ballot, Decision
from governance.consultations import services as consultation_services
from governance.consultations.models import Comment
from governance.decision_log.models import DecisionLogEntry
from governance.decision_log.verify import decision_log_verify
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from governance.versions import services
from governance.versions.models import ProposalVersion, ResponseChange, text_sha256
from governance.versions.redline import ADDED, CHANGED, REMOVED, UNCHANGED, redline
from tests.governance.factories import TEXT, add_impact_assessment, make_proposal, member_comment
from tests.governance.test_ballots_factories import close, vote

S = ProposalStatus
pytestmark = pytest.mark.django_db

# TEXT with paragraph 2 changed as the accepted comment asked.
REVISED = TEXT.replace("within 30 days", "within 14 days, and say what they did about it")


def _deliberation_with_accepted_comment(world, **kwargs):
    """A public proposal whose consultation closed with one accepted comment on ¶2 and one
    not accepted on ¶4."""
    proposal = make_proposal(status=S.CONSULTATION, **kwargs)
    accepted = member_comment(proposal, world.own, "Thirty days is too long.", paragraph=2)
    refused = member_comment(proposal, world.other, "Drop the review.", paragraph=4)
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    consultation_services.comment_respond(
        actor=SYSTEM, comment=accepted, outcome="accepted", reason="Now 14 days."
    )
    consultation_services.comment_respond(
        actor=SYSTEM, comment=refused, outcome="not_accepted", reason="The review stays."
    )
    proposal.refresh_from_db()
    return proposal, accepted, refused


def _publish(proposal, accepted, text=REVISED, paragraphs=(2,), **kwargs):
    kwargs.setdefault("note", "Reporting within 14 days, as comment asked.")
    return services.version_publish(
        actor=SYSTEM,
        proposal=proposal,
        text=text,
        changes={accepted.response.pk: list(paragraphs)} if paragraphs is not None else {},
        **kwargs,
    )


# --- version 1 and the frozen rows --------------------------------------------------------------


def test_version_1_is_the_text_the_consultation_opened_on_and_comments_name_it(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    version = ProposalVersion.objects.get(proposal=proposal)
    assert version.number == 1
    assert version.text == TEXT
    assert version.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    comment = member_comment(proposal, world.own, "On paragraph 1.", paragraph=1)
    assert comment.version == version


def test_a_published_version_never_changes_even_by_raw_sql(world) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    version = _publish(proposal, accepted)
    with pytest.raises(IntegrityError, match="frozen"), transaction.atomic():
        ProposalVersion.objects.filter(pk=version.pk).update(text="Something else.")
    with pytest.raises(IntegrityError, match="frozen"), transaction.atomic():  # noqa: SIM117
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM governance_proposalversion WHERE id = %s", [version.pk])
    with pytest.raises(IntegrityError, match="frozen"), transaction.atomic():  # noqa: SIM117
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE governance_proposalversion SET sha256 = %s WHERE id = %s",
                ["0" * 64, version.pk],
            )
    version.refresh_from_db()
    assert version.text == REVISED


# --- publishing a revised version ---------------------------------------------------------------


def test_a_revised_version_becomes_the_proposals_text_and_links_the_accepted_comment(
    world, django_capture_on_commit_callbacks
) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    accepted.author = world.users[Role.MEMBER]
    Comment.objects.filter(pk=accepted.pk).update(author=accepted.author)
    with django_capture_on_commit_callbacks(execute=False):
        version = _publish(proposal, accepted)
    assert version.number == 2
    assert version.sha256 == text_sha256(REVISED)
    proposal.refresh_from_db()
    assert proposal.text == version.text
    link = ResponseChange.objects.get(version=version)
    assert (link.response_id, link.paragraph) == (accepted.response.pk, 2)
    emails = OutboundEmail.objects.filter(event_key=f"governance:version-published:{version.pk}")
    assert [e.recipient for e in emails] == ["member@example.org"]


def test_publishing_is_refused_with_a_reason_and_changes_nothing(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    with pytest.raises(ValidationError, match="after the consultation closes"):
        services.version_publish(actor=SYSTEM, proposal=proposal, text=REVISED, note="x")
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    with pytest.raises(ValidationError, match="text of version 1"):
        services.version_publish(actor=SYSTEM, proposal=proposal, text=TEXT + "\n", note="x")
    with pytest.raises(ValidationError, match="what changed"):
        services.version_publish(actor=SYSTEM, proposal=proposal, text=REVISED, note=" ")
    with pytest.raises(PermissionDenied):
        services.version_publish(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            proposal=proposal,
            text=REVISED,
            note="Ours.",
        )
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 1
    proposal.refresh_from_db()
    assert proposal.text == TEXT


def test_a_member_tabled_proposal_is_revised_only_with_its_authors_agreement(world) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world, proposed_by=world.own)
    with pytest.raises(ValidationError, match="agreement"):
        _publish(proposal, accepted)
    version = _publish(proposal, accepted, author_agreed=True)
    assert version.author_agreed


def test_a_paragraph_the_new_text_lacks_or_a_refused_comment_cannot_be_linked(world) -> None:
    proposal, accepted, refused = _deliberation_with_accepted_comment(world)
    with pytest.raises(ValidationError, match="no ¶9"):
        _publish(proposal, accepted, paragraphs=(9,))
    with pytest.raises(ValidationError, match="not one that accepted"):
        services.version_publish(
            actor=SYSTEM,
            proposal=proposal,
            text=REVISED,
            note="x",
            changes={refused.response.pk: [2]},
        )
    assert not ProposalVersion.objects.filter(proposal=proposal, number=2).exists()


# --- the redline ----------------------------------------------------------------------------------


def test_the_redline_marks_paragraphs_and_words_in_words_not_colour_alone() -> None:
    old = "One stays.\n\nTwo is here.\n\nThree goes away entirely."
    new = "One stays.\n\nTwo is now here.\n\nA brand new fourth."
    rows = redline(old, new)
    assert [r.kind for r in rows] == [UNCHANGED, CHANGED, REMOVED, ADDED]
    changed = str(rows[1].html)
    assert "<ins>" in changed
    assert "[inserted: </span>now " in changed
    assert "<del>" not in changed
    assert "[removed: " in str(rows[2].html)
    assert "[added: " in str(rows[3].html)
    assert (rows[1].old.number, rows[1].new.number) == (2, 2)
    assert rows[3].new.number == 3
    assert rows[2].old.number == 3


def test_the_redline_escapes_what_people_wrote() -> None:
    rows = redline("Safe words here.", "Safe words here <script>alert(1)</script>.")
    html = "".join(str(row.html) for row in rows)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_compare_page_shows_the_accepted_comments_change(world, client) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    _publish(proposal, accepted)
    page = client.get(f"/governance/proposals/{proposal.pk}/versions/compare/?old=1&new=2")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Changes from version 1 to version 2" in html
    assert '<strong class="redline-kind">Changed</strong>' in html
    assert "<del>" in html
    assert "<ins>" in html
    assert "14 days" in html
    assert f"comment #{accepted.pk}</a>" in html
    assert "Warning" not in html


def test_the_versions_page_warns_when_an_accepted_comment_changed_nothing(world, client) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    # ¶1 is named, but only ¶3 changed.
    text = TEXT.replace("- per country", "- per country and region")
    _publish(proposal, accepted, text=text, paragraphs=(1,))
    html = client.get(f"/governance/proposals/{proposal.pk}/versions/").content.decode()
    assert "Warning: Accepted, but ¶1 did not change." in html
    ResponseChange.objects.all().delete()
    html = client.get(f"/governance/proposals/{proposal.pk}/versions/").content.decode()
    assert "Warning: Accepted, but no paragraph is named as changed." in html


def test_the_secretariat_names_the_paragraphs_afterwards(world) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    version = _publish(proposal, accepted, paragraphs=None)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/versions/2/responses/{accepted.pk}/"
    assert staff.post(url, {"paragraphs": "two"}).status_code == 200  # "Enter ... as numbers"
    assert staff.post(url, {"paragraphs": "2"}).status_code == 302
    assert list(version.response_changes.values_list("paragraph", flat=True)) == [2]
    member = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert member.post(url, {"paragraphs": "1"}).status_code == 403


def test_the_publish_form_asks_for_each_accepted_comments_paragraphs(world) -> None:
    proposal, accepted, refused = _deliberation_with_accepted_comment(world)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/versions/new/"
    form = staff.get(url).content.decode()
    assert f"Paragraphs changed for comment {accepted.pk}" in form
    assert f"Paragraphs changed for comment {refused.pk}" not in form
    refused_page = staff.post(url, {"title": proposal.title, "summary": "S", "text": TEXT})
    assert "Say what changed since the previous version" in refused_page.content.decode()
    done = staff.post(
        url,
        {
            "title": proposal.title,
            "summary": "S",
            "text": REVISED,
            "note": "Shorter deadline.",
            f"changes_{accepted.response.pk}": "2",
        },
    )
    assert done.status_code == 302
    assert done["Location"].endswith("versions/compare/?old=1&new=2")
    assert ResponseChange.objects.filter(paragraph=2, response=accepted.response).exists()


# --- the ballot on a frozen version, the decision record and the log -------------------------


def test_the_ballot_is_on_the_revised_version_and_the_decision_names_its_sha256(
    world, client
) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    version = _publish(proposal, accepted)
    add_impact_assessment(proposal)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    ballot = Ballot.objects.get(proposal=proposal)
    assert ballot.version == version
    vote(ballot, world.own, "yes")
    vote(ballot, world.other, "yes")
    close(ballot)
    decision = Decision.objects.get(proposal=proposal)
    assert decision.record["version"] == {"number": 2, "sha256": version.sha256}
    entry = DecisionLogEntry.objects.get(seq=decision.log_entry_id)
    assert json.loads(entry.canonical)["record"]["version"] == {
        "number": 2,
        "sha256": version.sha256,
    }
    assert decision_log_verify().ok
    html = client.get(f"/governance/decisions/{entry.seq}/").content.decode()
    assert "Voted on version 2" in html
    assert version.sha256 in html.split('id="verify"', 1)[1]
    text = client.get(f"/governance/proposals/{proposal.pk}/versions/2/text/")
    assert hashlib.sha256(text.content).hexdigest() == version.sha256


def test_a_decision_from_before_versions_keeps_its_record_and_the_chain_verifies(world) -> None:
    proposal = make_proposal(status=S.VOTING)
    ballot = Ballot.objects.get(proposal=proposal)
    Ballot.objects.filter(pk=ballot.pk).update(version=None)  # as ballots opened before
    vote(ballot, world.own, "yes")
    close(ballot)
    decision = Decision.objects.get(proposal=proposal)
    assert "version" not in decision.record
    assert decision_log_verify().ok


# --- a second consultation round ----------------------------------------------------------------


def test_a_second_round_is_on_the_revised_text_and_comments_name_its_version(world) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    later = timezone.now() + timedelta(days=20)  # no shorter than the constitution allows
    with pytest.raises(ValidationError, match="publish a new version first"):
        services.consultation_reopen(actor=SYSTEM, proposal=proposal, closes_at=later)
    with pytest.raises(ValidationError, match="publish a new version first"):
        proposal_services.proposal_transition(
            actor=SYSTEM, proposal=proposal, to_status=S.CONSULTATION
        )
    version = _publish(proposal, accepted)
    Proposal.objects.filter(pk=proposal.pk).update(
        consultation_opens_at=timezone.now() - timedelta(hours=2),
        consultation_closes_at=timezone.now() - timedelta(minutes=1),
    )
    with pytest.raises(ValidationError, match="own closing time"):
        proposal_services.proposal_transition(
            actor=SYSTEM, proposal=proposal, to_status=S.CONSULTATION
        )
    with pytest.raises(ValidationError, match="future"):
        services.consultation_reopen(
            actor=SYSTEM, proposal=proposal, closes_at=timezone.now() - timedelta(hours=1)
        )
    services.consultation_reopen(actor=SYSTEM, proposal=proposal, closes_at=later)
    proposal.refresh_from_db()
    assert proposal.status == S.CONSULTATION
    assert proposal.consultation_closes_at == later
    assert proposal.status_changes.last().reason == "Consultation round 2 opened on version 2."
    comment = member_comment(proposal, world.own, "Better now.", paragraph=2)
    assert comment.version == version
    # The next version answers the comments of round 2 only.
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    consultation_services.comment_respond(
        actor=SYSTEM, comment=comment, outcome="partly_accepted", reason="Partly."
    )
    third = services.version_publish(
        actor=SYSTEM,
        proposal=proposal,
        text=REVISED + "\n\nA fifth paragraph.",
        note="Added ¶5.",
        changes={comment.response.pk: [5]},
    )
    assert third.number == 3
    with pytest.raises(ValidationError, match="not one that accepted"):
        services.version_publish(
            actor=SYSTEM,
            proposal=Proposal.objects.get(pk=proposal.pk),
            text=REVISED + "\n\nA sixth.",
            note="x",
            changes={accepted.response.pk: [2]},
        )


# --- the API --------------------------------------------------------------------------------------


def test_the_api_lists_compares_and_publishes_versions(world, api_for) -> None:
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    url = f"/api/v1/proposals/{proposal.pk}/versions/"
    body = {"text": REVISED, "note": "Shorter.", "changes": {str(accepted.pk): [2]}}
    assert (
        api_for(Role.ORGANISATION_REPRESENTATIVE).post(url, body, format="json").status_code == 403
    )
    bad = api_for(Role.SECRETARIAT).post(url, {**body, "text": TEXT}, format="json")
    assert bad.status_code == 400
    assert "text" in bad.json()
    made = api_for(Role.SECRETARIAT).post(url, body, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["number"] == 2
    listed = api_for(Role.ANONYMOUS).get(url).json()
    assert [v["number"] for v in listed["results"]] == [1, 2]
    assert listed["results"][1]["sha256"] == hashlib.sha256(REVISED.encode()).hexdigest()
    compared = api_for(Role.ANONYMOUS).get(f"{url}compare/?old=1&new=2").json()
    kinds = [row["kind"] for row in compared["rows"]]
    assert kinds == ["unchanged", "changed", "unchanged", "unchanged"]
    assert compared["rows"][1]["changed_by_comments"] == [accepted.pk]
    assert compared["checks"][0]["warning"] == ""


def test_a_members_only_proposals_versions_are_for_members(world, api_for, client) -> None:
    proposal = make_proposal(status=S.CONSULTATION, disclosure="members")
    assert api_for(Role.ANONYMOUS).get(
        f"/api/v1/proposals/{proposal.pk}/versions/"
    ).status_code in (
        401,
        403,
        404,
    )
    assert client.get(f"/governance/proposals/{proposal.pk}/versions/1/text/").status_code in (
        302,
        403,
        404,
    )
    assert api_for(Role.MEMBER).get(f"/api/v1/proposals/{proposal.pk}/versions/").status_code == 200


# --- query budgets --------------------------------------------------------------------------------


def _many_versions(world):
    proposal, accepted, _ = _deliberation_with_accepted_comment(world)
    _publish(proposal, accepted)
    for number in range(3, 7):
        services.version_publish(
            actor=SYSTEM,
            proposal=Proposal.objects.get(pk=proposal.pk),
            text=REVISED + f"\n\nParagraph for version {number}.",
            note=f"Version {number}.",
        )
    return proposal


def test_the_versions_page_and_api_keep_to_a_query_budget(
    world, client, api_for, django_assert_max_num_queries
) -> None:
    proposal = _many_versions(world)
    with django_assert_max_num_queries(14):
        assert client.get(f"/governance/proposals/{proposal.pk}/versions/").status_code == 200
    api = api_for(Role.ANONYMOUS)
    with django_assert_max_num_queries(12):
        assert api.get(f"/api/v1/proposals/{proposal.pk}/versions/").status_code == 200
    with django_assert_max_num_queries(14):
        page = client.get(f"/governance/proposals/{proposal.pk}/versions/compare/?old=1&new=6")
        assert page.status_code == 200
