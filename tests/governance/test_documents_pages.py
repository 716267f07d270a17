"""The documents library as its readers meet it: the list filters, searches and pages within a
query budget; a member adds their organisation's document and a new version; the secretariat
shares a document with an organisation and holds it; minutes and action evidence attach a
library document or upload one; the API lists by disclosure and uploads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.documents import services
from governance.documents.models import Document
from governance.documents.pdf import text_pdf

pytestmark = pytest.mark.django_db


def _add(title: str, level: str = "public", **fields) -> Document:
    return services.document_add(
        actor=SYSTEM,
        fields=services.DocumentFields(
            title=title,
            kind=fields.pop("kind", "briefing"),
            document_date=fields.pop("document_date", date(2026, 1, 5)),
            disclosure=level,
            **fields,
        ),
        file=SimpleUploadedFile("f.pdf", text_pdf([title])),
    )


def test_the_list_filters_searches_pages_and_keeps_its_query_budget(
    world, django_assert_max_num_queries
):
    for number in range(30):
        _add(f"Briefing number {number}", kind="briefing" if number % 2 else "position_paper")
    _add("Members-only cobalt briefing", "members")
    client = world.client_for(Role.MEMBER)
    with django_assert_max_num_queries(12):
        first = client.get("/documents/")
    assert first.status_code == 200
    body = first.content.decode()
    assert "31 documents" in body
    assert "Next page" in body
    with django_assert_max_num_queries(12):
        page = client.get("/documents/?kind=position_paper&page=1")
    assert "15 documents" in page.content.decode()
    found = world.client_for(Role.ANONYMOUS).get("/documents/?q=cobalt").content.decode()
    assert "0 documents" in found  # members-only: not for an anonymous visitor
    assert "1 document" in client.get("/documents/?q=cobalt").content.decode()
    api = world.client_for(Role.ANONYMOUS)
    with django_assert_max_num_queries(10):
        listed = api.get("/api/v1/documents/?page_size=50").json()
    assert listed["count"] == 30


def test_a_member_adds_a_document_and_a_new_version_on_the_pages(world):
    client = world.client_for(Role.MEMBER)
    response = client.post(
        "/documents/new/",
        {
            "title": "Our grievance mechanism",
            "kind": "position_paper",
            "document_date": "2026-02-01",
            "language": "fr",
            "disclosure": "members",
            "file": SimpleUploadedFile("grievance.pdf", text_pdf(["Grievance"])),
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{document.pk}/"
    assert document.organisation == world.own
    response = client.post(
        f"/documents/{document.pk}/versions/new/",
        {"file": SimpleUploadedFile("grievance-2.pdf", text_pdf(["Grievance, revised"]))},
    )
    assert response.status_code == 302
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Version 2" in page
    assert "Version 1" in page
    assert "SHA-256" in page
    refused = client.post(
        "/documents/new/",
        {
            "title": "A program",
            "kind": "other",
            "document_date": "2026-02-01",
            "language": "en",
            "disclosure": "members",
            "file": SimpleUploadedFile("program.pdf", b"MZ\x90\x00" + b"\x00" * 64),
        },
    )
    assert refused.status_code == 200
    assert "not one the library takes" in refused.content.decode()
    assert Document.objects.count() == 1


def test_the_secretariat_shares_and_holds_on_the_pages(world):
    document = _add("Confidential audit", "secretariat")
    staff = world.client_for(Role.SECRETARIAT)
    response = staff.post(f"/documents/{document.pk}/share/", {"organisation": world.own.pk})
    assert response.status_code == 302
    member = world.client_for(Role.MEMBER)
    assert member.get(f"/documents/{document.pk}/").status_code == 200
    assert staff.post(f"/documents/{document.pk}/hold/").status_code == 302
    assert member.get(f"/documents/{document.pk}/").status_code == 404
    staff.post(f"/documents/{document.pk}/hold/", {"release": "yes"})
    assert member.get(f"/documents/{document.pk}/").status_code == 200


def test_minutes_attach_a_library_document_or_upload_one(world):
    from governance.meetings import services as meetings
    from tests.governance.factories import assembly

    starts = timezone.now() - timedelta(days=3)
    meeting = meetings.meeting_schedule(
        actor=SYSTEM,
        body=assembly(),
        title="Spring assembly",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Lubumbashi",
    )
    staff = world.client_for(Role.SECRETARIAT)
    response = staff.post(
        f"/governance/meetings/{meeting.pk}/minutes/",
        {
            "text": "The assembly met.",
            "disclosure": "public",
            "file": SimpleUploadedFile("minutes.pdf", text_pdf(["The assembly met."])),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.minutes.refresh_from_db()
    document = meeting.minutes.document
    assert document.kind == "minutes"
    assert document.disclosure == "public"
    assert document.body == meeting.body
    page = world.client_for(Role.ANONYMOUS).get(f"/governance/meetings/{meeting.pk}/")
    assert f"/documents/{document.pk}/" in page.content.decode()
    narrow = _add("Secret minutes", "secretariat", kind="minutes")
    refused = staff.post(
        f"/governance/meetings/{meeting.pk}/minutes/",
        {"text": "The assembly met.", "disclosure": "public", "document": narrow.pk},
    )
    assert refused.status_code == 200
    assert "read by fewer people" in refused.content.decode()


def test_action_evidence_comes_from_the_library(world):
    from governance.actions import services as actions
    from tests.governance.actions_support import action, decision

    item = action(world.own, on=decision("Evidence decision"), title="Audit the smelters")
    evidence = _add("Smelter audit report")
    update = actions.action_progress_post(
        actor=world.users[Role.MEMBER], item=item, text="Audited.", evidence_document=evidence
    )
    assert update.evidence_document == evidence
    page = world.client_for(Role.ANONYMOUS).get(item.get_absolute_url()).content.decode()
    assert f"/documents/{evidence.pk}/" in page
    hidden = _add("Hidden report", "secretariat")
    with pytest.raises(Exception, match="library that you may read"):
        actions.action_progress_post(
            actor=world.users[Role.MEMBER], item=item, text="Again.", evidence_document=hidden
        )
