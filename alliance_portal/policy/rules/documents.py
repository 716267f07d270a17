"""Who may act on the documents library: upload, edit and add versions, share, and hold a
document for legal review or release it. Reading follows the disclosure rule (``visibility``);
a held document is read by those ``document.read_held`` admits only."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import ORGANISATION_ROLES, is_staff, represents

UPLOAD_REFUSAL = (
    "Only the secretariat and people of member organisations add documents to the library."
)
AGREEMENTS = (
    " Until you accept the current membership charter and information-sharing protocol, your "
    "account does not act for your organisation."
)


def _organisation_person(who: Principal) -> bool | str:
    if who.role not in ORGANISATION_ROLES or who.organisation_id is None:
        return False
    if who.must_accept_agreements:
        return UPLOAD_REFUSAL + AGREEMENTS
    return True


@action("document.upload", refusal=UPLOAD_REFUSAL)
def _document_upload(who: Principal, obj: Any) -> bool | str:
    """The secretariat; a person of a member organisation (the document is their
    organisation's)."""
    return True if is_staff(who) else _organisation_person(who)


@action(
    "document.edit",
    refusal="Only the secretariat and the document's own organisation change a document.",
)
def _document_edit(who: Principal, document: Any) -> bool | str:
    """The secretariat; the people of the organisation whose document it is (its metadata and
    new versions)."""
    if is_staff(who):
        return True
    owner = getattr(document, "organisation_id", None)
    if owner is None or owner != who.organisation_id:
        return False
    return _organisation_person(who)


@action(
    "document.share",
    refusal="Only the secretariat and the representative of the document's organisation share it.",
)
def _document_share(who: Principal, document: Any) -> bool:
    """The secretariat; the representative of the organisation whose document it is."""
    return is_staff(who) or represents(who, getattr(document, "organisation_id", None))


@action("document.hold", refusal="Only the secretariat holds a document for legal review.")
def _document_hold(who: Principal, document: Any) -> bool:
    """The secretariat holds a document for legal review (counsel reads it first)."""
    return is_staff(who)


@action(
    "document.release_hold",
    refusal="Only the secretariat releases a document held for legal review.",
)
def _document_release_hold(who: Principal, document: Any) -> bool:
    """The secretariat (for now: the person counsel asks to release it)."""
    return is_staff(who)


@action(
    "document.read_held",
    refusal="This document is held for legal review: the secretariat only reads it.",
)
def _document_read_held(who: Principal, document: Any) -> bool:
    """While a document is held for legal review, the secretariat only reads it."""
    return is_staff(who)


@action(
    "document.for_any_organisation",
    refusal="You add documents for your own organisation.",
)
def _document_for_any_organisation(who: Principal, obj: Any) -> bool:
    """The secretariat adds a document for any organisation, or as the alliance's own."""
    return is_staff(who)
