"""The legal-review hold on an agenda item (competition law, issue 20 item 3): the secretariat
holds an item that may raise a competition-law question; while held, the item is shown to the
secretariat only; counsel releases it (for now the secretariat, by the policy's
``agenda_item.release_hold``). Both are recorded in the audit trail with the actor."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.meetings.models import AgendaItem


def _locked(item: AgendaItem) -> AgendaItem:
    return AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)


@use_case
def agenda_item_hold(*, actor: Actor, item: AgendaItem) -> AgendaItem:
    """Hold an agenda item for legal review: from now on only the secretariat sees it, until
    counsel releases it. Refused when it is held already."""
    policy.require(actor, "agenda_item.hold", item)
    current = _locked(item)
    if current.held:
        raise ValidationError("This agenda item is held for legal review already.")
    current.legal_hold = True
    current.legal_hold_released_by = None
    current.legal_hold_released_at = None
    current.save(update_fields=["legal_hold", "legal_hold_released_by", "legal_hold_released_at"])
    return current


@use_case
def agenda_item_release_hold(
    *, actor: Actor, item: AgendaItem, now: datetime | None = None
) -> AgendaItem:
    """Counsel releases an agenda item held for legal review: everyone who may read the
    agenda sees it again. Refused when it is not held."""
    policy.require(actor, "agenda_item.release_hold", item)
    current = _locked(item)
    if not current.held:
        raise ValidationError("This agenda item is not held for legal review.")
    current.legal_hold_released_by = acting_user(actor)
    current.legal_hold_released_at = now or timezone.now()
    current.save(update_fields=["legal_hold_released_by", "legal_hold_released_at"])
    return current
