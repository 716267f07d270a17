"""Changes that happen only through a decision (issue 16, item 5): a glossary batch, objectives
and their indicators, and the amendment or withdrawal of a published decision. The secretariat
still corrects errors of fact, shown as corrections."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from glossary import services as glossary_services
from glossary.models import ConceptStatus, RevisionStatus
from governance.decision_log.models import DecisionLogEntry, DecisionState, PublishedDecision
from governance.decision_log.services import decision_log_change
from governance.effects import services as effect_services
from governance.objectives.models import Objective
from governance.proposals.models import ProposalStatus
from tests.glossary.factories import proposed_concept
from tests.governance.constitution_support import board, decide, proposal_with_effect
from tests.governance.factories import make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _published_decision(world) -> int:
    proposal = make_proposal(status=S.DELIBERATION, title="Cobalt rule")
    seq = decide(proposal, world).log_entry_id
    assert seq is not None
    return seq


# --- glossary --------------------------------------------------------------------------------


def test_a_glossary_term_cannot_reach_agreed_outside_a_decision(world, client) -> None:
    concept = proposed_concept("Traceability", actor=world.users[Role.MEMBER])
    revision = concept.current_text
    glossary_services.revision_submit_for_review(
        actor=world.users[Role.SECRETARIAT], revision=revision
    )
    # No use case, page, API endpoint or admin action agrees a revision by hand any more.
    assert not hasattr(glossary_services, "revision_agree")
    assert not hasattr(glossary_services, "revisions_agree_batch")
    with pytest.raises(NoReverseMatch):
        reverse("glossary:revision-agree", args=[revision.pk])
    client.force_login(world.users[Role.SECRETARIAT])
    assert client.post(f"/glossary/revisions/{revision.pk}/agree/").status_code == 404
    assert client.post(f"/api/v1/glossary/revisions/{revision.pk}/agree/").status_code == 404
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.UNDER_REVIEW
    # The decision that adopts the batch agrees it.
    proposal = proposal_with_effect(
        "glossary_batch", {"revisions": [revision.pk]}, title="Glossary batch 1"
    )
    decision = decide(proposal, world)
    concept.refresh_from_db()
    revision.refresh_from_db()
    assert concept.status == ConceptStatus.AGREED
    assert revision.status == RevisionStatus.AGREED
    assert revision.decided_by_id is None  # the body decided, not a person
    assert f"decision {decision.log_entry_id}" in revision.decision_note
    # The decision record says what it changed; the concept page links the decision.
    assert decision.record["effect"]["kind"] == "glossary_batch"
    page = client.get(concept.get_absolute_url()).content.decode()
    assert "Agreed by decision" in page
    assert f'href="/governance/decisions/{decision.log_entry_id}/"' in page


def test_a_batch_that_cannot_be_applied_any_more_leaves_the_decision_standing(world) -> None:
    concept = proposed_concept("Grievance mechanism", actor=world.users[Role.MEMBER])
    revision = concept.current_text
    proposal = proposal_with_effect(
        "glossary_batch", {"revisions": [revision.pk]}, title="Glossary batch 2"
    )
    from governance.ballots.models import Ballot
    from tests.governance.factories import add_impact_assessment, respond_to_all
    from tests.governance.test_ballots_factories import close, vote

    add_impact_assessment(proposal)
    respond_to_all(proposal)
    from governance.proposals import services as proposal_services

    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    # The secretariat rejects the revision while the ballot runs.
    glossary_services.revision_reject(actor=SYSTEM, revision=revision, reason="Withdrawn.")
    ballot = Ballot.objects.get(proposal=proposal)
    vote(ballot, world.own, "yes")
    vote(ballot, world.other, "yes")
    close(ballot)
    proposal.refresh_from_db()
    assert proposal.status == S.ADOPTED
    effect = proposal.effect
    assert effect.applied_at is None
    assert "Already decided" in effect.failure or "rejected" in effect.failure
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED


def test_a_batch_refuses_a_revision_already_decided(world) -> None:
    concept = proposed_concept("Remediation", actor=world.users[Role.MEMBER])
    glossary_services.revision_reject(
        actor=SYSTEM, revision=concept.current_text, reason="Not needed."
    )
    proposal = make_proposal(status=S.DELIBERATION, title="Batch")
    with pytest.raises(ValidationError, match="Already decided"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=proposal,
            kind="glossary_batch",
            payload={"revisions": [concept.current_text.pk]},
        )


# --- objectives --------------------------------------------------------------------------------


def test_objectives_and_indicators_are_adopted_by_decision(world) -> None:
    payload = {
        "objectives": [
            {
                "slug": "traceable-cobalt",
                "title": "Traceable cobalt",
                "indicators": [
                    {
                        "name": "Sites mapped",
                        "unit": "%",
                        "baseline_value": "10",
                        "baseline_date": "2025-01-01",
                        "target_value": "80",
                        "target_date": "2028-12-31",
                    }
                ],
            }
        ]
    }
    proposal = proposal_with_effect("objectives", payload, title="Objectives 2026")
    assert not Objective.objects.filter(slug="traceable-cobalt").exists()
    decision = decide(proposal, world)
    objective = Objective.objects.get(slug="traceable-cobalt")
    indicator = objective.indicators.get()
    assert (indicator.name, str(indicator.target_value)) == ("Sites mapped", "80.0000")
    assert decision.effect.applied_at is not None


def test_the_objectives_admin_is_read_only(world, client) -> None:
    client.force_login(world.users[Role.SECRETARIAT])
    assert client.get("/admin/governance/objective/add/").status_code == 403
    assert client.get("/admin/governance/indicator/add/").status_code == 403


def test_objective_effects_refuse_bad_details(world) -> None:
    proposal = make_proposal(status=S.DELIBERATION, title="Objectives")
    with pytest.raises(ValidationError, match="a new indicator needs its"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=proposal,
            kind="objectives",
            payload={
                "objectives": [
                    {"slug": "new-one", "title": "New", "indicators": [{"name": "Only a name"}]}
                ]
            },
        )


# --- amending and withdrawing published decisions ------------------------------------------------


def test_a_decision_cannot_be_withdrawn_without_a_ballot(world) -> None:
    seq = _published_decision(world)
    for kind in ("withdrawal", "amendment"):
        with pytest.raises(ValidationError, match="only by a decision"):
            decision_log_change(
                actor=world.users[Role.SECRETARIAT],
                decision_seq=seq,
                kind=kind,
                reason="We changed our minds.",
                changes={"summary": "Other."} if kind == "amendment" else {},
            )
    assert PublishedDecision.objects.get(entry_id=seq).state == DecisionState.DECIDED
    assert DecisionLogEntry.objects.filter(amends_id=seq).count() == 0


def test_a_withdrawal_happens_as_the_effect_of_a_decision_that_the_log_names(world, client) -> None:
    seq = _published_decision(world)
    proposal = proposal_with_effect(
        "decision_withdrawal",
        {"decision_seq": seq, "reason": "Superseded by the 2027 rule."},
        title="Withdraw the cobalt rule",
    )
    deciding = decide(proposal, world)
    published = PublishedDecision.objects.get(entry_id=seq)
    assert published.state == DecisionState.WITHDRAWN
    entry = DecisionLogEntry.objects.get(amends_id=seq, kind="withdrawal")
    assert f'"decided_by":{{"body":"General Assembly","proposal":{proposal.pk},' in entry.canonical
    assert f'"seq":{deciding.log_entry_id}' in entry.canonical
    page = client.get(f"/governance/decisions/{seq}/").content.decode()
    assert f'by <a href="/governance/decisions/{deciding.log_entry_id}/">decision' in page


def test_an_amendment_happens_as_the_effect_of_a_decision(world) -> None:
    seq = _published_decision(world)
    proposal = proposal_with_effect(
        "decision_amendment",
        {
            "decision_seq": seq,
            "reason": "Later start.",
            "changes": {"effective_date": "2030-01-01"},
        },
        title="Amend the cobalt rule",
    )
    decide(proposal, world)
    published = PublishedDecision.objects.get(entry_id=seq)
    assert published.state == DecisionState.AMENDED
    assert str(published.effective_date) == "2030-01-01"


def test_only_the_body_the_constitution_names_amends_a_decision(world) -> None:
    seq = _published_decision(world)  # a decision of the General Assembly
    proposal = make_proposal(status=S.DELIBERATION, body=board(), title="Board withdraws")
    with pytest.raises(ValidationError, match="only by a decision of the General Assembly"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=proposal,
            kind="decision_withdrawal",
            payload={"decision_seq": seq, "reason": "Board says so."},
        )


def test_the_secretariat_still_publishes_a_correction_shown_as_such(world, client) -> None:
    seq = _published_decision(world)
    staff = world.users[Role.SECRETARIAT]
    client.force_login(staff)
    response = client.post(
        f"/governance/decisions/{seq}/change/",
        {"reason": "The title misspelt cobalt.", "title": "Cobalt rule (corrected)"},
    )
    assert response.status_code == 302
    assert PublishedDecision.objects.get(entry_id=seq).state == DecisionState.CORRECTED
    page = client.get(f"/governance/decisions/{seq}/").content.decode()
    assert "Correction" in page
    assert "by the secretariat" in page


def test_an_effect_is_fixed_once_the_ballot_opens_and_only_the_secretariat_sets_it(
    world,
) -> None:
    proposal = make_proposal(status=S.DELIBERATION, title="Batch")
    with pytest.raises(Exception, match="secretariat"):
        effect_services.proposal_effect_set(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            proposal=proposal,
            kind="objectives",
            payload={"objectives": [{"slug": "x", "title": "X"}]},
        )
    voting = make_proposal(status=S.VOTING, title="Running")
    with pytest.raises(ValidationError, match="fixed"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=voting,
            kind="objectives",
            payload={"objectives": [{"slug": "x", "title": "X"}]},
        )


def test_a_members_only_proposal_carries_no_effect(world) -> None:
    proposal = make_proposal(status=S.DELIBERATION, disclosure="members", title="Quiet")
    with pytest.raises(ValidationError, match="taken in public"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=proposal,
            kind="objectives",
            payload={"objectives": [{"slug": "x", "title": "X"}]},
        )


def test_the_effect_api_sets_shows_and_removes_an_effect(world, api_for) -> None:
    proposal = make_proposal(status=S.DELIBERATION, title="Objectives by API")
    staff = api_for(Role.SECRETARIAT)
    url = f"/api/v1/proposals/{proposal.pk}/effect/"
    assert staff.get(url).status_code == 404
    bad = staff.put(url, {"kind": "objectives", "details": {"objectives": []}}, format="json")
    assert bad.status_code == 400
    done = staff.put(
        url,
        {"kind": "objectives", "details": {"objectives": [{"slug": "x", "title": "X"}]}},
        format="json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["text"] == "Adopts or changes the objectives “X”."
    assert api_for(Role.MEMBER).get(url).json()["kind"] == "objectives"
    assert api_for(Role.MEMBER).put(url, {}, format="json").status_code == 403
    assert staff.delete(url).status_code == 204
    assert staff.get(url).status_code == 404


def test_the_effect_page_saves_through_the_service(world, client) -> None:
    proposal = make_proposal(status=S.DELIBERATION, title="Objectives by page")
    client.force_login(world.users[Role.SECRETARIAT])
    url = f"/governance/proposals/{proposal.pk}/effect/"
    page = client.get(url).content.decode()
    assert "Agree a batch of glossary revisions" in page
    refused = client.post(url, {"kind": "objectives", "indicator-TOTAL_FORMS": "0"})
    assert "There is a problem" in refused.content.decode()
    saved = client.post(
        url,
        {
            "kind": "objectives",
            "new_slug": "x",
            "title": "X",
            "indicator-TOTAL_FORMS": "0",
            "indicator-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 302
    detail = client.get(proposal.get_absolute_url()).content.decode()
    assert "What the decision changes" in detail
    assert "Applied when the proposal is adopted." in detail
