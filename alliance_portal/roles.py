"""The roles of DESIGN.md §2, one list used by every page, endpoint, test and report.

A role is derived, never stored by hand on a view: superuser and secretariat come from the
account's flags and groups; member and organisation representative from the person's active
membership, which the members app tells us through ``register_membership_lookup`` (the shared
layer cannot import it); civil-society reviewer from a group the secretariat assigns. The
assignable roles exist as groups, created after every migration (``ensure_role_groups``), so
a flushed test database gets them back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


class Role(models.TextChoices):
    ANONYMOUS = "anonymous", "Anonymous"
    EXTERNAL_STAKEHOLDER = "external_stakeholder", "External stakeholder"
    MEMBER = "member", "Member"
    ORGANISATION_REPRESENTATIVE = "organisation_representative", "Organisation representative"
    CIVIL_SOCIETY_REVIEWER = "civil_society_reviewer", "Civil-society reviewer"
    SECRETARIAT = "secretariat", "Secretariat"
    SUPERUSER = "superuser", "Superuser"


# Groups for the roles the secretariat assigns by hand. Member and representative follow from
# a person's membership instead, so they cannot drift out of step with it.
SECRETARIAT_GROUP = "Secretariat"
REVIEWER_GROUP = "Civil-society reviewers"
ROLE_GROUPS = {Role.SECRETARIAT: SECRETARIAT_GROUP, Role.CIVIL_SOCIETY_REVIEWER: REVIEWER_GROUP}


@dataclass(frozen=True)
class Membership:
    """What the members app knows about a user's place in a member organisation."""

    organisation_id: int
    is_member: bool  # person of an active member organisation who may see members' material
    is_representative: bool
    # Person of an active member organisation who has yet to accept the current charter or
    # information-sharing protocol: not a member (for access) until they do.
    must_accept_agreements: bool = False
    organisation_name: str = ""  # said on forms ("You are commenting for …")


MembershipLookup = Callable[[Any], Membership | None]
_membership_lookup: MembershipLookup = lambda user: None  # noqa: E731 (replaced by members)


def register_membership_lookup(lookup: MembershipLookup) -> None:
    """Called once by the members app's ``ready()``."""
    global _membership_lookup
    _membership_lookup = lookup


def membership_of(user: Any) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return _membership_lookup(user)


def _group_names(user: Any) -> set[str]:
    cached: set[str] | None = getattr(user, "_portal_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._portal_group_names = cached
    return cached


def role_of(user: Any, membership: Membership | None) -> Role:
    """The one role a user acts in. A reviewer is independent: an account that is both a
    reviewer and a member's person acts as reviewer, so it can never vote."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.ANONYMOUS
    if user.is_superuser:
        return Role.SUPERUSER
    groups = _group_names(user)
    if user.is_staff and SECRETARIAT_GROUP in groups:
        return Role.SECRETARIAT
    if REVIEWER_GROUP in groups:
        return Role.CIVIL_SOCIETY_REVIEWER
    if membership is not None and membership.is_member:
        if membership.is_representative:
            return Role.ORGANISATION_REPRESENTATIVE
        return Role.MEMBER
    return Role.EXTERNAL_STAKEHOLDER


# The apps whose models the secretariat administers; pghistory's events it may read.
ADMINISTERED_APPS = ("alliance_portal", "members", "standards", "glossary", "governance")


def ensure_role_groups(using: str = "default") -> None:
    """Create the role groups and give the secretariat every permission on the alliance's own
    models (not on groups and permissions: only the superuser changes those). Idempotent;
    runs after every migrate and test flush."""
    from django.contrib.auth.models import Group, Permission

    secretariat, _ = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    Group.objects.using(using).get_or_create(name=REVIEWER_GROUP)
    permissions = Permission.objects.using(using).filter(
        models.Q(content_type__app_label__in=ADMINISTERED_APPS)
        | models.Q(content_type__app_label="pghistory", codename__startswith="view_")
    )
    secretariat.permissions.set(permissions)
