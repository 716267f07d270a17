from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from alliance_portal.models import OutboundEmail, User
from tests.conftest import PASSWORD

STRONG = "a-long-and-unusual-passphrase"


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
