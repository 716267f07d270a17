"""The documents library: uploads are checked before anything is stored (an executable renamed
.pdf, a PDF with JavaScript, an oversize file, a name like ../../x.pdf are refused and nothing
is stored), files are served as attachments after the access check, documents are read by
level, own organisation and share (B, A's competitor, never reads what was shared with A),
versions keep their sha256, search reads the text of PDFs, and a legal hold keeps a document
for the secretariat until it is released."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.test.client import encode_multipart
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.documents import selectors, services
from governance.documents.models import Document, DocumentVersion
from governance.documents.pdf import text_pdf
from members.pdf_check import minimal_pdf

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def _fields(**changes) -> services.DocumentFields:
    values = {
        "title": "Position paper on cobalt",
        "kind": "position_paper",
        "document_date": date(2026, 3, 1),
        "disclosure": "members",
    }
    return services.DocumentFields(**{**values, **changes})


def _pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('x')"),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(*, macro: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00")
    return out.getvalue()


def _stored() -> list[str]:
    try:
        return default_storage.listdir("documents")[1]
    except FileNotFoundError:
        return []


def _upload(world, data: bytes, name: str = "paper.pdf", role: Role = Role.SECRETARIAT):
    return services.document_add(
        actor=world.users[role], fields=_fields(), file=SimpleUploadedFile(name, data)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (EXECUTABLE, "not one the library takes"),
        (_pdf_with_javascript(), "scripts, macros or attached files"),
        (_docx(macro=True), "scripts, macros or attached files"),
        (b"<html><script>alert(1)</script></html>", "not one the library takes"),
        (b"%PDF-1.4 not really", "damaged"),
    ],
    ids=["executable-renamed-pdf", "pdf-with-javascript", "docx-with-macros", "html", "broken"],
)
def test_a_refused_upload_stores_nothing(world, data, message):
    before = _stored()
    with pytest.raises(ValidationError, match=message):
        _upload(world, data)
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert _stored() == before


def test_an_oversize_file_is_refused_before_it_is_read(world, settings):
    before = _stored()
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    read: list[tuple] = []

    class Spy(io.BytesIO):
        def read(self, *args):
            read.append(args)
            return super().read(*args)

    data = minimal_pdf() + b"\n" * 2048
    upload = UploadedFile(file=Spy(data), name="big.pdf", size=len(data))
    with pytest.raises(ValidationError, match="The file may be at most"):
        services.document_add(actor=world.users[Role.SECRETARIAT], fields=_fields(), file=upload)
    assert read == []
    assert not Document.objects.exists()
    assert _stored() == before


def test_a_name_naming_a_path_is_refused(world):
    before = _stored()
    upload = SimpleUploadedFile("x.pdf", minimal_pdf())
    upload._name = "../../x.pdf"  # type: ignore[attr-defined]  # (not through Django's parser)
    with pytest.raises(ValidationError, match="Rename the file"):
        services.document_add(actor=world.users[Role.SECRETARIAT], fields=_fields(), file=upload)
    assert not Document.objects.exists()
    assert _stored() == before


def test_the_page_refuses_a_path_in_the_file_name_and_stores_nothing(world):
    client = world.client_for(Role.SECRETARIAT)
    data = {
        "title": "Travelling paper",
        "kind": "briefing",
        "document_date": "2026-03-01",
        "language": "en",
        "disclosure": "members",
        "file": SimpleUploadedFile("x.pdf", minimal_pdf(), "application/pdf"),
    }
    # The test client sends a file's base name: write the name a client could send.
    body = encode_multipart("Zboundary", data).replace(b'"x.pdf"', b'"../../x.pdf"')
    before = _stored()
    response = client.post(
        "/documents/new/", body, content_type="multipart/form-data; boundary=Zboundary"
    )
    assert response.status_code == 200
    assert "Rename the file" in response.content.decode()
    assert not Document.objects.exists()
    assert _stored() == before


def test_the_api_refuses_a_path_in_the_file_name(world, api_for):
    before = _stored()
    api = api_for(Role.SECRETARIAT)
    response = api.post(
        "/api/v1/documents/",
        {
            "title": "Travelling paper",
            "kind": "briefing",
            "document_date": "2026-03-01",
            "file": SimpleUploadedFile("..\\..\\x.pdf", minimal_pdf(), "application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 400, response.content
    assert "file" in response.json()
    assert not Document.objects.exists()
    assert _stored() == before


def test_an_oversize_body_is_refused_with_413(world, settings):
    client = world.client_for(Role.SECRETARIAT)
    response = client.post(
        "/documents/new/",
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_a_sound_upload_is_stored_under_a_generated_name_with_its_sha256(world):
    data = minimal_pdf()
    document = _upload(world, data, name="Cobalt paper.pdf")
    version = document.versions.get()
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.file.name.startswith("documents/")
    assert version.file.name.endswith(".pdf")
    assert "Cobalt" not in version.file.name
    assert version.original_name == "Cobalt paper.pdf"
    docx = services.document_add_version(
        actor=world.users[Role.SECRETARIAT],
        document=document,
        file=SimpleUploadedFile("paper.docx", _docx()),
    )
    assert docx.number == 2
    assert docx.extension == "docx"
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]


def test_downloads_are_attachments_after_the_access_check(world):
    document = _upload(world, minimal_pdf())
    url = f"/documents/{document.pk}/download/"
    anonymous = world.client_for(Role.ANONYMOUS).get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert world.client_for(Role.EXTERNAL_STAKEHOLDER).get(url).status_code == 404
    response = world.client_for(Role.MEMBER).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    api = world.client_for(Role.ANONYMOUS).get(f"/api/v1/documents/{document.pk}/download/")
    assert api.status_code in {401, 403}


def _shared_with_own(world) -> Document:
    document = services.document_add(
        actor=world.users[Role.SECRETARIAT],
        fields=_fields(title="Smelter audit summary", disclosure="secretariat"),
        file=SimpleUploadedFile("audit.pdf", minimal_pdf()),
    )
    services.document_share(actor=SYSTEM, document=document, organisation=world.own)
    return document


def test_a_document_shared_with_a_is_not_read_by_its_competitor_b(world, make_user):
    from members.services import person_add

    document = _shared_with_own(world)
    b_person = make_user("b-member@example.org")
    person_add(actor=SYSTEM, organisation=world.other, user=b_person)
    assert selectors.readable(world.users[Role.MEMBER]).filter(pk=document.pk).exists()
    assert not selectors.readable(b_person).filter(pk=document.pk).exists()
    assert not selectors.readable(world.users[Role.CIVIL_SOCIETY_REVIEWER]).filter(pk=document.pk)
    client = world.client_for(Role.ANONYMOUS)
    client.force_login(b_person)
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    assert client.get(f"/documents/{document.pk}/download/").status_code == 404
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert world.client_for(Role.MEMBER).get(f"/documents/{document.pk}/").status_code == 200


def test_taking_a_share_back_takes_the_read_back(world):
    document = _shared_with_own(world)
    services.document_unshare(actor=SYSTEM, share=document.shares.get())
    assert not selectors.readable(world.users[Role.MEMBER]).filter(pk=document.pk).exists()


def test_a_member_adds_their_own_organisations_document_and_may_not_share_it(world):
    member = world.users[Role.MEMBER]
    document = services.document_add(
        actor=member,
        fields=_fields(disclosure="secretariat"),
        file=SimpleUploadedFile("ours.csv", b"site,tonnes\nKolwezi,12\n"),
    )
    assert document.organisation == world.own
    assert document.uploaded_by == member
    with pytest.raises(PermissionDenied):
        services.document_share(actor=member, document=document, organisation=world.other)
    with pytest.raises(PermissionDenied):
        services.document_add(actor=world.users[Role.EXTERNAL_STAKEHOLDER], fields=_fields())


def test_search_reads_titles_descriptions_and_the_text_of_pdfs(world):
    document = _upload(world, text_pdf(["Artisanal tantalum traceability"]))
    member = world.users[Role.MEMBER]
    found = selectors.document_list(user=member, filters=selectors.DocumentFilters(q="tantalum"))
    assert list(found) == [document]
    by_title = selectors.DocumentFilters(q="cobalt")
    assert list(selectors.document_list(user=member, filters=by_title)) == [document]
    missing = selectors.DocumentFilters(q="lithium")
    assert not selectors.document_list(user=member, filters=missing).exists()


def test_a_legal_hold_keeps_a_document_for_the_secretariat_until_released(world):
    document = _shared_with_own(world)
    services.document_update(actor=SYSTEM, document=document, changes={"disclosure": "public"})
    services.document_hold(actor=world.users[Role.SECRETARIAT], document=document)
    for role in (Role.ANONYMOUS, Role.MEMBER, Role.CIVIL_SOCIETY_REVIEWER):
        client = world.client_for(role)
        assert client.get(f"/documents/{document.pk}/").status_code in {302, 404}
        assert str(document.title) not in client.get("/documents/").content.decode()
    assert world.client_for(Role.SECRETARIAT).get(f"/documents/{document.pk}/").status_code == 200
    with pytest.raises(PermissionDenied):
        services.document_release_hold(actor=world.users[Role.MEMBER], document=document)
    services.document_release_hold(actor=world.users[Role.SECRETARIAT], document=document)
    document.refresh_from_db()
    assert document.legal_hold_released_by == world.users[Role.SECRETARIAT]
    assert document.legal_hold_released_at is not None
    assert world.client_for(Role.ANONYMOUS).get(f"/documents/{document.pk}/").status_code == 200
