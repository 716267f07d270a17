"""The effect page asks for each kind of change with that kind's own fields (issue 16, item 5):
no JSON shown to a person, guided messages, the stored effect read back into the fields. An
indicator is removed through a decided effect too, and the objectives page links the decision
that adopted or last changed each objective and indicator."""

from __future__ import annotations

import pytest

from alliance_portal.roles import Role
from governance.effects.kind_forms import KIND_FORMS
from governance.effects.models import ProposalEffect
from governance.effects.registry import KINDS
from governance.objectives.models import Indicator, Objective
from governance.proposals.models import ProposalStatus
from tests.glossary.factories import proposed_concept
from tests.governance.constitution_support import decide, proposal_with_effect
from tests.governance.factories import assembly, make_proposal
from tests.guided import guided

pytestmark = pytest.mark.django_db

NO_INDICATORS = {"indicator-TOTAL_FORMS": "0", "indicator-INITIAL_FORMS": "0"}
SITES = {
    "name": "Sites mapped",
    "unit": "%",
    "baseline_value": "10",
    "baseline_date": "2025-01-01",
    "target_value": "80",
    "target_date": "2028-12-31",
}


def _page(world, client, proposal, query: str = "") -> tuple[str, str]:
    client.force_login(world.users[Role.SECRETARIAT])
    url = f"/governance/proposals/{proposal.pk}/effect/"
    return url, client.get(url + query).content.decode()


def test_every_kind_of_the_registry_has_its_form() -> None:
    assert set(KIND_FORMS) == set(KINDS)


def test_a_constitution_change_is_asked_with_labelled_settings_and_units(world, client) -> None:
    proposal = make_proposal(status=ProposalStatus.DELIBERATION, body=assembly())
    url, page = _page(world, client, proposal, "?kind=constitution")
    assert "Minimum consultation length (days)" in page
    assert "lowest quorum allowed" in page
    assert "Details (JSON)" not in page
    assert '{"' not in page  # no payload shown or asked for
    refused = client.post(
        url, {"kind": "constitution", "body": "general-assembly", "min_consultation_days": "0"}
    )
    guided(
        refused.content.decode(),
        {"Enter the minimum consultation length from 1 to 365": "id_min_consultation_days"},
    )
    saved = client.post(
        url,
        {
            "kind": "constitution",
            "body": "general-assembly",
            "min_consultation_days": "21",
            "consent_quorum": "1/2",
            "amendments_by": "-",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    effect = ProposalEffect.objects.get(proposal=proposal)
    assert effect.payload == {
        "body": "general-assembly",
        "min_consultation_days": 21,
        "bounds": {"consent": {"quorum": "1/2"}},
        "amendments_by": "",
    }
    again = client.get(url).content.decode()
    assert 'name="min_consultation_days" value="21"' in again


def test_a_glossary_batch_is_chosen_from_the_open_revisions(world, client) -> None:
    concept = proposed_concept("Zmkbatchconcept", actor=world.users[Role.MEMBER])
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    url, page = _page(world, client, proposal, "?kind=glossary_batch")
    assert "“zmkbatchconcept”, revision 1" in page
    refused = client.post(url, {"kind": "glossary_batch"})
    guided(
        refused.content.decode(),
        {"Choose the glossary revisions the decision agrees": "id_revisions_0"},
    )
    client.post(url, {"kind": "glossary_batch", "revisions": [concept.current_text.pk]})
    assert ProposalEffect.objects.get(proposal=proposal).payload == {
        "revisions": [concept.current_text.pk]
    }


def test_an_objective_and_its_indicators_come_from_fields_with_guided_errors(world, client) -> None:
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    url, _page_html = _page(world, client, proposal, "?kind=objectives")
    base = {"kind": "objectives", "new_slug": "traceable-cobalt", "title": "Traceable cobalt"}
    rows = {"indicator-TOTAL_FORMS": "1", "indicator-INITIAL_FORMS": "0"}
    unfinished = client.post(
        url, {**base, **rows, "indicator-0-name": "Sites mapped", "indicator-0-unit": "%"}
    )
    html = unfinished.content.decode()
    assert "There is a problem" in html
    assert "a new indicator needs its baseline value, baseline date" in html
    bad_number = client.post(url, {**base, **rows, "indicator-0-baseline_value": "ten"})
    html = bad_number.content.decode()
    assert "Indicator 1: Enter the baseline value as a number" in html
    assert "Indicator 1: Enter the indicator&#x27;s name" in html
    saved = client.post(
        url, {**base, **rows, **{f"indicator-0-{key}": value for key, value in SITES.items()}}
    )
    assert saved.status_code == 302
    assert ProposalEffect.objects.get(proposal=proposal).payload == {
        "objectives": [
            {"slug": "traceable-cobalt", "title": "Traceable cobalt", "indicators": [SITES]}
        ]
    }
    again = client.get(url).content.decode()
    assert 'value="Sites mapped"' in again


def test_an_indicator_is_removed_by_a_decision_and_the_objectives_page_links_it(
    world, client
) -> None:
    adopted = decide(
        proposal_with_effect(
            "objectives",
            {"objectives": [{"slug": "cobalt", "title": "Cobalt", "indicators": [SITES]}]},
            title="Objectives adopted",
        ),
        world,
    )
    page = client.get("/governance/objectives/").content.decode()
    link = f'href="/governance/decisions/{adopted.log_entry_id}/"'
    assert f"Adopted or last changed by <a {link}>" in page
    assert f"Set by <a {link}>" in page
    proposal = make_proposal(status=ProposalStatus.DELIBERATION, title="Fewer indicators")
    url, form = _page(world, client, proposal, "?kind=objectives")
    assert "Cobalt: Sites mapped" in form
    saved = client.post(
        url,
        {
            "kind": "objectives",
            "objective": "cobalt",
            "remove_indicators": ["cobalt|Sites mapped"],
            **NO_INDICATORS,
        },
    )
    assert saved.status_code == 302
    assert Indicator.objects.filter(objective__slug="cobalt").exists()  # not before the decision
    effect = ProposalEffect.objects.get(proposal=proposal)
    assert effect.payload == {
        "objectives": [{"slug": "cobalt", "remove_indicators": ["Sites mapped"]}]
    }
    changed = decide(proposal, world)
    assert not Indicator.objects.filter(objective__slug="cobalt").exists()
    assert Objective.objects.filter(slug="cobalt").exists()
    page = client.get("/governance/objectives/").content.decode()
    assert (
        f'Adopted or last changed by <a href="/governance/decisions/{changed.log_entry_id}/"'
        in page
    )


def test_an_unknown_indicator_cannot_be_removed(world) -> None:
    from django.core.exceptions import ValidationError

    Objective.objects.create(slug="water", title="Water", order=1)
    with pytest.raises(ValidationError, match="no indicator named Ghost"):
        proposal_with_effect(
            "objectives", {"objectives": [{"slug": "water", "remove_indicators": ["Ghost"]}]}
        )


def test_an_amendment_names_the_decision_the_reason_and_what_changes(world, client) -> None:
    seq = decide(make_proposal(status=ProposalStatus.DELIBERATION, title="Old rule"), world)
    proposal = make_proposal(status=ProposalStatus.DELIBERATION, body=assembly())
    url, page = _page(world, client, proposal, "?kind=decision_amendment")
    assert f"Decision {seq.log_entry_id}: " in page
    refused = client.post(
        url, {"kind": "decision_amendment", "decision": seq.log_entry_id, "reason": "Typo."}
    )
    assert "Say what changes: a new title, summary, rationale or date." in refused.content.decode()
    client.post(
        url,
        {
            "kind": "decision_amendment",
            "decision": seq.log_entry_id,
            "reason": "The date moves.",
            "new_effective_date": "2027-01-01",
        },
    )
    assert ProposalEffect.objects.get(proposal=proposal).payload == {
        "decision_seq": seq.log_entry_id,
        "reason": "The date moves.",
        "changes": {"effective_date": "2027-01-01"},
    }


def test_saving_the_page_keeps_the_other_objectives_an_api_effect_changes(world, client) -> None:
    from alliance_portal.policy import SYSTEM
    from governance.effects import services

    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    services.proposal_effect_set(
        actor=SYSTEM,
        proposal=proposal,
        kind="objectives",
        payload={
            "objectives": [
                {"slug": "traceable-cobalt", "title": "Traceable cobalt"},
                {"slug": "fair-wages", "title": "Fair wages"},
            ]
        },
    )
    url, page = _page(world, client, proposal, "?kind=objectives")
    assert "also changes 1 other objective (fair-wages)" in page
    saved = client.post(
        url,
        {
            "kind": "objectives",
            "new_slug": "traceable-cobalt",
            "title": "Traceable cobalt, renamed",
            "indicator-TOTAL_FORMS": "0",
            "indicator-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 302
    assert ProposalEffect.objects.get(proposal=proposal).payload == {
        "objectives": [
            {"slug": "traceable-cobalt", "title": "Traceable cobalt, renamed"},
            {"slug": "fair-wages", "title": "Fair wages"},
        ]
    }
