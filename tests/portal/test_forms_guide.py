"""Forms guide (issue 15): messages that say what to do, an error summary linking to each
field, "(optional)" marks, date inputs, country checkboxes, and the comment form that says on
whose behalf it speaks, previews the text and lands the author on the success message."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import Client

from alliance_portal.forms import GuidedForm
from alliance_portal.roles import Role
from governance.consultations.models import Comment
from governance.proposals.models import ProposalStatus
from members.forms import ApplicationForm
from tests.governance.factories import make_proposal
from tests.guided import guided

pytestmark = pytest.mark.django_db


def _errors(form: forms.BaseForm) -> dict[str, str]:
    form.is_valid()
    return {name: " ".join(str(e) for e in errors) for name, errors in form.errors.items()}


def test_messages_say_what_to_do_from_the_label(world) -> None:
    errors = _errors(ApplicationForm(data={"website": "no", "representative_email": "x"}))
    assert errors["commitment_signed_on"] == "Enter the date the commitment was signed"
    assert errors["chamber"] == "Choose the chamber"
    assert errors["organisation_name"] == "Enter the organisation name"
    assert errors["commitment_letter"] == "Choose the file: the signed commitment letter"
    assert errors["representative_email"] == (
        "Enter the representative email in the right form, like name@example.org"
    )
    assert errors["website"] == "Enter the website as a web address, like https://example.org"
    assert not any("This field is required" in message for message in errors.values())


def test_a_forms_own_message_is_kept_and_every_date_gets_a_date_input() -> None:
    class Own(GuidedForm):
        when = forms.DateField(label="Meeting date")
        name = forms.CharField(label="Name", error_messages={"required": "Who is it?"})

    form = Own(data={"when": "31/02/2026"})
    assert _errors(form) == {
        "when": "Enter the meeting date as a real date, for example 27 3 2026",
        "name": "Who is it?",
    }
    assert 'type="date"' in str(form["when"])


def test_a_failed_application_shows_a_summary_linking_to_each_field(world) -> None:
    html = Client().post("/members/apply/", {"website": "example.org"}).content.decode()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "There is a problem" in summary
    assert 'href="#id_commitment_signed_on">Enter the date the commitment was signed</a>' in summary
    assert 'href="#id_chamber">Choose the chamber</a>' in summary
    assert "This field is required" not in html
    assert 'src="/static/js/forms.js"' in html
    assert "<script>" not in html
    website = re.search(r'<label for="id_website">(.*?)</label>', html, re.S)
    assert website
    assert "(optional)" in website.group(1)
    name = re.search(r'<label for="id_organisation_name">(.*?)</label>', html, re.S)
    assert name
    assert "(optional)" not in name.group(1)
    assert '<input type="date" name="commitment_signed_on"' in html
    assert 'type="checkbox" name="countries_of_operation" value="CD"' in html
    assert "You can use simple formatting" in html


def test_the_comment_form_says_on_whose_behalf_and_previews(world) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION, public_consultation=True)
    url = f"/governance/proposals/{proposal.pk}/comment/"
    member = world.client_for(Role.MEMBER)
    assert f"You are commenting for {world.own.name}." in member.get(url).content.decode()
    page = member.get(proposal.get_absolute_url()).content.decode()
    assert f"You are commenting for {world.own.name}." in page
    external = world.client_for(Role.EXTERNAL_STAKEHOLDER).get(url).content.decode()
    assert "You are commenting as yourself." in external

    preview = member.post(url, {"text": "We **support** it.", "preview": "1"})
    assert "<strong>support</strong>" in preview.content.decode()
    assert 'name="text"' in preview.content.decode()  # the text stays in the form
    unsafe = member.post(url, {"text": "<script>x()</script>", "preview": "1"})
    assert "<script>x()" not in unsafe.content.decode()  # sanitized like a published text
    assert not Comment.objects.exists()


def test_after_posting_the_author_lands_on_the_success_message(world) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION)
    member = world.client_for(Role.MEMBER)
    sent = member.post(f"/governance/proposals/{proposal.pk}/comment/", {"text": "Agreed."})
    assert sent.headers["Location"] == f"{proposal.get_absolute_url()}#messages"
    html = member.get(proposal.get_absolute_url()).content.decode()
    comment = Comment.objects.get()
    status = html.split('<div class="messages" id="messages" role="status" tabindex="-1">', 1)[
        1
    ].split("</div>", 1)[0]
    assert f'Your comment is published: <a href="#comment-{comment.pk}">' in status


def test_the_account_forms_say_what_to_enter(world) -> None:
    html = Client().post("/accounts/signup/", {"email": "amara@example"}).content.decode()
    guided(
        html,
        {
            "Enter your name": "id_display_name",
            "Enter your email address in the right form, like name@example.org": "id_email",
        },
    )
    html = Client().post("/accounts/login/", {}).content.decode()
    guided(html, {"Enter your email address": "id_username", "Enter your password": "id_password"})
    html = Client().post("/accounts/password_reset/", {"email": "x"}).content.decode()
    guided(
        html,
        {
            "Enter the email address of your account in the right form, like name@example.org": (
                "id_email"
            )
        },
    )
    member = world.client_for(Role.MEMBER)
    html = member.post(
        "/accounts/password_change/", {"new_password1": "a-long-and-unusual-passphrase"}
    ).content.decode()
    guided(
        html,
        {
            "Enter your current password": "id_old_password",
            "Enter the new password again": "id_new_password2",
        },
    )
