"""Acceptance requests (issue 18, item 9): only an organisation's representative drafts,
submits and withdraws its requests; a draft is read by the organisation's people and the
secretariat only, everywhere; the request's page sets the claim beside the crosswalk's coverage
figures; the secretariat opens a proposal from it (governance keeps the link) and the request
then shows the proposal and, once there is one, the decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.acceptance.models import AcceptanceProposal
from governance.effects import services as effect_services
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from standards import services
from standards.models import AcceptanceRequest, AcceptanceStatus
from standards.selectors.acceptance import claim_coverage
from tests.governance.constitution_support import decide
from tests.governance.factories import assembly, make_proposal
from tests.guided import guided
from tests.standards.conftest import api_for

STATEMENT = "Alpha's chapter 1 asks for a sourcing policy and a complaints channel."


def draft(world, version, **fields) -> AcceptanceRequest:
    fields.setdefault("statement", STATEMENT)
    organisation = fields.pop("organisation", world.own)
    return services.acceptance_request_draft(
        actor=SYSTEM,
        organisation=organisation,
        fields=services.AcceptanceFields(version=version, **fields),
    )


def submitted(world, version, **fields) -> AcceptanceRequest:
    return services.acceptance_request_submit(actor=SYSTEM, request=draft(world, version, **fields))


def form_data(version, **overrides) -> dict:
    return {
        "version": version.pk,
        "requirement_refs": ["B-1.1", "B-1.2"],
        "statement": STATEMENT,
        "disclosure": DisclosureLevel.PUBLIC,
        **overrides,
    }


# --- Who drafts, submits, withdraws -----------------------------------------------------------


def test_the_representative_drafts_and_submits_a_request_of_its_organisation(world, crosswalk):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = client.post(reverse("standards:acceptance-create"), form_data(crosswalk.alpha))
    request = AcceptanceRequest.objects.get()
    assert response.status_code == 302
    assert response.url == request.get_absolute_url()
    assert request.organisation == world.own
    assert request.status == AcceptanceStatus.DRAFT
    assert request.requirement_refs == ["B-1.1", "B-1.2"]
    page = client.get(request.get_absolute_url()).content.decode()
    assert "This is a draft" in page
    assert "Submit to the alliance" in page
    response = client.post(reverse("standards:acceptance-submit", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AcceptanceStatus.SUBMITTED
    assert request.submitted_at is not None
    events = request.events.order_by("pgh_id")  # type: ignore[attr-defined]
    assert events.last().pgh_context.metadata["use_case"] == "acceptance_request_submit"


@pytest.mark.parametrize(
    "role",
    [Role.MEMBER, Role.SECRETARIAT, Role.CIVIL_SOCIETY_REVIEWER, Role.EXTERNAL_STAKEHOLDER],
)
def test_nobody_else_drafts_submits_or_withdraws(world, crosswalk, role):
    request = draft(world, crosswalk.alpha)
    client = world.client_for(role)
    created = client.post(reverse("standards:acceptance-create"), form_data(crosswalk.alpha))
    sent = client.post(reverse("standards:acceptance-submit", args=[request.pk]))
    withdrawn = client.post(reverse("standards:acceptance-withdraw", args=[request.pk]))
    assert created.status_code == 403
    # The member and the secretariat read the draft, but may not act on it; the others do
    # not even see it.
    assert sent.status_code in (403, 404)
    assert withdrawn.status_code in (403, 404)
    assert AcceptanceRequest.objects.count() == 1
    request.refresh_from_db()
    assert request.status == AcceptanceStatus.DRAFT


def test_another_organisations_representative_may_not_submit_through_the_api(world, crosswalk):
    theirs = draft(world, crosswalk.alpha, organisation=world.other)
    public = submitted(world, crosswalk.alpha, organisation=world.other)
    api = api_for(world, Role.ORGANISATION_REPRESENTATIVE)
    assert api.post(f"/api/v1/acceptance-requests/{theirs.pk}/submit/").status_code == 404
    assert api.post(f"/api/v1/acceptance-requests/{public.pk}/withdraw/").status_code == 403
    body = {"standard": "alpha", "version": "2.0", "statement": STATEMENT}
    created = api.post("/api/v1/acceptance-requests/", {**body, "requirements": ["B-1.1"]})
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["organisation"] == world.own.slug
    assert data["status"] == "draft"
    assert data["requirements"] == ["B-1.1"]
    sent = api.post(f"/api/v1/acceptance-requests/{data['id']}/submit/")
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "submitted"
    changed = api.put(f"/api/v1/acceptance-requests/{data['id']}/", body)
    assert changed.status_code == 400
    withdrawn = api.post(
        f"/api/v1/acceptance-requests/{data['id']}/withdraw/", {"reason": "Superseded."}
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status_note"] == "Superseded."
    again = api.post(f"/api/v1/acceptance-requests/{data['id']}/withdraw/")
    assert again.status_code == 400


def test_the_form_says_what_to_fix_and_keeps_what_was_typed(world, crosswalk):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = client.post(
        reverse("standards:acceptance-create"),
        {**form_data(crosswalk.alpha, statement="", requirement_refs=["B-9.9"]), "version": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    guided(
        html,
        {
            "Enter why the standard meets the requirements": "id_statement",
            "Choose the standard and version": "id_version",
        },
    )
    assert not AcceptanceRequest.objects.exists()


def test_the_service_refuses_the_baseline_unknown_requirements_and_an_empty_statement(
    world, crosswalk
):
    with pytest.raises(ValidationError) as refused:
        draft(world, crosswalk.baseline, requirement_refs=["B-9.9"], statement=" ")
    errors = refused.value.message_dict
    assert set(errors) == {"version", "requirement_refs", "statement"}
    assert "B-9.9" in errors["requirement_refs"][0]
    assert not AcceptanceRequest.objects.exists()


# --- Who reads what -----------------------------------------------------------------------------


def test_a_draft_is_read_only_by_its_organisation_and_the_secretariat(world, crosswalk):
    hidden = draft(world, crosswalk.alpha, organisation=world.other, statement="Zmk other draft")
    own = draft(world, crosswalk.beta, statement="Zmk own draft")
    readers = {
        Role.ANONYMOUS: set(),
        Role.EXTERNAL_STAKEHOLDER: set(),
        Role.CIVIL_SOCIETY_REVIEWER: set(),
        Role.MEMBER: {own.pk},
        Role.ORGANISATION_REPRESENTATIVE: {own.pk},
        Role.SECRETARIAT: {own.pk, hidden.pk},
    }
    for role, expected in readers.items():
        client, api = world.client_for(role), api_for(world, role)
        listed = client.get(reverse("standards:acceptance-list")).content.decode()
        answered = {row["id"] for row in api.get("/api/v1/acceptance-requests/").json()["results"]}
        assert answered == expected, role
        for request in (own, hidden):
            seen = request.pk in expected
            assert (request.get_absolute_url() in listed) is seen, (role, request.statement)
            page = client.get(request.get_absolute_url())
            assert (page.status_code == 200) is seen, (role, request.statement)
            assert (api.get(f"/api/v1/acceptance-requests/{request.pk}/").status_code == 200) is (
                seen
            )


def test_once_submitted_a_request_is_read_at_its_level(world, crosswalk):
    members = submitted(world, crosswalk.alpha, organisation=world.other, disclosure="members")
    public = submitted(world, crosswalk.beta, organisation=world.other)
    anonymous = world.client_for(Role.ANONYMOUS)
    external = world.client_for(Role.EXTERNAL_STAKEHOLDER)
    member = world.client_for(Role.MEMBER)
    assert anonymous.get(public.get_absolute_url()).status_code == 200
    assert anonymous.get(members.get_absolute_url()).status_code == 302  # sign in
    assert external.get(members.get_absolute_url()).status_code == 404
    assert member.get(members.get_absolute_url()).status_code == 200
    listed = anonymous.get(
        reverse("standards:acceptance-list") + "?status=submitted&standard=beta"
    ).content.decode()
    assert public.get_absolute_url() in listed
    assert members.get_absolute_url() not in listed


# --- The claim beside the evidence ------------------------------------------------------------


def test_the_page_shows_the_coverage_of_the_requirements_claimed(world, crosswalk, make_mapping):
    make_mapping("B-1.1", "equal", "1.1")
    make_mapping("B-1.2", "intersects_with", "1.2")
    make_mapping("B-2.1", "equal", "2.1")  # not claimed
    request = submitted(world, crosswalk.alpha, requirement_refs=["B-1.1", "B-1.2", "B-1.3"])
    coverage = claim_coverage(request=request)
    assert [row.requirement.ref for row in coverage.requirements] == ["B-1.1", "B-1.2", "B-1.3"]
    assert coverage.counts == {
        "fully_covered": 1,
        "partly_covered": 1,
        "not_covered": 0,
        "unmapped": 1,
    }
    page = world.client_for(Role.ANONYMOUS).get(request.get_absolute_url()).content.decode()
    assert "Fully covered: 1 of 3 requirements claimed (33.3 %)" in page
    assert "Partly covered: 1 of 3 requirements claimed (33.3 %)" in page
    assert "Unmapped: 1 of 3 requirements claimed (33.3 %)" in page
    api = api_for(world, Role.ANONYMOUS).get(f"/api/v1/acceptance-requests/{request.pk}/").json()
    assert api["coverage"]["counts"] == coverage.counts
    assert [row["coverage"] for row in api["coverage"]["requirements"]] == [
        "fully_covered",
        "partly_covered",
        "unmapped",
    ]


def test_claiming_nothing_in_particular_claims_the_whole_baseline(world, crosswalk, make_mapping):
    make_mapping("B-1.1", "equal", "1.1")
    request = submitted(world, crosswalk.alpha)
    coverage = claim_coverage(request=request)
    assert request.claims_all
    assert coverage.total == 5
    assert coverage.counts["fully_covered"] == 1


# --- Governance: a proposal from the request, and the decision --------------------------------


def test_the_secretariat_opens_a_proposal_and_the_request_links_the_decision(
    world, crosswalk, make_mapping
):
    make_mapping("B-1.1", "equal", "1.1")
    body = assembly()
    request = submitted(world, crosswalk.alpha, requirement_refs=["B-1.1", "B-1.2"])
    secretariat = world.client_for(Role.SECRETARIAT)
    page = secretariat.get(request.get_absolute_url()).content.decode()
    assert "Open a proposal from this acceptance request" in page
    member_page = world.client_for(Role.MEMBER).get(request.get_absolute_url()).content.decode()
    assert "Open a proposal from this acceptance request" not in member_page
    response = secretariat.post(
        reverse("governance:acceptance-open-proposal", args=[request.pk]), {"body": body.pk}
    )
    link = AcceptanceProposal.objects.select_related("proposal").get()
    proposal = link.proposal
    assert response.status_code == 302
    assert response.url == proposal.get_absolute_url()
    assert link.acceptance_request == request
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.disclosure == DisclosureLevel.PUBLIC
    assert proposal.title == "Accept Alpha, version 2.0 as meeting part of the baseline"
    assert request.get_absolute_url() in proposal.text
    assert STATEMENT in proposal.text
    assert "- Fully covered: 1 (50.0 %)" in proposal.text
    request.refresh_from_db()
    assert request.status == AcceptanceStatus.UNDER_CONSIDERATION
    # Opening a second one is refused: the request is no longer merely submitted.
    again = secretariat.post(
        reverse("governance:acceptance-open-proposal", args=[request.pk]), {"body": body.pk}
    )
    assert again.status_code == 302
    assert AcceptanceProposal.objects.count() == 1
    page = world.client_for(Role.ANONYMOUS).get(request.get_absolute_url()).content.decode()
    assert proposal.get_absolute_url() in page
    assert "No decision yet." in page
    # The proposal goes through consultation to its ballot and decision.
    proposal_services.proposal_update(
        actor=SYSTEM,
        proposal=proposal,
        changes={"consultation_closes_at": timezone.now() + timedelta(days=30)},
    )
    proposal_services.consultation_open(actor=SYSTEM, proposal=proposal)
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    # The secretariat sets the answer its adoption gives.
    effect_services.proposal_effect_set(
        actor=SYSTEM,
        proposal=proposal,
        kind="acceptance_answer",
        payload={"outcome": "partly_accepted", "note": "Accepted for B-1.1."},
    )
    decision = decide(proposal, world)
    page = world.client_for(Role.ANONYMOUS).get(request.get_absolute_url()).content.decode()
    assert decision.log_entry is not None
    assert f'href="{decision.log_entry.get_absolute_url()}"' in page
    assert "Adopted on" in page
    request.refresh_from_db()
    assert request.status == AcceptanceStatus.PARTLY_ACCEPTED
    assert request.status_note == "Accepted for B-1.1."
    assert "Partly accepted: Accepted for B-1.1." in page


def test_the_answer_effect_needs_a_proposal_opened_from_a_request(world, crosswalk):
    proposal = make_proposal(status=ProposalStatus.DELIBERATION, body=assembly())
    with pytest.raises(ValidationError, match="not opened from an acceptance request"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=proposal,
            kind="acceptance_answer",
            payload={"outcome": "accepted"},
        )


def test_only_the_secretariat_records_an_answer_itself(world, crosswalk):
    request = submitted(world, crosswalk.alpha)
    with pytest.raises(PermissionDenied):
        services.acceptance_request_conclude(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            request=request,
            outcome=AcceptanceStatus.ACCEPTED,
        )
    services.acceptance_request_conclude(
        actor=world.users[Role.SECRETARIAT], request=request, outcome=AcceptanceStatus.DECLINED
    )
    request.refresh_from_db()
    assert request.status == AcceptanceStatus.DECLINED
    with pytest.raises(ValidationError, match="no longer be withdrawn"):
        services.acceptance_request_withdraw(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], request=request
        )


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE])
def test_only_the_secretariat_opens_a_proposal(world, crosswalk, role):
    request = submitted(world, crosswalk.alpha)
    response = world.client_for(role).post(
        reverse("governance:acceptance-open-proposal", args=[request.pk]),
        {"body": assembly().pk},
    )
    assert response.status_code == 403
    assert not AcceptanceProposal.objects.exists()


def test_a_draft_or_a_secretariat_level_request_opens_no_proposal(world, crosswalk):
    body = assembly()
    secretariat = world.client_for(Role.SECRETARIAT)
    for request in (
        draft(world, crosswalk.alpha),
        submitted(world, crosswalk.beta, disclosure=DisclosureLevel.SECRETARIAT),
    ):
        response = secretariat.post(
            reverse("governance:acceptance-open-proposal", args=[request.pk]), {"body": body.pk}
        )
        assert response.status_code == 302
        assert response.url == request.get_absolute_url()
    assert not AcceptanceProposal.objects.exists()


# --- Query budgets ---------------------------------------------------------------------------


def test_the_list_page_and_the_api_read_in_a_fixed_number_of_queries(
    world, crosswalk, django_assert_max_num_queries
):
    for index in range(12):
        request = draft(
            world,
            crosswalk.alpha if index % 2 else crosswalk.beta,
            organisation=world.own if index % 3 else world.other,
            statement=f"Statement {index}",
        )
        if index % 2:
            services.acceptance_request_submit(actor=SYSTEM, request=request)
    client, api = world.client_for(Role.MEMBER), api_for(world, Role.MEMBER)
    url = reverse("standards:acceptance-list")
    client.get(url)
    api.get("/api/v1/acceptance-requests/")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/acceptance-requests/").status_code == 200
