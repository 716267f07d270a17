"""Marker rows planted in the matrix's world, at each disclosure level and ownership, whose
unique strings ``test_leaks`` looks for in every list, feed, export and search output.

``SEEN_BY`` says, for each marker, which roles may see it. It is written by hand from
DESIGN.md §2 (a person sees an item when their role reaches its level, or it belongs to their
own organisation; the matrix's member and representative are people of A, ``world.own``; B,
``world.other``, is A's competitor in the same chamber), never recorded from responses.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from alliance_portal.roles import Role

R = Role
ALL = frozenset(Role)
STAFF = frozenset({R.SECRETARIAT, R.SUPERUSER})
# Roles whose level reaches "members": the member and the representative (of A), the
# civil-society reviewer, the staff. Not the external stakeholder, not the anonymous visitor.
MEMBERS_LEVEL = STAFF | {R.MEMBER, R.ORGANISATION_REPRESENTATIVE, R.CIVIL_SOCIETY_REVIEWER}
# The people of A: they also see A's own items at any level.
PEOPLE_OF_A = frozenset({R.MEMBER, R.ORGANISATION_REPRESENTATIVE})

SEEN_BY: dict[str, frozenset[Role]] = {
    # An organisation that applied and is not yet a member: secretariat-level.
    "Zmkapplicantorg": STAFF,
    # A country's risk notes, one per level (no owner).
    "Zmkriskpublic": ALL,
    "Zmkriskmembers": MEMBERS_LEVEL,
    "Zmkrisksecretariat": STAFF,
    # A members-level proposal (in consultation), beside a public one.
    "Zmkpublicproposal": ALL,
    "Zmkmembersproposal": MEMBERS_LEVEL,
    # Consultation comments: shown to all; held or rejected only to those who moderate.
    "Zmkshowncomment": ALL,
    "Zmkheldcomment": STAFF,
    "Zmkrejectedcomment": STAFF,
    # A concept still proposed is members-level; an agreed one is public.
    "Zmkagreedconcept": ALL,
    "Zmkproposedconcept": MEMBERS_LEVEL,
    # Usage notes by level and owner: A's secretariat-level note is A's people's too; B's is
    # not (B is A's competitor).
    "Zmknoteownsecretariat": STAFF | PEOPLE_OF_A,
    "Zmknoteothersecretariat": STAFF,
    "Zmknoteothermembers": MEMBERS_LEVEL,
    "Zmknoteownpublic": ALL,
    # People of A and of B by their own disclosure level (tests/conftest.py's world).
    "own public person": ALL,
    "own members person": MEMBERS_LEVEL,
    "own secretariat person": STAFF | PEOPLE_OF_A,
    "other public person": ALL,
    "other members person": MEMBERS_LEVEL,
    "other secretariat person": STAFF,
    # Certifications (their sites) by level and owner: A's secretariat-level one is A's too.
    "Zmkcertownsecretariat": STAFF | PEOPLE_OF_A,
    "Zmkcertownpublic": ALL,
    "Zmkcertothermembers": MEMBERS_LEVEL,
    "Zmkcertothersecretariat": STAFF,
    # RS report answers (their narratives) by level and owner, in submitted reports: A's
    # secretariat-level answer is A's people's too; B's members- and secretariat-level ones
    # are not. B's draft is read by B's people only (none of the matrix's roles).
    "Zmkanswerownsecretariat": STAFF | PEOPLE_OF_A,
    "Zmkanswerownpublic": ALL,
    "Zmkanswerothermembers": MEMBERS_LEVEL,
    "Zmkanswerothersecretariat": STAFF,
    "Zmkanswerotherdraft": frozenset(),
    # Downstream demands (their notes): read by the buyer's own people and the secretariat;
    # everyone else sees only counts. The applicant (Zmkapplicantorg, above) is a buyer too:
    # its name must never show in the aggregates.
    "Zmkdemandown": STAFF | PEOPLE_OF_A,
    "Zmkdemandother": STAFF,
    # Acceptance requests (their statements): a draft is its organisation's and the
    # secretariat's whatever its level; a submitted one is read at its level.
    "Zmkacceptdraftown": STAFF | PEOPLE_OF_A,
    "Zmkacceptdraftother": STAFF,
    "Zmkacceptpublic": ALL,
    "Zmkacceptmembers": MEMBERS_LEVEL,
    "Zmkacceptsecretariat": STAFF,
    # Action items after an adopted decision about CD, by level and owner: A's
    # secretariat-level action is A's people's too; B's is not.
    "Zmkactionpublic": ALL,
    "Zmkactionmembers": MEMBERS_LEVEL,
    "Zmkactionothersecretariat": STAFF,
    "Zmkactionownsecretariat": STAFF | PEOPLE_OF_A,
    # Initiatives (tests/access/cases/governance_initiatives.py): a public one and B's
    # members-level one; how much B pledged to the public one is members-level (as pages and
    # as the API write the amount), only the totals per currency are public.
    "Zmkpublicinitiative": ALL,
    "Zmkmembersinitiative": MEMBERS_LEVEL,
    "48,213.57": MEMBERS_LEVEL,
    "48213.57": MEMBERS_LEVEL,
    # Meeting minutes by level (the meetings themselves are public).
    "Zmkminutespublic": ALL,
    "Zmkminutesmembers": MEMBERS_LEVEL,
    "Zmkminutessecretariat": STAFF,
    # Agenda items of the public-minutes meeting: one held for legal review (the secretariat
    # only, competition law), one held and released by counsel (everyone).
    "Zmkagendaheld": STAFF,
    "Zmkagendareleased": ALL,
    # Meeting requests: read by their requester and the secretariat only. A's representative
    # asked for one (A's member does not read it); someone outside every role asked another.
    "Zmkrequestbyrep": STAFF | {R.ORGANISATION_REPRESENTATIVE},
    "Zmkrequestbyoutsider": STAFF,
    # Library documents (tests/access/cases/governance_documents.py): one per level; B's
    # secretariat-level one shared with A; the alliance's shared with B; a public one held
    # for legal review.
    "Zmkdocpublic": ALL,
    "Zmkdocmembers": MEMBERS_LEVEL,
    "Zmkdocsecretariat": STAFF,
    "Zmkdocsharedown": STAFF | PEOPLE_OF_A,
    "Zmkdocsharedother": STAFF,
    "Zmkdocheld": STAFF,
    # Commitment tiers: a draft is the secretariat's; an adopted one is public.
    "Zmktierdraft": STAFF,
    "Zmktieradopted": ALL,
    # The access log: a read of A's confidential material (its reason's words) is A's people's
    # and the secretariat's; a read of B's, the secretariat's only.
    "Zmkreadreasonown": STAFF | PEOPLE_OF_A,
    "Zmkreadreasonother": STAFF,
}


def plant(world) -> dict[str, Any]:
    """Create the marker rows (the people come with the world); return what URLs need."""
    from django.utils import timezone

    from alliance_portal.accounts.services import api_token_issue
    from alliance_portal.disclosure import DisclosureLevel as L
    from alliance_portal.policy import SYSTEM
    from glossary.services import usage_note_write
    from governance.consultations import services as consultations
    from governance.consultations.models import AuthorKind
    from governance.proposals.models import Proposal, ProposalStatus
    from members.models import CountryRiskNote, FocusCountry, MembershipStatus
    from members.services import organisation_create
    from tests.glossary.factories import agreed_concept, proposed_concept
    from tests.governance.factories import make_proposal

    applicant = organisation_create(
        actor=SYSTEM,
        name="Zmkapplicantorg",
        chamber=world.own.chamber,
        kind=world.own.kind,
        membership_status=MembershipStatus.APPLICANT,
        contact_email="zmk@applicant.example",
    )
    country, _ = FocusCountry.objects.get_or_create(country="CD", defaults={"role": "producer"})
    for level in L.values:
        CountryRiskNote.objects.create(
            country=country, title=f"Zmkrisk{level}", noted_on=date(2026, 2, 1), disclosure=level
        )
    consultation = ProposalStatus.CONSULTATION
    public = make_proposal(status=consultation, public_consultation=True, title="Zmkpublicproposal")
    members = make_proposal(status=consultation, disclosure=L.MEMBERS, title="Zmkmembersproposal")
    # Closing before the other modules' consultations (30 days), so the home page's few open
    # consultations, closing soonest first, include both markers.
    Proposal.objects.filter(pk__in=(public.pk, members.pk)).update(
        consultation_closes_at=timezone.now() + timedelta(days=20)
    )
    shown, held, rejected = (
        consultations.comment_record_received(
            actor=SYSTEM, proposal=public, text=text, author_kind=AuthorKind.EXTERNAL
        )
        for text in ("Zmkshowncomment", "Zmkheldcomment", "Zmkrejectedcomment")
    )
    consultations.comment_moderate(actor=SYSTEM, comment=shown, decision="approve")
    consultations.comment_moderate(
        actor=SYSTEM, comment=rejected, decision="reject", reason="Off topic."
    )
    proposed_concept("Zmkproposedconcept")
    one, two = agreed_concept("Zmkagreedconcept"), agreed_concept("Zmknotesconcept")
    for concept, text, level, organisation in (
        (one, "Zmknoteownsecretariat", L.SECRETARIAT, world.own),
        (one, "Zmknoteothersecretariat", L.SECRETARIAT, world.other),
        (two, "Zmknoteothermembers", L.MEMBERS, world.other),
        (two, "Zmknoteownpublic", L.PUBLIC, world.own),
    ):
        usage_note_write(
            actor=SYSTEM, concept=concept, text=text, disclosure=level, organisation=organisation
        )
    _plant_certifications(world)
    _plant_tiers(world)
    reports = _plant_reports(world)
    _plant_demands(world, applicant)
    _plant_acceptance(world)
    meetings = _plant_meetings(world)
    _plant_reads(world)
    # An API token of the member's own, for the token list's fields.
    api_token_issue(actor=world.users[Role.MEMBER], user=world.users[Role.MEMBER])
    return {
        "public_proposal": public,
        "noted_concepts": (one, two),
        "held": held,
        **_plant_actions(world),
        "meetings": meetings,
        "reports": reports,
    }


def _plant_reads(world) -> None:
    """The secretariat read A's and B's secretariat-level certifications, saying why ("other",
    in words that are markers)."""
    from django.contrib.contenttypes.models import ContentType

    from alliance_portal.models import AccessLogEntry
    from standards.models import Certification

    for certification in Certification.objects.filter(disclosure="secretariat"):
        owner = "own" if certification.organisation_id == world.own.pk else "other"
        AccessLogEntry.objects.create(
            user=world.users[Role.SECRETARIAT],
            content_type=ContentType.objects.get_for_model(Certification),
            object_id=str(certification.pk),
            object_repr=f"Certification {certification.pk}",
            owner_organisation_id=certification.organisation_id,
            reason="other",
            reason_detail=f"Zmkreadreason{owner}",
        )


def _plant_certifications(world) -> None:
    from alliance_portal.policy import SYSTEM
    from standards import services
    from standards.models import Standard, StandardKind, StandardVersion

    standard = Standard.objects.create(
        code="zmk-standard",
        title="Marker standard",
        short_name="ZMK",
        issuing_body="A certifier",
        kind=StandardKind.CERTIFICATION_STANDARD,
    )
    version = StandardVersion.objects.create(standard=standard, label="1.0", status="current")
    for organisation, owner, level in (
        (world.own, "own", "secretariat"),
        (world.own, "own", "public"),
        (world.other, "other", "members"),
        (world.other, "other", "secretariat"),
    ):
        services.certification_record(
            actor=SYSTEM,
            organisation=organisation,
            fields=services.CertificationFields(
                version=version,
                valid_from=date(2026, 1, 1),
                disclosure=level,
                sites=f"Zmkcert{owner}{level}",
            ),
        )


def _plant_tiers(world) -> None:
    from django.db import transaction

    from alliance_portal.policy import SYSTEM
    from standards import services

    def tier(name: str, rank: int):
        return services.tier_draft(
            actor=SYSTEM,
            fields=services.TierFields(name=name, rank=rank, further_requirements=[name]),
        )

    adopted = tier("Zmktieradopted", 60)
    with transaction.atomic():
        services.tier_adopt(
            actor=SYSTEM, tier=adopted, decision_ref="Decision 60", on=date(2026, 1, 1)
        )
    tier("Zmktierdraft", 61)


def _plant_reports(world) -> dict[str, Any]:
    """A cycle on the matrix's baseline (tests/access/cases/standards.py: B-1.1, B-1.2) with
    A's and B's submitted reports, one answer per level and owner; and B's draft in another."""
    from django.utils import timezone

    from alliance_portal.policy import SYSTEM
    from standards import services
    from standards.models import Element, StandardKind

    requirements = list(
        Element.objects.filter(
            version__standard__kind=StandardKind.ALLIANCE_BASELINE, kind="requirement"
        ).order_by("ref")
    )
    today = timezone.localdate()

    def cycle(title: str) -> Any:
        return services.reporting_cycle_open(
            actor=SYSTEM, title=title, opens_on=today - timedelta(days=10), due_on=today
        )

    def file(cycle: Any, organisation: Any, owner: str, levels: list[str], submit: bool) -> Any:
        answers = [
            services.AnswerFields(
                requirement=requirement,
                status="implemented",
                narrative=f"Zmkanswer{owner}{level}",
                disclosure="public" if level == "draft" else level,
            )
            for requirement, level in zip(requirements, levels, strict=True)
        ]
        version = services.report_save_draft(
            actor=SYSTEM, cycle=cycle, organisation=organisation, answers=answers
        )
        if submit:
            services.report_submit(actor=SYSTEM, report=version.report)
        return version.report

    marked = cycle("Zmk marker cycle")
    drafts = cycle("Zmk marker draft cycle")
    return {
        "cycle": marked,
        "own": file(marked, world.own, "own", ["secretariat", "public"], True),
        "other": file(marked, world.other, "other", ["members", "secretariat"], True),
        "other-draft": file(drafts, world.other, "other", ["draft", "draft"], False),
    }


def _plant_demands(world, applicant: Any) -> None:
    """A's, B's and the applicant's demands of their gold suppliers, all for one baseline
    requirement (an applicant's demand is not counted: the cell reads "fewer than 3")."""
    from alliance_portal.policy import SYSTEM
    from members.models import Organisation
    from standards import services
    from standards.models import Element
    from tests.access.cases import standards as standards_cases

    standards_cases.populate(world)
    buyers = (world.own, world.other, applicant)
    Organisation.objects.filter(pk__in=[buyer.pk for buyer in buyers]).update(
        value_chain_stages=["products"]
    )
    requirement = Element.objects.get(version__standard__code=standards_cases.BASELINE, ref="B-1.1")
    for buyer, note in zip(buyers, ("Zmkdemandown", "Zmkdemandother", ""), strict=True):
        buyer.refresh_from_db()
        services.demand_record(
            actor=SYSTEM, organisation=buyer, material="gold", elements=[requirement], note=note
        )


def _plant_acceptance(world) -> None:
    from alliance_portal.policy import SYSTEM
    from standards import services
    from standards.models import StandardVersion

    version = StandardVersion.objects.get(standard__code="zmk-standard", label="1.0")
    for organisation, marker, level, submit in (
        (world.own, "Zmkacceptdraftown", "public", False),
        (world.other, "Zmkacceptdraftother", "public", False),
        (world.other, "Zmkacceptpublic", "public", True),
        (world.other, "Zmkacceptmembers", "members", True),
        (world.other, "Zmkacceptsecretariat", "secretariat", True),
    ):
        made = services.acceptance_request_draft(
            actor=SYSTEM,
            organisation=organisation,
            fields=services.AcceptanceFields(
                version=version, statement=f"{marker} claim", disclosure=level
            ),
        )
        if submit:
            services.acceptance_request_submit(actor=SYSTEM, request=made)


def _plant_actions(world) -> dict[str, Any]:
    """Actions of A and B at each level on one adopted decision about CD; B's public one
    names a members-level person of B as responsible."""
    from alliance_portal.disclosure import DisclosureLevel as L
    from tests.governance.actions_support import action, decision

    adopted = decision("Zmk adopted decision", countries=["CD"])
    public = action(
        world.other,
        on=adopted,
        title="Zmkactionpublic",
        responsible=world.people["other-members"],
    )
    for title, level, owner in (
        ("Zmkactionmembers", L.MEMBERS, world.other),
        ("Zmkactionothersecretariat", L.SECRETARIAT, world.other),
        ("Zmkactionownsecretariat", L.SECRETARIAT, world.own),
    ):
        action(owner, on=adopted, title=title, disclosure=level)
    return {"public_action": public, "action_decision": adopted}


def _plant_meetings(world) -> dict[str, Any]:
    """Three past meetings whose minutes are public, members- and secretariat-level; two
    meeting requests (A's representative's, granted at the public one, and an outsider's)."""
    from django.utils import timezone

    from alliance_portal.models import User
    from alliance_portal.policy import SYSTEM
    from governance.meetings import services
    from tests.governance.factories import assembly

    body = assembly()
    now = timezone.now()
    meetings = {}
    for number, level in enumerate(("public", "members", "secretariat"), start=1):
        starts = now - timedelta(days=60 + number)
        meeting = services.meeting_schedule(
            actor=SYSTEM,
            body=body,
            title=f"Marker meeting {number}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Kolwezi",
            agenda=[
                services.AgendaInput(title=f"Zmkagenda{state}", legal_hold=True)
                for state in ("held", "released")
            ]
            if level == "public"
            else (),
        )
        services.meeting_minutes_publish(
            actor=SYSTEM, meeting=meeting, text=f"Zmkminutes{level} were taken.", disclosure=level
        )
        meetings[level] = meeting
    released = meetings["public"].agenda_items.get(title="Zmkagendareleased")
    services.agenda_item_release_hold(actor=SYSTEM, item=released)
    asked = now - timedelta(days=90)
    by_rep = services.meeting_request_create(
        actor=SYSTEM,
        requester=world.users[Role.ORGANISATION_REPRESENTATIVE],
        body=body,
        topic="Zmkrequestbyrep",
        details="Zmkrequestbyrep details",
        preferred_language="fr",
        now=asked,
    )
    services.meeting_request_schedule(actor=SYSTEM, request=by_rep, meeting=meetings["public"])
    outsider = User.objects.create_user(email="outsider@example.org", password=None)
    services.meeting_request_create(
        actor=SYSTEM,
        requester=outsider,
        body=body,
        topic="Zmkrequestbyoutsider",
        chamber=world.other.chamber,
        on_behalf_of="Zmkrequestbyoutsider community",
        preferred_language="sw",
        now=asked,
    )
    return meetings
