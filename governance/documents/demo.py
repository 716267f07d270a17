"""Demo data of the documents library (issue 20, item 2): the assembly's minutes as a PDF
attached to its published minutes, a public position paper, a members-level briefing kept as a
link, and an organisation's secretariat-level audit summary shared with another member (a real
small PDF each, whose text the search reads). Idempotent (by title); everything goes through
the use cases, as the system."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.bodies.models import Body
from governance.documents import services
from governance.documents.models import Document, DocumentKind
from governance.documents.pdf import text_pdf
from governance.meetings import services as meetings
from governance.meetings.models import MeetingMinutes
from members.models import MembershipStatus, Organisation

PAPER = "Position paper: due diligence beyond the mine site"
BRIEFING = "Briefing: the draft EU battery due diligence guidance"
AUDIT = "Audit summary: smelter third-party audit 2026"


def _pdf(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text_pdf(lines), "application/pdf")


def seed() -> None:
    today = timezone.localdate()
    body = Body.objects.order_by("order", "name").first()
    _minutes()
    if not Document.objects.filter(title=PAPER).exists():
        services.document_add(
            actor=SYSTEM,
            fields=services.DocumentFields(
                title=PAPER,
                kind=DocumentKind.POSITION_PAPER,
                document_date=today - timedelta(days=40),
                disclosure="public",
                description="Why the alliance asks for due diligence along the whole chain, "
                "from artisanal sites to refiners.",
                body=body,
            ),
            file=_pdf(
                "position-paper.pdf",
                [
                    PAPER,
                    "Responsible sourcing does not stop at the mine gate.",
                    "Artisanal cobalt and tantalum sites need traceability and remediation.",
                ],
            ),
        )
    if not Document.objects.filter(title=BRIEFING).exists():
        services.document_add(
            actor=SYSTEM,
            fields=services.DocumentFields(
                title=BRIEFING,
                kind=DocumentKind.BRIEFING,
                document_date=today - timedelta(days=20),
                disclosure="members",
                description="What the draft guidance asks of battery makers and their suppliers.",
                link="https://example.org/alliance/briefings/battery-due-diligence",
            ),
        )
    _audit(today)


def _minutes() -> None:
    """The first public minutes not yet approved get their PDF from the library."""
    minutes = (
        MeetingMinutes.objects.filter(
            disclosure="public", document__isnull=True, approved_at__isnull=True
        )
        .select_related("meeting")
        .first()
    )
    if minutes is None:
        return
    meetings.meeting_minutes_publish(
        actor=SYSTEM,
        meeting=minutes.meeting,
        text=minutes.text,
        disclosure=minutes.disclosure,
        file=_pdf(
            "minutes.pdf",
            [f"Minutes: {minutes.meeting.title}", *minutes.text.splitlines()[:40]],
        ),
        now=minutes.published_at,
    )


def _audit(today: date) -> None:
    active = list(
        Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by("name")[:2]
    )
    if len(active) < 2 or Document.objects.filter(title=AUDIT).exists():
        return
    audited, buyer = active
    document = services.document_add(
        actor=SYSTEM,
        fields=services.DocumentFields(
            title=AUDIT,
            kind=DocumentKind.AUDIT_SUMMARY,
            document_date=today - timedelta(days=10),
            disclosure="secretariat",
            description=f"The summary of {audited.name}'s third-party audit, shared with "
            f"{buyer.name}, which buys from it.",
            organisation=audited,
        ),
        file=_pdf(
            "audit-summary.pdf",
            [AUDIT, f"Audited: {audited.name}", "Findings: two minor non-conformities, closed."],
        ),
    )
    services.document_share(actor=SYSTEM, document=document, organisation=buyer)
