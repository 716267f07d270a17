"""Organisations and their people."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import slugify
from guardian.shortcuts import assign_perm, remove_perm

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import User
from alliance_portal.types import Actor
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind, Person

# What an organisation's representative may edit on its profile, in the order forms show it.
# Chamber and membership status are the secretariat's: a representative cannot move their
# organisation to another chamber.
PROFILE_FIELDS: tuple[str, ...] = (
    "description",
    "website",
    "headquarters_country",
    "countries_of_operation",
    "value_chain_stages",
    "sectors",
    "materials",
    "contact_name",
    "contact_email",
    "contact_phone",
)
STAFF_FIELDS = frozenset({"name", "chamber", "kind", "membership_status", "joined_on"})


# Paths under /members/ that an organisation's slug must not take.
RESERVED_SLUGS = frozenset(
    {"apply", "applications", "agreements", "coverage", "stakeholders", "partners"}
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    if base in RESERVED_SLUGS:
        base = f"{base}-organisation"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _require_staff(actor: Any, what: str) -> None:
    if not policy.principal(actor).is_staff_role:
        raise PermissionDenied(f"Only the secretariat may {what}.")


@use_case
def organisation_create(
    *,
    actor: Actor | None,
    name: str,
    chamber: Chamber,
    kind: str,
    membership_status: str = MembershipStatus.APPLICANT,
    joined_on: date | None = None,
    **profile: Any,
) -> Organisation:
    """Create an organisation with its people's group (used to share items with all of them).
    ``actor`` is None only for system work (demo data, an approved application)."""
    if actor is not None:
        _require_staff(actor, "create organisations")
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "An organisation with this name exists already."})
    if kind not in OrganisationKind.values:
        raise ValidationError({"kind": f"Unknown kind of organisation: {kind}."})
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown profile fields: {', '.join(sorted(unknown))}.")
    slug = _unique_slug(name)
    organisation = Organisation(
        name=name,
        slug=slug,
        chamber=chamber,
        kind=kind,
        membership_status=membership_status,
        joined_on=joined_on,
        group=Group.objects.create(name=f"organisation:{slug}"),
        **profile,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@use_case
def organisation_update(
    *, actor: Actor, organisation: Organisation, changes: dict[str, Any]
) -> Organisation:
    """Change an organisation. Its representative may change the profile fields; name,
    chamber, kind, membership status and joining date are the secretariat's. Nothing is
    saved unless every change is allowed and valid."""
    policy.require_change(actor, organisation)
    unknown = set(changes) - set(PROFILE_FIELDS) - STAFF_FIELDS
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    if set(changes) & STAFF_FIELDS and not policy.principal(actor).is_staff_role:
        fields = ", ".join(sorted(set(changes) & STAFF_FIELDS))
        raise PermissionDenied(f"Only the secretariat may change: {fields}.")
    if "name" in changes and (
        Organisation.objects.filter(name__iexact=changes["name"])
        .exclude(pk=organisation.pk)
        .exists()
    ):
        raise ValidationError({"name": "An organisation with this name exists already."})
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def _sync_representative_permission(person: Person) -> None:
    if person.is_representative:
        assign_perm("members.change_organisation", person.user, person.organisation)
    else:
        remove_perm("members.change_organisation", person.user, person.organisation)


@use_case
def person_add(
    *,
    actor: Actor | None,
    organisation: Organisation,
    user: User,
    position: str = "",
    is_representative: bool = False,
) -> Person:
    """Make ``user`` a person of ``organisation``. The secretariat or the organisation's
    representative may do it; a representative is granted the right to edit the organisation
    (a django-guardian object permission on that organisation only)."""
    if actor is not None:
        policy.require_change(actor, organisation)
    if Person.objects.filter(user=user).exists():
        raise ValidationError({"user": "This account belongs to an organisation already."})
    person = Person.objects.create(
        organisation=organisation,
        user=user,
        position=position,
        is_representative=is_representative,
    )
    if organisation.group is not None:
        user.groups.add(organisation.group)
    _sync_representative_permission(person)
    return person


@use_case
def person_invite(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    display_name: str,
    position: str = "",
    is_representative: bool = False,
) -> Person:
    """Add a new person to the organisation (its representative or the secretariat may) and
    email them a link to set their password. Refused when the address already has an account
    that belongs to an organisation."""
    from members.services.applications import person_invite_email

    policy.require_change(actor, organisation)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and Person.objects.filter(user=user).exists():
        raise ValidationError({"email": "This person already belongs to an organisation."})
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=display_name)
    person = person_add(
        actor=actor,
        organisation=organisation,
        user=user,
        position=position,
        is_representative=is_representative,
    )
    person_invite_email(person=person, event=f"person-invited:{person.pk}")
    return person


@use_case
def person_remove(*, actor: Actor, person: Person) -> None:
    """Take a person off their organisation: they lose its rights and their account becomes an
    external stakeholder's. An organisation keeps at least one representative."""
    organisation = person.organisation
    policy.require_change(actor, organisation)
    if (
        person.is_representative
        and not organisation.people.filter(is_representative=True).exclude(pk=person.pk).exists()
    ):
        raise ValidationError("Designate another representative before removing the last one.")
    remove_perm("members.change_organisation", person.user, organisation)
    if organisation.group is not None:
        person.user.groups.remove(organisation.group)
    person.delete()


@use_case
def person_set_representative(*, actor: Actor, person: Person, is_representative: bool) -> Person:
    """Designate a person as their organisation's representative, or withdraw it; an
    organisation keeps at least one representative once it has one."""
    policy.require_change(actor, person.organisation)
    if (
        not is_representative
        and person.is_representative
        and not person.organisation.people.filter(is_representative=True)
        .exclude(pk=person.pk)
        .exists()
        and not policy.principal(actor).is_staff_role
    ):
        raise ValidationError("Designate another representative before withdrawing the last one.")
    person.is_representative = is_representative
    person.save(update_fields=["is_representative"])
    _sync_representative_permission(person)
    return person
