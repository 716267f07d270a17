"""The signed commitment letter: only a real PDF without scripts, attachments or a password is
stored; oversize bodies are refused unread; the letter of a rejected or withdrawn application
is deleted; it is always downloaded, never shown inline; robots get a 429 on the form."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.test import Client
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members import services
from members.models import ApplicationStatus, MembershipApplication
from members.pdf_check import MAX_LETTER_BYTES, check_letter, minimal_pdf
from tests.members.factories import submitted_application
from tests.members.test_applications import _form, _letter
from tests.security.figures import record

NOT_PDF = "not a PDF document we can read"
ACTIVE = "without attachments or scripts: print it to PDF again and upload that"

_JS = DictionaryObject(
    {
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('hello')"),
    }
)


def _pdf(change: Callable[[PdfWriter], object]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = _JS


def _names_tree_script(writer: PdfWriter) -> None:
    scripts = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("hello"), writer._add_object(_JS)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(scripts)}
    )


def _page_additional_action(writer: PdfWriter) -> None:
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _JS})


def _attachment_annotation(writer: PdfWriter) -> None:
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([]),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _html_in_a_pdf_comment() -> bytes:
    pdf = minimal_pdf()
    return pdf[:9] + b"%<html><script>alert(1)</script></html>\n" + pdf[9:]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>", NOT_PDF),
        (b"%PDF-1.4\n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", NOT_PDF),
        (_html_in_a_pdf_comment(), NOT_PDF),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", NOT_PDF),
        (_pdf(_open_action), ACTIVE),
        (_pdf(_names_tree_script), ACTIVE),
        (_pdf(_page_additional_action), ACTIVE),
        (_pdf(lambda writer: writer.add_attachment("prices.xlsx", b"secret")), ACTIVE),
        (_pdf(_attachment_annotation), ACTIVE),
        (_pdf(lambda writer: writer.encrypt("pw", algorithm="RC4-128")), "without a password"),
    ],
    ids=[
        "html-polyglot",
        "svg-polyglot",
        "html-in-a-valid-pdf",
        "no-pages",
        "open-action-script",
        "names-tree-script",
        "page-action",
        "embedded-file",
        "file-attachment-annotation",
        "encrypted",
    ],
)
def test_a_letter_that_is_not_a_plain_pdf_is_refused_and_nothing_stored(
    world, content, message
) -> None:
    response = Client().post(
        "/members/apply/", _form(world.own.chamber, commitment_letter=_letter(content))
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["commitment_letter"])
    assert message in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_a_real_pdf_is_accepted_and_stored_as_sent(world) -> None:
    letter = minimal_pdf()
    response = Client().post(
        "/members/apply/", _form(world.own.chamber, commitment_letter=_letter(letter))
    )
    assert "your application is received" in response.content.decode()
    stored = MembershipApplication.objects.get().commitment_letter
    with stored.open("rb") as handle:
        assert handle.read() == letter


class _UnreadableUpload(UploadedFile):
    """Announces 11 MB; reading it fails the test."""

    def __init__(self) -> None:
        super().__init__(file=io.BytesIO(), name="letter.pdf", size=MAX_LETTER_BYTES + 1)

    def read(self, *args: object) -> bytes:
        raise AssertionError("the oversize letter was read")


def test_an_oversize_letter_is_refused_on_its_size_before_it_is_read() -> None:
    with pytest.raises(ValidationError, match="at most 10 MB"):
        check_letter(_UnreadableUpload())


def test_a_letter_over_10_mb_gets_the_forms_error(world) -> None:
    big = minimal_pdf() + b"%" + b"x" * (MAX_LETTER_BYTES + 10)
    response = Client().post(
        "/members/apply/", _form(world.own.chamber, commitment_letter=_letter(big))
    )
    assert response.status_code == 200
    assert "at most 10 MB" in " ".join(response.context["form"].errors["commitment_letter"])
    assert not MembershipApplication.objects.exists()


def test_an_oversize_body_is_a_413_with_the_forms_words_before_anything_reads_it(world) -> None:
    # The body announces 30 MB; the CSRF check (enforced, no token sent) would read it and
    # refuse with a 403: the 413 comes first, and the form is shown again.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/members/apply/", _form(world.own.chamber), CONTENT_LENGTH=str(30 * 1024 * 1024)
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Your application was not sent: it was too large" in page
    assert "at most 10 MB" in page
    assert 'name="organisation_name"' in page
    assert not MembershipApplication.objects.exists()


def test_every_other_oversize_body_is_a_413_too(world) -> None:
    page = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "x"}, CONTENT_LENGTH=str(13 * 1024 * 1024)
    )
    assert page.status_code == 413
    assert "larger than the portal accepts (12 MB at most)" in page.content.decode()
    api = Client().post(
        "/api/v1/auth/token/", {}, content_type="application/json", CONTENT_LENGTH="99999999"
    )
    assert api.status_code == 413
    assert "12 MB at most" in api.json()["detail"]


@pytest.mark.parametrize(
    ("decision", "data", "words"),
    [
        ("reject", {"reason": "Not in the minerals value chain."}, "rejected"),
        ("withdraw", {}, "withdrawn"),
    ],
)
def test_the_letter_is_deleted_when_the_application_is_rejected_or_withdrawn(
    world, django_capture_on_commit_callbacks, decision, data, words
) -> None:
    application = submitted_application(world.own.chamber)
    name = application.commitment_letter.name
    assert default_storage.exists(name)
    staff = world.client_for(Role.SECRETARIAT)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/members/applications/{application.pk}/", {"decision": decision, **data}
        )
    assert response.status_code == 302
    assert not default_storage.exists(name)
    application.refresh_from_db()  # the record stays
    assert application.status == (
        ApplicationStatus.REJECTED if decision == "reject" else ApplicationStatus.WITHDRAWN
    )
    assert not application.commitment_letter
    page = staff.get(f"/members/applications/{application.pk}/").content.decode()
    assert f"The signed letter was removed when the application was {words}." in page
    assert staff.get(f"/members/applications/{application.pk}/letter/").status_code == 404
    admin = staff.get(f"/admin/members/membershipapplication/{application.pk}/change/")
    assert "Removed when the application was" in admin.content.decode()


def _withdraw_then_fail(application: MembershipApplication) -> None:
    with transaction.atomic():
        services.application_withdraw(actor=SYSTEM, application=application)
        raise RuntimeError("the request failed after the withdrawal")


def test_a_decision_rolled_back_keeps_the_letter(world, django_capture_on_commit_callbacks) -> None:
    application = submitted_application(world.own.chamber)
    name = application.commitment_letter.name
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _withdraw_then_fail(application)
    assert default_storage.exists(name)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.commitment_letter.name == name


def test_an_approved_members_letter_is_kept(world, django_capture_on_commit_callbacks) -> None:
    application = submitted_application(world.own.chamber, organisation_name="Kept Letter Ltd")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=SYSTEM, application=application)
    assert default_storage.exists(application.commitment_letter.name)


def test_the_letter_is_always_a_download_of_a_pdf(world) -> None:
    application = submitted_application(world.own.chamber)
    staff = world.client_for(Role.SECRETARIAT)
    letter = staff.get(f"/members/applications/{application.pk}/letter/")
    assert letter.status_code == 200
    assert (
        letter["Content-Disposition"] == f'attachment; filename="commitment-{application.pk}.pdf"'
    )
    assert letter["Content-Type"] == "application/pdf"
    assert letter["X-Content-Type-Options"] == "nosniff"
    assert b"".join(letter.streaming_content) == minimal_pdf()
    # The admin links to the same download, never to a media URL.
    admin = staff.get(f"/admin/members/membershipapplication/{application.pk}/change/")
    page = admin.content.decode()
    assert f'href="/members/applications/{application.pk}/letter/"' in page
    assert "/media/" not in page


@pytest.mark.security
def test_the_application_form_is_rate_limited(world) -> None:
    client = Client()
    answers = [
        client.post("/members/apply/", {"organisation_name": f"Robot {n}"}) for n in range(11)
    ]
    assert [answer.status_code for answer in answers[:10]] == [200] * 10
    assert answers[10].status_code == 429
    assert int(answers[10]["Retry-After"]) > 0
    assert "Please wait" in answers[10].content.decode()
    assert client.get("/members/apply/").status_code == 200  # reading the form is not limited
    record("throttle.membership application form (POST /members/apply/)", len(answers))
