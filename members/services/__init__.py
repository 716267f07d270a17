"""Writes of the members app: one function per use case, each a transaction whose writes the
audit trail tags with the acting person and the use case (``@use_case``)."""

from members.services.agreements import agreement_publish, agreements_accept
from members.services.applications import (
    application_approve,
    application_reject,
    application_submit,
    application_withdraw,
    name_is_taken,
)
from members.services.organisations import (
    PROFILE_FIELDS,
    STAFF_FIELDS,
    organisation_create,
    organisation_update,
    person_add,
    person_invite,
    person_remove,
    person_set_representative,
)

__all__ = [
    "PROFILE_FIELDS",
    "STAFF_FIELDS",
    "agreement_publish",
    "agreements_accept",
    "application_approve",
    "application_reject",
    "application_submit",
    "application_withdraw",
    "name_is_taken",
    "organisation_create",
    "organisation_update",
    "person_add",
    "person_invite",
    "person_remove",
    "person_set_representative",
]
