"""A member's proposal, before its consultation: its author withdraws it with a reason kept in
its story (co-sponsors told), and the secretariat admits it with a consultation that opens at
a time it chooses, both ends checked against the body's constitution."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.proposals import services
from governance.proposals.models import ProposalStatus
from tests.governance.tabling_support import draft, tabled, tabling_world

S = ProposalStatus
pytestmark = pytest.mark.django_db


def test_the_author_withdraws_its_tabled_proposal_and_co_sponsors_are_told(world) -> None:
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE]
    with pytest.raises(ValidationError):
        services.proposal_withdraw_own(actor=rep, proposal=proposal, reason=" ")
    services.proposal_withdraw_own(
        actor=rep, proposal=proposal, reason="Merged into the miners' own proposal."
    )
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN
    story = proposal.status_changes.get(to_status=S.WITHDRAWN)
    assert "Merged into the miners' own proposal." in story.reason
    told = set(
        OutboundEmail.objects.filter(subject__startswith="Withdrawn by its author").values_list(
            "recipient", flat=True
        )
    )
    assert {"rep@miner.example", "rep@community.example", "secretariat@example.org"} <= told


def test_only_the_author_representative_withdraws_and_not_once_in_consultation(world) -> None:
    alliance = tabling_world()
    own_draft = draft(world.own)
    for user in (world.users[Role.MEMBER], world.users[Role.SECRETARIAT], alliance.miner_rep):
        with pytest.raises(PermissionDenied):
            services.proposal_withdraw_own(actor=user, proposal=own_draft, reason="No.")
    proposal = tabled(world.own, [alliance.miner, alliance.community], title="Admitted one")
    services.proposal_admit(
        actor=SYSTEM, proposal=proposal, consultation_closes_at=timezone.now() + timedelta(days=20)
    )
    with pytest.raises(ValidationError, match="only before its consultation opens"):
        services.proposal_withdraw_own(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], proposal=proposal, reason="Late."
        )
    proposal.refresh_from_db()
    assert proposal.status == S.CONSULTATION


def test_the_withdraw_page_asks_for_a_reason_then_withdraws(world) -> None:
    own_draft = draft(world.own)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    page = rep.get(own_draft.get_absolute_url()).content.decode()
    assert f"/governance/proposals/{own_draft.pk}/withdraw/" in page
    url = f"/governance/proposals/{own_draft.pk}/withdraw/"
    assert "Withdraw the proposal" in rep.get(url).content.decode()
    empty = rep.post(url, {"reason": ""})
    assert "Say why the proposal is withdrawn" in empty.content.decode()
    done = rep.post(url, {"reason": "We drafted it twice."})
    assert done.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == S.WITHDRAWN
    member_page = world.client_for(Role.MEMBER).get(own_draft.get_absolute_url()).content.decode()
    assert f"/governance/proposals/{own_draft.pk}/withdraw/" not in member_page


def test_the_api_withdraws_for_the_author_only(world, api_for) -> None:
    own_draft = draft(world.own)
    url = f"/api/v1/proposals/{own_draft.pk}/withdraw/"
    assert api_for(Role.SECRETARIAT).post(url, {"reason": "No."}).status_code == 403
    answer = api_for(Role.ORGANISATION_REPRESENTATIVE).post(url, {"reason": "Drafted twice."})
    assert answer.status_code == 200
    assert answer.json()["status"] == "withdrawn"


def test_admission_schedules_the_opening_and_the_beat_opens_it(world) -> None:
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    now = timezone.now()
    opens, closes = now + timedelta(days=3), now + timedelta(days=25)
    services.proposal_admit(
        actor=SYSTEM,
        proposal=proposal,
        consultation_opens_at=opens,
        consultation_closes_at=closes,
        now=now,
    )
    proposal.refresh_from_db()
    assert proposal.status == S.TABLED
    assert proposal.consultation_opens_at == opens
    assert not proposal.admission_is_overdue
    told = OutboundEmail.objects.filter(subject__startswith="Admitted to consultation")
    assert told.exists()
    assert all("opens on" in email.body for email in told)
    with pytest.raises(ValidationError, match="admitted already"):
        services.proposal_admit(actor=SYSTEM, proposal=proposal, consultation_closes_at=closes)

    assert services.consultations_open_due(actor=SYSTEM, now=now + timedelta(days=1)) == []
    assert services.consultations_open_due(actor=SYSTEM, now=opens) == [proposal.pk]
    proposal.refresh_from_db()
    assert proposal.status == S.CONSULTATION
    assert "opened on schedule" in proposal.status_changes.latest("changed_at").reason


def test_a_scheduled_window_shorter_than_the_constitution_is_refused_quoting_it(world) -> None:
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.proposal_admit(
            actor=SYSTEM,
            proposal=proposal,
            consultation_opens_at=now + timedelta(days=10),
            consultation_closes_at=now + timedelta(days=12),
            now=now,
        )
    assert "requires a consultation of at least 14 days" in str(refused.value)
    with pytest.raises(ValidationError, match="opens now or at a time in the future"):
        services.proposal_admit(
            actor=SYSTEM,
            proposal=proposal,
            consultation_opens_at=now - timedelta(days=2),
            consultation_closes_at=now + timedelta(days=20),
            now=now,
        )
    proposal.refresh_from_db()
    assert proposal.status == S.TABLED
    assert proposal.consultation_opens_at is None


def test_the_admit_page_and_api_take_an_opening_time(world, api_for) -> None:
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    later = timezone.now() + timedelta(days=2)
    staff = world.client_for(Role.SECRETARIAT)
    done = staff.post(
        f"/governance/proposals/{proposal.pk}/admit/",
        {
            "consultation_opens_at": later.strftime("%Y-%m-%dT%H:%M"),
            "consultation_closes_at": (later + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert done.status_code == 302
    page = staff.get(proposal.get_absolute_url()).content.decode()
    assert "Admitted to consultation: it opens on" in page
    other = tabled(world.own, [alliance.miner, alliance.community], title="Second")
    answer = api_for(Role.SECRETARIAT).post(
        f"/api/v1/proposals/{other.pk}/admit/",
        {
            "consultation_opens_at": later.isoformat(),
            "consultation_closes_at": (later + timedelta(days=5)).isoformat(),
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "at least 14 days" in answer.content.decode()
