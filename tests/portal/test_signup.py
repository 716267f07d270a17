"""Sign-up (issue 14, defect 4): the page answers the same whether or not the address is known,
the rest goes to the address's inbox; the password is chosen on the emailed link's page, so a
squatter's password is never used; unconfirmed sign-ups expire after 48 hours and beat removes
them, never an account."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from alliance_portal.models import PendingSignup, User
from alliance_portal.roles import Role

STRONG = "a-long-and-unusual-passphrase"
ADDRESS = "amara@example.org"


def _signup(client: Client, **overrides: str):
    data = {"display_name": "Amara Community Rep", "email": ADDRESS, **overrides}
    return client.post("/accounts/signup/", data)


def _link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/signup/confirm/\S+/)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


def _choose(client: Client, link: str, password: str = STRONG, again: str | None = None):
    return client.post(
        link, {"new_password1": password, "new_password2": password if again is None else again}
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the sign-up and deliver its email as the worker would."""

    def run(client: Client, **overrides: str):
        with django_capture_on_commit_callbacks(execute=True):
            return _signup(client, **overrides)

    return run


@pytest.mark.django_db
def test_the_page_answers_the_same_for_an_unknown_a_pending_and_a_known_address(
    client: Client, send, make_user
) -> None:
    unknown = send(client)  # no account: a pending sign-up is created
    pending = send(client)  # the same address again: now it is pending
    make_user(email="Amara@Example.org", display_name="Amara")
    PendingSignup.objects.all().delete()
    known = send(client)  # an account, whatever the case of the address
    assert unknown.status_code == pending.status_code == known.status_code == 200
    assert unknown.content == pending.content == known.content
    page = known.content.decode()
    assert "Check your inbox" in page
    assert "exists already" not in page
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_an_unknown_address_gets_a_link_to_choose_a_password_and_is_then_signed_in(
    client: Client, send
) -> None:
    response = send(client, password1="squat-pass-123456", password2="squat-pass-123456")
    assert response.status_code == 200
    assert not User.objects.filter(email__iexact=ADDRESS).exists()  # no account before the link
    assert mail.outbox[0].to == [ADDRESS]
    assert "choose your password" in mail.outbox[0].body
    assert "48 hours" in mail.outbox[0].body
    link = _link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Choose your password" in page.content.decode()
    done = _choose(client, link)
    assert done.status_code == 302
    user = User.objects.get(email=ADDRESS)
    assert user.is_active
    assert user.display_name == "Amara Community Rep"
    assert user.check_password(STRONG)
    home = client.get(done["Location"])
    assert "Your account is ready, and you are signed in." in home.content.decode()
    assert home.wsgi_request.user == user
    assert not PendingSignup.objects.exists()

    # The link works once.
    client.post("/accounts/logout/")
    used = client.get(link)
    assert used.status_code == 400
    assert "does not work any more" in used.content.decode()
    assert "Sign up again" in used.content.decode()
    assert _choose(client, link, password="another-unusual-passphrase").status_code == 400
    assert client.login(username=ADDRESS, password=STRONG)


@pytest.mark.django_db
def test_a_known_address_is_told_it_has_an_account_and_offered_a_password_reset(
    client: Client, send, make_user
) -> None:
    owner = make_user(email="Amara@Example.org", display_name="Amara")
    send(client, email="AMARA@example.org", display_name="Someone Else")
    assert User.objects.count() == 1
    assert not PendingSignup.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["Amara@example.org"]  # as the account holds it
    assert "tried to create an Alliance Portal account" in message.subject
    assert "You already have an account with this address" in message.body
    assert "/accounts/signup/confirm/" not in message.body
    reset = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", str(message.body))
    assert reset is not None
    form_page = client.get(reset.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG})
    owner.refresh_from_db()
    assert owner.check_password(STRONG)


@pytest.mark.django_db
def test_a_deactivated_account_gets_no_reset_link_but_is_told_to_ask_the_secretariat(
    client: Client, send, make_user
) -> None:
    make_user(email=ADDRESS, is_active=False)
    send(client)
    (message,) = mail.outbox
    assert "/accounts/reset/" not in message.body
    assert "ask the alliance's secretariat" in message.body


@pytest.mark.django_db
def test_signing_up_again_replaces_the_pending_signup_and_kills_the_earlier_link(
    client: Client, send
) -> None:
    send(client, display_name="Squatter")
    send(client, email="AMARA@example.org", display_name="Amara, the owner")
    (pending,) = PendingSignup.objects.all()
    assert pending.display_name == "Amara, the owner"
    first, second = _link(mail.outbox[0]), _link(mail.outbox[1])
    assert first != second
    assert client.get(first).status_code == 400
    assert _choose(client, first).status_code == 400
    assert not User.objects.exists()
    assert _choose(client, second).status_code == 302
    assert User.objects.get().display_name == "Amara, the owner"


@pytest.mark.django_db
def test_a_squatter_never_gets_the_owners_account_or_its_password(client: Client, send) -> None:
    squatter_password = "squatter-knows-this-one"
    send(client, display_name="Squatter", password1=squatter_password)
    assert "password" not in {f.name for f in PendingSignup._meta.fields}
    # The owner follows the link they received and chooses their own password.
    owner = Client()
    assert _choose(owner, _link(mail.outbox[0])).status_code == 302
    user = User.objects.get(email=ADDRESS)
    assert not user.check_password(squatter_password)
    assert not Client().login(username=ADDRESS, password=squatter_password)
    assert Client().login(username=ADDRESS, password=STRONG)


@pytest.mark.django_db
def test_the_password_page_says_what_to_fix_and_keeps_the_link_working(
    client: Client, send
) -> None:
    send(client)
    link = _link(mail.outbox[0])
    differ = _choose(client, link, again=STRONG + "x").content.decode()
    assert "The two passwords differ: type the same one twice." in differ
    short = _choose(client, link, password="short-pass1").content.decode()
    assert "at least 12 characters" in short
    similar = _choose(client, link, password="amara@example.org").content.decode()
    assert "too similar" in similar
    common = _choose(client, link, password="password1234").content.decode()
    assert "too common" in common
    assert not User.objects.exists()
    assert _choose(client, link).status_code == 302


@pytest.mark.django_db
def test_a_forged_or_garbled_link_creates_nothing(client: Client, send) -> None:
    send(client)
    link = _link(mail.outbox[0])
    uid = link.split("/")[-3]
    for bad in (
        f"/accounts/signup/confirm/{uid}/forged-token/",
        "/accounts/signup/confirm/MQ/forged-token/",
        "/accounts/signup/confirm/OTk5OTk5OTk5OTk5OTk5OTk5OTk5/forged-token/",
        "/accounts/signup/confirm/%%%/forged-token/",
    ):
        response = _choose(client, bad)
        assert response.status_code == 400, bad
        assert "does not work any more" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_link_expires_after_48_hours(client: Client, send, settings) -> None:
    assert settings.SIGNUP_CONFIRMATION_HOURS == 48
    send(client)
    link = _link(mail.outbox[0])
    pending = PendingSignup.objects.get()
    pending.requested_at = timezone.now() - timedelta(hours=47, minutes=59)
    pending.save()
    assert client.get(link).status_code == 200
    pending.requested_at = timezone.now() - timedelta(hours=48, seconds=1)
    pending.save()
    expired = client.get(link)
    assert expired.status_code == 400
    assert "more than 48 hours old" in expired.content.decode()
    assert _choose(client, link).status_code == 400
    assert not User.objects.exists()


@pytest.mark.django_db
def test_beat_removes_expired_signups_and_never_an_account(
    client: Client, send, make_user, settings
) -> None:
    from alliance_portal.tasks import signups_remove_expired_task

    entry = settings.CELERY_BEAT_SCHEDULE["accounts-remove-expired-signups"]
    assert entry["task"] == "alliance_portal.tasks.signups_remove_expired_task"
    send(client)
    send(client, email="fresh@example.org")
    PendingSignup.objects.filter(email=ADDRESS).update(
        requested_at=timezone.now() - timedelta(hours=49)
    )
    active = make_user(email="active@example.org")
    deactivated = make_user(email="closed@example.org")  # was active once, then closed
    deactivated.is_active = False
    deactivated.save()
    old = timezone.now() - timedelta(days=400)
    User.objects.filter(pk__in=[active.pk, deactivated.pk]).update(date_joined=old)

    assert signups_remove_expired_task() == 1
    assert list(PendingSignup.objects.values_list("email", flat=True)) == ["fresh@example.org"]
    assert set(User.objects.values_list("email", flat=True)) == {
        "active@example.org",
        "closed@example.org",
    }
    assert signups_remove_expired_task() == 0  # idempotent

    # After removal the address is free: signing up again gives a working link.
    send(client)
    assert _choose(client, _link(mail.outbox[-1])).status_code == 302


@pytest.mark.django_db
def test_beat_removes_an_old_unconfirmed_account_of_the_former_signup_only_when_bare(
    client: Client, send, make_user, make_organisation
) -> None:
    """The former sign-up left inactive accounts holding the signer's password: beat removes
    those never active, never signed in and with nothing hanging off them, once 48 h old."""
    from django.contrib.contenttypes.models import ContentType

    from alliance_portal.accounts.services import api_token_issue
    from alliance_portal.models import AccessLogEntry
    from alliance_portal.policy import SYSTEM
    from alliance_portal.tasks import signups_remove_expired_task

    old = timezone.now() - timedelta(hours=49)
    squatted = make_user(email=ADDRESS, is_active=False)
    young = make_user(email="young@example.org", is_active=False)
    with_token = make_user(email="token@example.org", is_active=False)
    api_token_issue(actor=SYSTEM, user=with_token)
    signed_in_once = make_user(email="once@example.org", is_active=False, last_login=old)
    staff = make_user(email="staff@example.org", is_active=False, is_staff=True)
    named = make_user(email="named@example.org", is_active=False)  # a row names it
    AccessLogEntry.objects.create(
        user=named,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(named.pk),
        object_repr="an account",
    )
    kept = {young.pk, with_token.pk, signed_in_once.pk, staff.pk, named.pk}
    User.objects.exclude(pk=young.pk).update(date_joined=old)

    assert signups_remove_expired_task() == 1
    assert not User.objects.filter(pk=squatted.pk).exists()
    assert set(User.objects.values_list("pk", flat=True)) == kept
    # The owner of the squatted address can now sign up and choose their own password.
    send(client)
    assert _choose(client, _link(mail.outbox[-1])).status_code == 302
    assert User.objects.get(email=ADDRESS).is_active


@pytest.mark.django_db
def test_only_the_system_and_the_secretariat_may_remove_expired_signups(world) -> None:
    from django.contrib.auth.models import AnonymousUser

    from alliance_portal import policy
    from alliance_portal.roles import Role

    assert policy.may(policy.SYSTEM, "account.remove_expired_signups")
    assert policy.may(world.users[Role.SECRETARIAT], "account.remove_expired_signups")
    assert not policy.may(world.users[Role.MEMBER], "account.remove_expired_signups")
    assert not policy.may(AnonymousUser(), "account.remove_expired_signups")


@pytest.mark.django_db
def test_the_new_account_is_audited_as_created_by_the_signup_use_case(client: Client, send) -> None:
    import pghistory.models

    send(client)
    _choose(client, _link(mail.outbox[0]))
    user = User.objects.get(email=ADDRESS)
    events = list(pghistory.models.Events.objects.tracks(user).order_by("pgh_id"))
    assert [(e.pgh_label, e.pgh_context["use_case"]) for e in events] == [
        ("insert", "account_signup_complete"),
    ]
    # An anonymous visitor acted: no account, and not the system.
    assert all(e.pgh_context["user"] is None and not e.pgh_context["system"] for e in events)


@pytest.mark.django_db
def test_the_signup_form_asks_for_no_password_and_says_what_to_fix(client: Client) -> None:
    page = client.get("/accounts/signup/").content.decode()
    assert 'type="password"' not in page
    response = _signup(client, email="not-an-address", display_name="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter your email address in the right form, like name@example.org" in html
    assert "Enter your name" in html
    assert "This field is required" not in html
    assert 'value="not-an-address"' in html
    assert not PendingSignup.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_account_menu_links_to_api_tokens_for_a_signed_in_person_only(
    client: Client, make_user
) -> None:
    anonymous = client.get("/").content.decode()
    assert "/accounts/tokens/" not in anonymous
    client.force_login(make_user())
    home = client.get("/").content.decode()
    nav = home[home.index('<nav aria-label="Account"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="/accounts/tokens/">API tokens</a>' in nav
    tokens = client.get("/accounts/tokens/").content.decode()
    assert '<a href="/accounts/tokens/" aria-current="page">API tokens</a>' in tokens


def test_a_signed_in_person_is_sent_home_from_signup(world) -> None:
    from alliance_portal.roles import Role

    response = world.client_for(Role.EXTERNAL_STAKEHOLDER).get("/accounts/signup/")
    assert response.status_code == 302


def test_the_secretariat_sees_waiting_signups_in_the_admin_but_never_their_link(
    world, send
) -> None:
    send(Client())
    pending = PendingSignup.objects.get(email=ADDRESS)
    staff = world.client_for(Role.SECRETARIAT)
    listing = staff.get("/admin/alliance_portal/pendingsignup/")
    assert listing.status_code == 200
    assert ADDRESS in listing.content.decode()
    shown = staff.get(f"/admin/alliance_portal/pendingsignup/{pending.pk}/change/").content.decode()
    assert "Amara Community Rep" in shown
    assert pending.token_digest not in shown
    assert staff.get("/admin/alliance_portal/pendingsignup/add/").status_code == 403
    delete = staff.get(f"/admin/alliance_portal/pendingsignup/{pending.pk}/delete/")
    assert delete.status_code == 403
