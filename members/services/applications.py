"""Membership applications: submit, approve (which creates the organisation and invites its
representative), reject with a reason the applicant receives, or record the applicant's
withdrawal. The signed letter of a rejected or withdrawn application is deleted (the record
stays); an approved member's letter is kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import User
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor
from members.models import (
    ApplicationStatus,
    MembershipApplication,
    MembershipStatus,
    Organisation,
    Person,
)
from members.pdf_check import check_letter
from members.services.organisations import (
    _organisation_create,
    _person_add,
    person_invite_email,
)


def name_is_taken(name: str) -> bool:
    """True when a member organisation or an open application already uses this name."""
    return (
        Organisation.objects.filter(name__iexact=name).exists()
        or MembershipApplication.objects.filter(
            organisation_name__iexact=name, status=ApplicationStatus.SUBMITTED
        ).exists()
    )


@use_case
def application_submit(
    *, actor: Actor, commitment_letter: UploadedFile, **fields: Any
) -> MembershipApplication:
    """Record an application (anyone may apply, an anonymous visitor included); the secretariat
    reviews it. Refused, with nothing stored, when the name is in use or a field is invalid."""
    policy.require(actor, "application.submit")
    if name_is_taken(fields.get("organisation_name", "")):
        raise ValidationError(
            {"organisation_name": "An organisation with this name is a member or has applied."}
        )
    check_letter(commitment_letter)
    application = MembershipApplication(commitment_letter=commitment_letter, **fields)
    application.full_clean()
    application.save()
    return application


def _check_open(application: MembershipApplication) -> None:
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            f"This application was {application.get_status_display().lower()} already."
        )


@use_case
def application_approve(*, actor: Actor, application: MembershipApplication) -> Organisation:
    """Admit the applicant: create the organisation as an active member, make the proposed
    representative its representative with a new account, and email them a link to set their
    password. Secretariat only. Audited as this use case as a whole: the organisation's
    creation and the person's addition are its parts, not use cases of their own."""
    policy.require(actor, "application.approve", application)
    _check_open(application)
    if Organisation.objects.filter(name__iexact=application.organisation_name).exists():
        raise ValidationError("An organisation with this name is a member already.")
    existing = User.objects.filter(email__iexact=application.representative_email).first()
    if existing is not None and Person.objects.filter(user=existing).exists():
        raise ValidationError(
            "The proposed representative's address belongs to a person of another organisation."
        )
    organisation = _organisation_create(
        name=application.organisation_name,
        chamber=application.chamber,
        kind=application.kind,
        membership_status=MembershipStatus.ACTIVE,
        joined_on=timezone.localdate(),
        website=application.website,
        headquarters_country=application.headquarters_country,
        countries_of_operation=application.countries_of_operation,
        value_chain_stages=application.value_chain_stages,
        sectors=application.sectors,
        materials=application.materials,
        description=application.description,
        contact_name=application.representative_name,
        contact_email=application.representative_email,
    )
    user = existing or User.objects.create_user(
        email=application.representative_email,
        password=None,
        display_name=application.representative_name,
    )
    person = _person_add(
        organisation=organisation,
        user=user,
        position=application.representative_position,
        is_representative=True,
    )
    application.status = ApplicationStatus.APPROVED
    application.organisation = organisation
    application.decided_at = timezone.now()
    application.decided_by_id = policy.principal(actor).user_id
    application.save()
    person_invite_email(person=person, event=f"application-approved:{application.pk}")
    return organisation


@use_case
def application_reject(
    *, actor: Actor, application: MembershipApplication, reason: str
) -> MembershipApplication:
    """Decline the application with a reason, which the applicant receives by email."""
    policy.require(actor, "application.reject", application)
    _check_open(application)
    if not reason.strip():
        raise ValidationError({"reason": "Give the applicant a reason."})
    application.status = ApplicationStatus.REJECTED
    application.rejection_reason = reason.strip()
    application.decided_at = timezone.now()
    application.decided_by_id = policy.principal(actor).user_id
    _remove_letter(application)
    application.save()
    email_queue(
        event_key=f"application-rejected:{application.pk}",
        recipient=application.representative_email,
        subject=f"Your application for {application.organisation_name}",
        body=render_to_string("members/emails/rejection.txt", {"application": application}),
    )
    return application


@use_case
def application_withdraw(
    *, actor: Actor, application: MembershipApplication
) -> MembershipApplication:
    """Record that the applicant withdrew the application (they asked the secretariat); its
    signed letter is deleted."""
    policy.require(actor, "application.withdraw", application)
    _check_open(application)
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.decided_by_id = policy.principal(actor).user_id
    _remove_letter(application)
    application.save()
    return application


def _remove_letter(application: MembershipApplication) -> None:
    """Forget the stored letter's name on the record now and delete the file once the
    transaction commits (a rollback keeps both)."""
    letter = application.commitment_letter
    if not letter:
        return
    storage, name = letter.storage, letter.name
    application.commitment_letter = ""
    transaction.on_commit(lambda: storage.delete(name))
