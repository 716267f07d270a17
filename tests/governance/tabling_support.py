"""A small alliance for member-tabled proposals: the test world's own and other organisations
(civil society) and one organisation with a representative in each of two other chambers
(industry upstream, affected communities). Built through the services, as the system."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.test import Client

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.policy import SYSTEM
from governance.proposals import services
from governance.proposals.models import Proposal
from members import services as member_services
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind
from tests.conftest import create_user
from tests.governance.factories import TEXT, assembly


@dataclass
class Tabling:
    miner: Organisation
    community: Organisation
    miner_rep: User
    community_rep: User

    def client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


def _organisation(name: str, chamber: Chamber, kind: str, email: str) -> tuple[Organisation, User]:
    organisation = member_services.organisation_create(
        actor=SYSTEM,
        name=name,
        chamber=chamber,
        kind=kind,
        membership_status=MembershipStatus.ACTIVE,
        contact_email=f"contact@{email.split('@')[1]}",
    )
    rep = create_user(email)
    member_services.person_add(
        actor=SYSTEM, organisation=organisation, user=rep, is_representative=True
    )
    return organisation, rep


def tabling_world() -> Tabling:
    industry, _ = Chamber.objects.get_or_create(
        slug="industry-upstream", defaults={"name": "Industry upstream", "order": 1}
    )
    communities, _ = Chamber.objects.get_or_create(
        slug="affected-communities", defaults={"name": "Affected communities", "order": 5}
    )
    miner, miner_rep = _organisation(
        "Copperbelt Mining", industry, OrganisationKind.COMPANY, "rep@miner.example"
    )
    community, community_rep = _organisation(
        "Kolwezi Women Miners",
        communities,
        OrganisationKind.COMMUNITY_ORGANISATION,
        "rep@community.example",
    )
    return Tabling(miner, community, miner_rep, community_rep)


def draft(
    author: Organisation,
    *,
    title: str = "Grievance channel for artisanal miners",
    disclosure: str = DisclosureLevel.PUBLIC,
    **fields: Any,
) -> Proposal:
    return services.proposal_draft(
        actor=SYSTEM,
        organisation=author,
        body=assembly(),
        title=title,
        summary="Every member supports one shared grievance channel.",
        text=TEXT,
        disclosure=disclosure,
        **fields,
    )


def tabled(
    author: Organisation, sponsors: list[Organisation], now: datetime | None = None, **fields: Any
) -> Proposal:
    """A member's draft co-sponsored by ``sponsors`` and tabled (as the system)."""
    proposal = draft(author, **fields)
    for organisation in sponsors:
        services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=organisation)
    return services.proposal_table(actor=SYSTEM, proposal=proposal, now=now)
