"""Who may act in members (rules registered with ``@action``): organisations and their people,
membership applications, the charter and the protocol, the stakeholder map; and the accounts
of the shared layer."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_staff, reads_members_level
from alliance_portal.policy.visibility import can_change
from alliance_portal.roles import Role

# Organisations ------------------------------------------------------------------------------


@action("organisation.create", refusal="Only the secretariat may create organisations.")
def organisation_create(who: Principal, organisation: Any) -> bool:
    """The secretariat."""
    return is_staff(who)


def _speaks_for(who: Principal, organisation: Any) -> bool:
    # The secretariat (with the change permission on organisations), or the organisation's
    # representative, who holds the object permission on that organisation only.
    return can_change(who.user, organisation)


@action("organisation.edit", refusal="You may not change this organisation.")
def organisation_edit(who: Principal, organisation: Any) -> bool:
    """The organisation's representative (its profile) and the secretariat."""
    return _speaks_for(who, organisation)


@action(
    "organisation.edit_membership",
    refusal=(
        "Only the secretariat may change an organisation's name, chamber, kind, membership "
        "status or joining date."
    ),
)
def organisation_edit_membership(who: Principal, organisation: Any) -> bool:
    """The secretariat: name, chamber, kind, membership status and joining date."""
    return is_staff(who)


@action("organisation.manage_people", refusal="You may not manage this organisation's people.")
def organisation_manage_people(who: Principal, organisation: Any) -> bool:
    """The organisation's representative and the secretariat: invite, add, designate, remove."""
    return _speaks_for(who, organisation)


@action(
    "organisation.withdraw_last_representative",
    refusal="Designate another representative before withdrawing the last one.",
)
def organisation_withdraw_last_representative(who: Principal, organisation: Any) -> bool:
    """The secretariat (a representative cannot leave their organisation without one)."""
    return is_staff(who)


# Membership applications --------------------------------------------------------------------


@action("application.submit", refusal="You may not apply for membership.")
def application_submit(who: Principal, application: Any) -> bool:
    """Anyone, an anonymous visitor included."""
    return True


_REVIEWS = "Only the secretariat reviews applications."


@action("application.review", refusal=_REVIEWS)
@action("application.approve", refusal=_REVIEWS)
@action("application.reject", refusal=_REVIEWS)
@action("application.withdraw", refusal=_REVIEWS)
def application_review(who: Principal, application: Any) -> bool:
    """The secretariat (reads applications and their letters, approves, rejects, records an
    applicant's withdrawal)."""
    return is_staff(who)


# The charter and the information-sharing protocol --------------------------------------------


@action(
    "agreement.publish",
    refusal="Only the secretariat publishes the charter and the protocol.",
)
def agreement_publish(who: Principal, agreement: Any) -> bool:
    """The secretariat."""
    return is_staff(who)


@action("agreement.accept", refusal="Each person accepts the agreements for themself.")
def agreement_accept(who: Principal, person: Any) -> bool:
    """The person themself, for their own account."""
    return who.user_id is not None and who.user_id == person.user_id


# The stakeholder map ------------------------------------------------------------------------


@action("stakeholder_map.read", refusal="The stakeholder map is for members.")
def stakeholder_map_read(who: Principal, obj: Any) -> bool:
    """Members, representatives, civil-society reviewers and the secretariat."""
    return reads_members_level(who)


# Accounts (the shared layer's) --------------------------------------------------------------


@action("account.sign_up", refusal="You have an account already.")
def account_sign_up(who: Principal, obj: Any) -> bool:
    """A visitor who is not signed in."""
    return not who.is_authenticated


@action("account.confirm_email", refusal="You may not confirm this account.")
def account_confirm_email(who: Principal, account: Any) -> bool:
    """Whoever holds the emailed link (the link's token is the check)."""
    return True


@action(
    "account.remove_expired_signups",
    refusal="Only the secretariat removes expired sign-ups.",
)
def account_remove_expired_signups(who: Principal, obj: Any) -> bool:
    """The portal itself (beat, every hour) and the secretariat."""
    return is_staff(who)


@action("account.issue_token", refusal="Each person asks for their own API tokens.")
def account_issue_token(who: Principal, account: Any) -> bool:
    """The person themself, signed in or having just given their password."""
    return who.user_id is not None and who.user_id == account.pk


@action("account.list_tokens", refusal="Sign in to see your API tokens.")
def account_list_tokens(who: Principal, account: Any) -> bool:
    """The person themself (the secretariat sees tokens in the admin)."""
    return who.user_id is not None and who.user_id == account.pk


@action("account.revoke_tokens", refusal="You may revoke only your own API tokens.")
def account_revoke_tokens(who: Principal, account: Any) -> bool:
    """The person themself; the secretariat (not a superuser's tokens, unless superuser)."""
    if who.user_id is not None and who.user_id == account.pk:
        return True
    return is_staff(who) and (who.role == Role.SUPERUSER or not account.is_superuser)


@action("account.edit", refusal="Only the superuser changes a superuser's account.")
def account_edit(who: Principal, account: Any) -> bool:
    """The superuser; others with the admin's change permission, except a superuser's account."""
    return who.role == Role.SUPERUSER or not account.is_superuser


@action("account.set_password", refusal="Only the superuser sets someone's password.")
def account_set_password(who: Principal, account: Any) -> bool:
    """The superuser (everyone else resets their own password by email)."""
    return who.role == Role.SUPERUSER


@action("account.grant_permissions", refusal="Only the superuser changes permissions.")
def account_grant_permissions(who: Principal, account: Any) -> bool:
    """The superuser: staff status, superuser status, groups and permissions (DESIGN.md §2)."""
    return who.role == Role.SUPERUSER
