"""Applying → approving → the invited person sets a password → accepts the charter and the
protocol → sees members-only contacts."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alliance_portal import policy
from alliance_portal.models import User
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members import services
from members.models import ApplicationStatus, MembershipApplication, Organisation
from members.pdf_check import minimal_pdf

PDF = minimal_pdf()


def _letter(content: bytes = PDF, name: str = "commitment.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _form(chamber, **overrides):
    data = {
        "organisation_name": "Baltic Cathodes",
        "chamber": chamber.pk,
        "kind": "company",
        "website": "baltic-cathodes.example",
        "headquarters_country": "FI",
        "countries_of_operation": ["FI", "SE"],
        "value_chain_stages": ["processing"],
        "sectors": ["minerals_metals"],
        "materials": ["nickel", "cobalt"],
        "description": "We make cathode material.",
        "motivation": "Our buyers ask for the alliance baseline.",
        "representative_name": "Aino Rep",
        "representative_email": "aino@baltic-cathodes.example",
        "representative_position": "Sustainability manager",
        "commitment_signatory_name": "Mika Boss",
        "commitment_signatory_position": "CEO",
        "commitment_signed_on": "2026-11-01",
        "commitment_letter": _letter(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def agreements(db):
    charter = services.agreement_publish(
        actor=SYSTEM, kind="charter", title="Charter", text="Be fair."
    )
    protocol = services.agreement_publish(
        actor=SYSTEM, kind="protocol", title="Protocol", text="Share no prices."
    )
    return charter, protocol


def test_the_whole_journey_from_application_to_members_only_contacts(
    world, agreements, django_capture_on_commit_callbacks
) -> None:
    response = Client().post("/members/apply/", _form(world.own.chamber))
    assert response.status_code == 200, response.content.decode()[:3000]
    assert "your application is received" in response.content.decode()
    application = MembershipApplication.objects.get(organisation_name="Baltic Cathodes")
    assert application.website == "https://baltic-cathodes.example"

    staff = world.client_for(Role.SECRETARIAT)
    assert "Baltic Cathodes" in staff.get("/members/applications/").content.decode()
    letter = staff.get(f"/members/applications/{application.pk}/letter/")
    assert b"".join(letter.streaming_content).startswith(b"%PDF")
    # Applications are confidential: the secretariat's reads are in the access log.
    from alliance_portal.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(
        path=f"/members/applications/{application.pk}/letter/", user=world.users[Role.SECRETARIAT]
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        approved = staff.post(f"/members/applications/{application.pk}/", {"decision": "approve"})
    assert approved.status_code == 302
    organisation = Organisation.objects.get(name="Baltic Cathodes")
    assert organisation.is_active_member
    assert organisation.materials == ["nickel", "cobalt"]

    invitation = mail.outbox[-1]
    assert invitation.to == ["aino@baltic-cathodes.example"]
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+/)", str(invitation.body))
    assert link is not None
    newcomer = Client()
    form_page = newcomer.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = newcomer.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "cathodes-are-responsible", "new_password2": "cathodes-are-responsible"},
    )
    assert done.status_code == 302
    assert newcomer.login(
        username="aino@baltic-cathodes.example", password="cathodes-are-responsible"
    )

    # Not yet a member: contacts of other organisations stay hidden until both texts are accepted.
    user = User.objects.get(email="aino@baltic-cathodes.example")
    assert policy.principal(user).role == Role.EXTERNAL_STAKEHOLDER
    home = newcomer.get("/").content.decode()
    assert "accept the membership charter and the information-sharing protocol" in home
    assert (
        world.other.contact_email
        not in newcomer.get(world.other.get_absolute_url()).content.decode()
    )
    assert (
        newcomer.get(f"/api/v1/organisations/{world.other.slug}/").json().get("contact_email")
        is None
    )

    page = newcomer.get("/members/agreements/").content.decode()
    assert "Be fair." in page
    assert "Share no prices." in page
    refused = newcomer.post("/members/agreements/", {})
    assert refused.status_code == 200
    accepted = newcomer.post("/members/agreements/", {"accept": "yes"})
    assert accepted.status_code == 302
    assert (
        world.other.contact_email in newcomer.get(world.other.get_absolute_url()).content.decode()
    )
    fresh = User.objects.get(pk=user.pk)
    assert policy.principal(fresh).role == Role.ORGANISATION_REPRESENTATIVE


def test_a_new_version_of_the_protocol_asks_again(world, agreements) -> None:
    member = world.users[Role.MEMBER]
    services.agreements_accept(actor=member, person=member.person, agreements=list(agreements))
    assert policy.principal(User.objects.get(pk=member.pk)).role == Role.MEMBER
    services.agreement_publish(actor=SYSTEM, kind="protocol", title="Protocol", text="Version two.")
    assert policy.principal(User.objects.get(pk=member.pk)).role == Role.EXTERNAL_STAKEHOLDER
    client = world.client_for(Role.MEMBER)
    assert "Version two." in client.get("/members/agreements/").content.decode()
    client.post("/members/agreements/", {"accept": "yes"})
    assert policy.principal(User.objects.get(pk=member.pk)).role == Role.MEMBER


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"organisation_name": "Own Organisation"},
            "organisation_name",
            "is a member or has applied",
        ),
        (
            {"headquarters_country": "XX"},
            "headquarters_country",
            "Choose the headquarters country from the list",
        ),
        (
            {"website": "not a url at all"},
            "website",
            "Enter the website as a web address, like https://example.org",
        ),
        ({"commitment_letter": _letter(b"GIF89a", "letter.pdf")}, "commitment_letter", "not a PDF"),
        ({"commitment_letter": _letter(PDF, "letter.docx")}, "commitment_letter", "as a PDF file"),
    ],
)
def test_bad_applications_get_field_errors_and_create_nothing(
    world, overrides, field, message
) -> None:
    response = Client().post("/members/apply/", _form(world.own.chamber, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert not MembershipApplication.objects.exists()


def test_rejection_needs_a_reason_and_tells_the_applicant(
    world, django_capture_on_commit_callbacks
) -> None:
    Client().post("/members/apply/", _form(world.own.chamber))
    application = MembershipApplication.objects.get()
    staff = world.client_for(Role.SECRETARIAT)
    empty = staff.post(
        f"/members/applications/{application.pk}/", {"decision": "reject", "reason": ""}
    )
    assert empty.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/members/applications/{application.pk}/",
            {"decision": "reject", "reason": "Your company is not in the minerals value chain."},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "not in the minerals value chain" in str(mail.outbox[-1].body)
    assert not Organisation.objects.filter(name="Baltic Cathodes").exists()
    again = staff.post(f"/members/applications/{application.pk}/", {"decision": "approve"})
    assert "rejected already" in again.cookies["messages"].value or again.status_code == 200


def test_only_the_secretariat_reviews(world) -> None:
    Client().post("/members/apply/", _form(world.own.chamber))
    application = MembershipApplication.objects.get()
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER):
        response = world.client_for(role).post(
            f"/members/applications/{application.pk}/", {"decision": "approve"}
        )
        assert response.status_code == 403
    assert not Organisation.objects.filter(name="Baltic Cathodes").exists()


def test_the_representative_invites_and_removes_people(
    world, django_capture_on_commit_callbacks
) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/members/{world.own.slug}/people/",
            {"display_name": "Nia New", "email": "nia@own.example", "position": "Analyst"},
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nia@own.example"]
    person = world.own.people.get(user__email="nia@own.example")
    taken = client.post(
        f"/members/{world.own.slug}/people/",
        {"display_name": "Again", "email": world.users[Role.MEMBER].email},
    )
    assert "already belongs to an organisation" in taken.content.decode()
    client.post(f"/members/{world.own.slug}/people/{person.pk}/", {"action": "remove"})
    assert not world.own.people.filter(user__email="nia@own.example").exists()
    # The last representative cannot withdraw themself.
    rep = world.users[Role.ORGANISATION_REPRESENTATIVE].person
    client.post(f"/members/{world.own.slug}/people/{rep.pk}/", {"action": "withdraw"})
    rep.refresh_from_db()
    assert rep.is_representative
    # Nobody else manages another organisation's people.
    other_rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = other_rep.post(
        f"/members/{world.other.slug}/people/", {"display_name": "X", "email": "x@x.example"}
    )
    assert response.status_code == 403
