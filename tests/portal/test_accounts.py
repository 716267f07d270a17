from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from alliance_portal.models import OutboundEmail, User
from tests.conftest import PASSWORD

STRONG = "a-long-and-unusual-passphrase"


def _signup(client: Client, **overrides: str):
    data = {
        "display_name": "Amara Community Rep",
        "email": "amara@example.org",
        "password1": STRONG,
        "password2": STRONG,
        **overrides,
    }
    return client.post("/accounts/signup/", data)


@pytest.mark.django_db
def test_signup_creates_an_inactive_account_and_emails_a_confirmation_link(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)
    assert response.status_code == 200
    assert "Confirm your email address" in response.content.decode()
    user = User.objects.get(email="amara@example.org")
    assert not user.is_active
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amara@example.org"]
    link = re.search(r"http://testserver(/accounts/signup/confirm/\S+/)", str(mail.outbox[0].body))
    assert link is not None

    # Cannot sign in before confirming.
    login = client.post("/accounts/login/", {"username": "amara@example.org", "password": STRONG})
    assert login.status_code == 200
    assert not login.wsgi_request.user.is_authenticated

    confirm = client.get(link.group(1))
    assert confirm.status_code == 200
    assert "Your account is confirmed" in confirm.content.decode()
    user.refresh_from_db()
    assert user.is_active

    # The link confirms once only.
    again = client.get(link.group(1))
    assert again.status_code == 400

    login = client.post("/accounts/login/", {"username": "amara@example.org", "password": STRONG})
    assert login.status_code == 302
    assert client.get("/").wsgi_request.user.email == "amara@example.org"


@pytest.mark.django_db
def test_signup_refuses_a_short_password_and_keeps_what_was_typed(client: Client) -> None:
    response = _signup(client, password1="short-pass1", password2="short-pass1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "at least 12 characters" in html
    assert 'value="amara@example.org"' in html
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_signup_refuses_mismatched_passwords_and_an_address_in_use(
    client: Client, make_user
) -> None:
    assert "The two passwords differ" in _signup(client, password2=STRONG + "x").content.decode()
    make_user(email="Amara@Example.org")
    html = _signup(client).content.decode()
    assert "An account with this address exists already" in html
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_confirmation_with_a_forged_token_activates_nothing(client: Client, make_user) -> None:
    user = make_user(is_active=False)
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/accounts/signup/confirm/{uid}/forged-token/")
    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.django_db
def test_login_and_logout(client: Client, make_user) -> None:
    make_user(email="member@example.org")
    bad = client.post("/accounts/login/", {"username": "member@example.org", "password": "wrong"})
    assert bad.status_code == 200
    assert "Please enter a correct" in bad.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "MEMBER@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Signed in as" in client.get("/").content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert "Sign in" in client.get("/").content.decode()


@pytest.mark.django_db
def test_password_reset_sends_a_working_link(client: Client, make_user) -> None:
    make_user(email="member@example.org")
    response = client.post("/accounts/password_reset/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": STRONG, "new_password2": STRONG},
    )
    assert done.status_code == 302
    assert client.login(username="member@example.org", password=STRONG)


@pytest.mark.django_db
def test_password_change_requires_sign_in_and_validates(client: Client, make_user) -> None:
    assert client.get("/accounts/password_change/").status_code == 302
    client.force_login(make_user())
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "tooshort", "new_password2": "tooshort"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


@pytest.mark.django_db
def test_an_email_event_is_sent_once_per_recipient_however_often_it_is_queued(
    django_capture_on_commit_callbacks,
) -> None:
    from alliance_portal.outbox import email_deliver, email_queue

    with django_capture_on_commit_callbacks(execute=True):
        first = email_queue(event_key="demo:1", recipient="a@example.org", subject="S", body="B")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = email_queue(event_key="demo:1", recipient="a@example.org", subject="S", body="B")
    assert callbacks == []
    assert first.pk == second.pk
    assert len(mail.outbox) == 1
    # A redelivered task finds the email sent and sends nothing.
    assert email_deliver(email_id=first.pk) is False
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get().sent_at is not None


@pytest.mark.django_db
def test_signup_and_confirmation_are_audited_as_their_use_cases(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    import pghistory.models

    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)
    link = re.search(r"http://testserver(/accounts/signup/confirm/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    client.get(link.group(1))
    user = User.objects.get(email="amara@example.org")
    events = list(pghistory.models.Events.objects.tracks(user).order_by("pgh_id"))
    assert [(e.pgh_label, e.pgh_context["use_case"]) for e in events] == [
        ("insert", "account_signup"),
        ("update", "account_confirm_email"),
    ]
    # An anonymous visitor acted: no account, and not the system.
    assert all(e.pgh_context["user"] is None and not e.pgh_context["system"] for e in events)


def test_the_secretariat_cannot_take_over_a_superusers_account(world) -> None:
    from alliance_portal.roles import Role

    superuser, member = world.users[Role.SUPERUSER], world.users[Role.MEMBER]
    staff = world.client_for(Role.SECRETARIAT)
    refused = staff.post(
        f"/admin/alliance_portal/user/{superuser.pk}/change/", {"email": "mine@example.org"}
    )
    assert refused.status_code == 403
    assert User.objects.get(pk=superuser.pk).email == "root@example.org"
    assert staff.get(f"/admin/alliance_portal/user/{member.pk}/password/").status_code == 403
    staff_form = staff.get(f"/admin/alliance_portal/user/{member.pk}/change/")
    assert "is_superuser" not in staff_form.context["adminform"].form.fields
    root = world.client_for(Role.SUPERUSER)
    root_form = root.get(f"/admin/alliance_portal/user/{member.pk}/change/")
    assert "is_superuser" in root_form.context["adminform"].form.fields
