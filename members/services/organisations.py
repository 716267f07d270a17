"""Organisations and their people."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from guardian.shortcuts import assign_perm, remove_perm

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import check_commercial
from alliance_portal.models import User
from alliance_portal.outbox import email_queue
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


@use_case
def organisation_create(
    *,
    actor: Actor,
    name: str,
    chamber: Chamber,
    kind: str,
    membership_status: str = MembershipStatus.APPLICANT,
    joined_on: date | None = None,
    **profile: Any,
) -> Organisation:
    """Create an organisation with its people's group (used to share items with all of them).
    The secretariat's (``organisation.create``)."""
    policy.require(actor, "organisation.create")
    return _organisation_create(
        name=name,
        chamber=chamber,
        kind=kind,
        membership_status=membership_status,
        joined_on=joined_on,
        **profile,
    )


def _organisation_create(
    *,
    name: str,
    chamber: Chamber,
    kind: str,
    membership_status: str,
    joined_on: date | None,
    **profile: Any,
) -> Organisation:
    """The work of creating an organisation, shared by ``organisation_create`` and an
    application's approval (whose use case it stays)."""
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
    policy.require(actor, "organisation.edit", organisation)
    unknown = set(changes) - set(PROFILE_FIELDS) - STAFF_FIELDS
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    if set(changes) & STAFF_FIELDS:
        policy.require(actor, "organisation.edit_membership", organisation)
    if "name" in changes and (
        Organisation.objects.filter(name__iexact=changes["name"])
        .exclude(pk=organisation.pk)
        .exists()
    ):
        raise ValidationError({"name": "An organisation with this name exists already."})
    check_commercial({"description": changes.get("description") or ""})
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
    actor: Actor,
    organisation: Organisation,
    user: User,
    position: str = "",
    is_representative: bool = False,
) -> Person:
    """Make ``user`` a person of ``organisation``. The secretariat or the organisation's
    representative may do it (``organisation.manage_people``)."""
    policy.require(actor, "organisation.manage_people", organisation)
    return _person_add(
        organisation=organisation,
        user=user,
        position=position,
        is_representative=is_representative,
    )


def _person_add(
    *, organisation: Organisation, user: User, position: str, is_representative: bool
) -> Person:
    """The work of adding a person, shared by ``person_add``, ``person_invite`` and an
    application's approval. A representative is granted the right to edit the organisation
    (a django-guardian object permission on that organisation only)."""
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


def _set_password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def person_invite_email(*, person: Person, event: str) -> None:
    """Send a person of a member organisation their set-password link (once per event)."""
    email_queue(
        event_key=event,
        recipient=person.user.email,
        subject=f"Your Alliance Portal account for {person.organisation.name}",
        body=render_to_string(
            "members/emails/invitation.txt",
            {"person": person, "link": _set_password_link(person.user)},
        ),
    )


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
    policy.require(actor, "organisation.manage_people", organisation)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and Person.objects.filter(user=user).exists():
        raise ValidationError({"email": "This person already belongs to an organisation."})
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=display_name)
    person = _person_add(
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
    policy.require(actor, "organisation.manage_people", organisation)
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
    organisation = person.organisation
    policy.require(actor, "organisation.manage_people", organisation)
    if (
        not is_representative
        and person.is_representative
        and not organisation.people.filter(is_representative=True).exclude(pk=person.pk).exists()
    ):
        # Only the secretariat leaves an organisation without a representative; anyone else is
        # told what to do first (a form error, not a refusal).
        reason = policy.refusal(actor, "organisation.withdraw_last_representative", organisation)
        if reason is not None:
            raise ValidationError(reason)
    person.is_representative = is_representative
    person.save(update_fields=["is_representative"])
    _sync_representative_permission(person)
    return person
