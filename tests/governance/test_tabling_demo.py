"""The demo's member-tabled proposals (issue 16, item 7): one admitted to consultation after
co-sponsors from two other chambers, one declined with its published reason."""

from __future__ import annotations

import re

from django.test import Client

from governance.proposals.demo_tabling import ADMITTED, AWAITING, DECLINED
from governance.proposals.models import Proposal, ProposalOrigin, ProposalStatus


def test_demo_has_an_admitted_and_a_declined_member_proposal(demo) -> None:
    admitted = Proposal.objects.get(title=ADMITTED)
    assert admitted.origin == ProposalOrigin.MEMBER
    assert admitted.status == ProposalStatus.CONSULTATION
    assert admitted.proposed_by is not None
    author_chamber = admitted.proposed_by.chamber_id
    other_chambers = set(
        admitted.sponsors.exclude(chamber_id=author_chamber).values_list("chamber", flat=True)
    )
    assert len(other_chambers) >= 2
    steps = list(admitted.status_changes.order_by("pk").values_list("to_status", flat=True))
    assert steps == ["tabled", "consultation"]

    declined = Proposal.objects.get(title=DECLINED)
    assert declined.status == ProposalStatus.DECLINED
    page = re.sub(r"\s+", " ", Client().get(declined.get_absolute_url()).content.decode())
    assert "formalise artisanal mining rather than exclude it" in page
    assert "Declined by the secretariat on" in page
    assert Proposal.objects.get(title=AWAITING).status == ProposalStatus.TABLED

    listing = Client().get("/governance/proposals/?q=artisanal").content.decode()
    assert "Lualaba Women Miners" in listing
