"""Forms guide (issue 15) on the governance forms outside proposals and consultations: after a
failed submit the page shows one error summary whose links name what to do ("Enter …",
"Choose …") and lead to the field, the same message beside the field, never Django's "This
field is required."; dates use a date input; texts published as formatted text say so."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from alliance_portal.roles import Role
from governance.ballots.models import ConflictDeclaration, Endorsement
from governance.decision_log.models import DecisionLogEntry
from governance.decision_log.services import decision_log_append
from governance.proposals.models import ProposalStatus
from governance.reports.models import TransparencyReport
from tests.governance.factories import make_proposal
from tests.governance.test_ballots_factories import close, open_ballot, vote
from tests.governance.test_decision_log import decision_record
from tests.guided import guided

pytestmark = pytest.mark.django_db


def test_the_conflict_declaration_says_what_to_choose(world) -> None:
    ballot = open_ballot()
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/governance/proposals/{ballot.proposal_id}/ballot/declaration/"
    html = rep.post(url, {"nature": ""}).content.decode()
    guided(
        html,
        {
            "Choose whether your organisation has a conflict of interest in this ballot": (
                "id_has_conflict_0"
            )
        },
    )
    assert not ConflictDeclaration.objects.exists()


def test_the_vote_form_marks_the_reason_optional_once(world) -> None:
    ballot = open_ballot(method="consent")
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    html = rep.get(f"/governance/proposals/{ballot.proposal_id}/ballot/vote/").content.decode()
    label = re.search(r'<label for="id_reason">(.*?)</label>', html, re.S)
    assert label
    assert label.group(1).count("optional") == 1
    assert "Reason (optional; required to object)" in label.group(1)


def test_the_endorsement_form_guides_and_uses_a_date_input(world) -> None:
    ballot = open_ballot(method="one_member_one_vote", threshold=Fraction(1, 2))
    vote(ballot, world.own, "yes")
    close(ballot)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{ballot.proposal_id}/decision/endorsement/"
    assert '<input type="date" name="endorsed_on"' in staff.get(url).content.decode()
    html = staff.post(url, {"evidence_url": "not a link"}).content.decode()
    guided(
        html,
        {
            "Choose the kind of endorser": "id_endorser_kind",
            "Enter the link to the evidence as a web address, like https://example.org": (
                "id_evidence_url"
            ),
            "Enter the date of the endorsement": "id_endorsed_on",
        },
    )
    assert not Endorsement.objects.exists()


def test_the_ballot_settings_say_what_to_enter(world) -> None:
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/ballot/settings/"
    html = staff.post(
        url, {"quorum": "", "threshold": "2/3", "effective_date": "2026-02-31"}
    ).content.decode()
    guided(
        html,
        {
            "Choose the method": "id_method_0",
            "Enter the quorum": "id_quorum",
            "Enter the date an adopted decision takes effect as a real date, for example "
            "27 3 2026": "id_effective_date",
        },
    )


def test_the_decision_change_form_guides_the_secretariat(world) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    staff = world.client_for(Role.SECRETARIAT)
    form = staff.get("/governance/decisions/1/change/").content.decode()
    assert '<input type="date" name="effective_date"' in form
    assert "You can use simple formatting" in form
    html = staff.post("/governance/decisions/1/change/", {"reason": ""}).content.decode()
    guided(
        html,
        {
            "Choose whether you amend, correct or withdraw the decision": "id_kind_0",
            "Enter the reason for the change": "id_reason",
        },
    )
    assert DecisionLogEntry.objects.count() == 1


def test_the_report_request_form_guides_the_secretariat(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    html = staff.post("/governance/reports/", {"year": "1999", "start": "soon"}).content.decode()
    guided(
        html,
        {
            "Choose the kind of report": "id_kind",
            "Enter the year from 2000 to 2100": "id_year",
            "Enter the first day of the period as a real date, for example 27 3 2026": ("id_start"),
        },
    )
    assert '<input type="date" name="start"' in html
    assert not TransparencyReport.objects.exists()
