"""Demo data of meetings (issue 16, item 7): a General Assembly with attendance from every
chamber whose minutes were approved at the next session, a working group's meeting held at a
community's request and an upcoming one with registrations; two meeting requests, one granted
to a community organisation and one declined with its reason. Idempotent (by meeting title and
request topic); everything goes through the use cases, as the system."""

from __future__ import annotations

from datetime import datetime, timedelta

from alliance_portal.demo import DEMO_PASSWORD, DemoLogin, demo_logins_enabled
from alliance_portal.models import User
from alliance_portal.policy import SYSTEM
from governance.bodies.models import Body
from governance.decision_log.models import PublishedDecision
from governance.meetings import services
from governance.meetings.models import Meeting, MeetingRequest
from governance.proposals.models import Proposal
from members.models import Chamber, MembershipStatus, Organisation

DAY = timedelta(days=1)
ASSEMBLY = "General Assembly 2026, Lubumbashi"
EXTRAORDINARY = "Extraordinary General Assembly (online)"
KASULO = "Artisanal mining working group: meeting with the Kasulo residents' committee"
UPCOMING = "Artisanal mining working group: safe work at artisanal sites"

ASSEMBLY_MINUTES = """\
**Present:** organisations of all seven chambers (see the attendance by chamber).

The chair opened the assembly by reading the alliance's competition-law statement.

1. The minutes of the previous assembly were approved without change.
2. The secretariat presented the proposals in consultation; members asked for the public
   consultation on cobalt traceability to stay open for the full 60 days.
3. The assembly heard the report of the Working Group on Artisanal and Small-Scale Mining,
   including the Lualaba women miners' statement on safe work at artisanal sites.
4. Any other business: the next session will be held online, with interpretation into
   French and Kiswahili.
"""


def seed(now: datetime) -> list[DemoLogin]:
    """Seed the meetings and the meeting requests (once). In development the two requesters
    are demo logins (the demo password), so one can sign in and read one's own request."""
    found = [_requester_login(email, name) for email, name in REQUESTERS.values()]
    logins = [login for login in found if login is not None]
    if Meeting.objects.filter(title=ASSEMBLY).exists():
        return logins
    bodies = {body.slug: body for body in Body.objects.all()}
    if not {"general-assembly", "wg-artisanal-mining", "executive-board"} <= set(bodies):
        return logins
    per_chamber = _organisations_per_chamber()
    assembly = _assembly(bodies["general-assembly"], now, per_chamber)
    extraordinary = services.meeting_schedule(
        actor=SYSTEM,
        body=bodies["general-assembly"],
        title=EXTRAORDINARY,
        starts_at=now - 12 * DAY,
        ends_at=now - 12 * DAY + 2 * timedelta(hours=1),
        link="https://meet.example.org/alliance-assembly",
        languages=["en", "fr"],
        interpretation=["fr", "sw", "es"],
        agenda=[services.AgendaInput(title="Approval of the minutes of the last assembly")],
    )
    attending = [organisations[0] for organisations in per_chamber.values()]
    services.meeting_attendance_record(
        actor=SYSTEM, meeting=extraordinary, attended=attending, now=now - 12 * DAY
    )
    services.meeting_minutes_approve(
        actor=SYSTEM, meeting=assembly, at_meeting=extraordinary, now=now - 12 * DAY
    )
    _requests(bodies, now, per_chamber)
    return logins


def _organisations_per_chamber() -> dict[Chamber, list[Organisation]]:
    found: dict[Chamber, list[Organisation]] = {}
    for organisation in (
        Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
        .select_related("chamber")
        .order_by("chamber__order", "name")
    ):
        found.setdefault(organisation.chamber, []).append(organisation)
    return found


def _assembly(body: Body, now: datetime, per_chamber: dict[Chamber, list[Organisation]]) -> Meeting:
    """The assembly 75 days ago: agenda linking a proposal, a decision and a document; two
    organisations of each chamber registered, one of them attended; public minutes."""
    proposal = Proposal.objects.filter(disclosure="public").order_by("pk").first()
    decision = PublishedDecision.objects.order_by("decided_at").first()
    starts = now - 75 * DAY
    meeting = services.meeting_schedule(
        actor=SYSTEM,
        body=body,
        title=ASSEMBLY,
        starts_at=starts,
        ends_at=starts + 7 * timedelta(hours=1),
        place="Hotel Pullman, Avenue Kasaï, Lubumbashi",
        link="https://meet.example.org/alliance-assembly-2026",
        languages=["en", "fr"],
        interpretation=["fr", "sw", "zh"],
        agenda=[
            services.AgendaInput(title="Opening and approval of the agenda"),
            services.AgendaInput(
                title="Proposals in consultation",
                description="The secretariat presents the proposals and how to comment.",
                proposal=proposal,
            ),
            services.AgendaInput(
                title="Follow-up of the assembly's last decision",
                decision=decision,
            ),
            services.AgendaInput(
                title="Report of the artisanal mining working group",
                document_title="Working group report (PDF)",
                document_url="https://example.org/alliance/wg-asm-report-2026.pdf",
            ),
        ],
    )
    attended = []
    for organisations in per_chamber.values():
        for organisation in organisations[:2]:
            services.meeting_register(
                actor=SYSTEM, meeting=meeting, organisation=organisation, now=starts - 20 * DAY
            )
        attended.append(organisations[0])
    services.meeting_attendance_record(
        actor=SYSTEM, meeting=meeting, attended=attended, now=starts + timedelta(hours=8)
    )
    services.meeting_minutes_publish(
        actor=SYSTEM,
        meeting=meeting,
        text=ASSEMBLY_MINUTES,
        disclosure="public",
        statement_read=True,
        now=starts + 5 * DAY,
    )
    return meeting


# The people who ask for meetings: a community representative, and an expert.
REQUESTERS = {
    "community": ("neema.mwamba@demo.alliance.example", "Neema Mwamba"),
    "expert": ("lucas.ferreira@demo.alliance.example", "Lucas Ferreira"),
}


def _requester(key: str) -> User:
    """A requester's account, created by ``_requester_login``."""
    return User.objects.get(email=REQUESTERS[key][0])


def _requester_login(email: str, name: str) -> DemoLogin | None:
    """The requester's account: a demo login with the demo password in development (set on an
    account seeded earlier without one); outside development an account nobody signs in with
    (a request needs its requester)."""
    user = User.objects.filter(email=email).first()
    if not demo_logins_enabled():
        if user is None:
            User.objects.create_user(email=email, password=None, display_name=name)
        return None
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
    elif not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return DemoLogin("meeting_requester", user.email)


def _requests(
    bodies: dict[str, Body], now: datetime, per_chamber: dict[Chamber, list[Organisation]]
) -> None:
    chambers = {chamber.slug: chamber for chamber in Chamber.objects.all()}
    community = chambers.get("affected-communities-labour")
    experts = chambers.get("academia-technical-experts")
    if community is None or experts is None:
        return
    working_group = bodies["wg-artisanal-mining"]
    granted = services.meeting_request_create(
        actor=SYSTEM,
        requester=_requester("community"),
        body=working_group,
        meet_with="chair",
        topic="Relocation of artisanal mining sites near Kasulo",
        details="The residents' committee asks to be heard before any site is moved.",
        chamber=community,
        on_behalf_of="Kasulo residents' committee, Kolwezi",
        preferred_language="sw",
        now=now - 52 * DAY,
    )
    held = services.meeting_schedule(
        actor=SYSTEM,
        body=working_group,
        title=KASULO,
        starts_at=now - 30 * DAY,
        ends_at=now - 30 * DAY + 3 * timedelta(hours=1),
        place="Kasulo parish hall, Kolwezi",
        languages=["sw", "fr"],
        interpretation=["en"],
        agenda=[
            services.AgendaInput(title="The committee's concerns about relocation"),
            services.AgendaInput(title="What the working group can propose"),
        ],
    )
    services.meeting_request_schedule(
        actor=SYSTEM, request=granted, meeting=held, now=now - 45 * DAY
    )
    present = [
        organisation
        for chamber, organisations in per_chamber.items()
        if chamber.slug in {"industry-upstream", "civil-society", "affected-communities-labour"}
        for organisation in organisations[:1]
    ]
    services.meeting_attendance_record(
        actor=SYSTEM, meeting=held, attended=present, now=now - 30 * DAY
    )
    declined = services.meeting_request_create(
        actor=SYSTEM,
        requester=_requester("expert"),
        body=bodies["executive-board"],
        topic="Access to smelter audit reports for a doctoral study",
        chamber=experts,
        preferred_language="pt",
        now=now - 20 * DAY,
    )
    services.meeting_request_decline(
        actor=SYSTEM,
        request=declined,
        reason=(
            "The Executive Board does not hold individual audit reports. The Working Group "
            "on Traceability and Disclosure publishes aggregate findings and holds an open "
            "session each quarter: we have sent you its dates."
        ),
        now=now - 14 * DAY,
    )
    upcoming = services.meeting_schedule(
        actor=SYSTEM,
        body=working_group,
        title=UPCOMING,
        starts_at=now + 20 * DAY,
        ends_at=now + 20 * DAY + 4 * timedelta(hours=1),
        place="Alliance office, Kolwezi",
        link="https://meet.example.org/wg-asm",
        languages=["fr", "sw"],
        interpretation=["en"],
        agenda=[
            services.AgendaInput(title="Safe work at artisanal sites: first draft"),
            # Held for legal review (competition law): a joint letter to refiners could be
            # read as members coordinating their purchasing; counsel reads it first.
            services.AgendaInput(
                title="A joint letter to refiners on due-diligence expectations",
                description="Draft by two downstream members, for the working group's views.",
                legal_hold=True,
            ),
        ],
    )
    for organisation in present:
        services.meeting_register(actor=SYSTEM, meeting=upcoming, organisation=organisation)
    if not MeetingRequest.objects.filter(status="pending").exists():
        services.meeting_request_create(
            actor=SYSTEM,
            requester=_requester("community"),
            body=working_group,
            topic="Follow-up on the relocation of Kasulo sites",
            chamber=community,
            on_behalf_of="Kasulo residents' committee, Kolwezi",
            preferred_language="sw",
            now=now - 2 * DAY,
        )
