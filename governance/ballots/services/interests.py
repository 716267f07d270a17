"""The register of interests: declaring an interest and ending it."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.ballots.models import (
    InterestDeclaration,
    InterestKind,
)
from governance.ballots.services.common import _speaking_for, _text, _when
from governance.common.services import acting_user
from members.models import Organisation

# --- the register of interests ------------------------------------------------------------------


def _register_organisation(
    actor: Actor, organisation: Organisation | None, action: str, what: str
) -> Organisation:
    """The organisation whose register entry ``actor`` writes, once the policy lets them
    (``interest.declare`` / ``interest.end``): the representative's own, or any the
    secretariat (or the system) names."""
    policy.require(actor, action, organisation)
    return _speaking_for(actor, organisation, what)


@use_case
def interest_declare(
    *,
    actor: Actor,
    kind: str,
    description: str,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> InterestDeclaration:
    """Add an interest to the standing register: the representative for their organisation,
    or the secretariat for any. Public, with the organisation named; the person who declared
    is recorded and shown only to those who may see them."""
    organisation = _register_organisation(
        actor, organisation, "interest.declare", "declare interests"
    )
    if kind not in InterestKind.values:
        raise ValidationError({"kind": "Financial, business, funding, role or other."})
    return InterestDeclaration.objects.create(
        organisation=organisation,
        kind=kind,
        description=_text(description, "description", "Describe the interest."),
        declared_by=acting_user(actor),
        declared_at=now or timezone.now(),
    )


@use_case
def interest_end(
    *,
    actor: Actor,
    interest: InterestDeclaration,
    reason: str,
    now: datetime | None = None,
) -> InterestDeclaration:
    """Record that a registered interest has ended, with the reason; the entry stays in the
    register. The organisation's representative or the secretariat; once."""
    _register_organisation(actor, interest.organisation, "interest.end", "end interests")
    interest = InterestDeclaration.objects.select_for_update().get(pk=interest.pk)
    if interest.ended_at is not None:
        raise ValidationError(f"This interest ended already, on {_when(interest.ended_at)}.")
    interest.end_reason = _text(reason, "reason", "Say why the interest has ended.")
    interest.ended_at = now or timezone.now()
    interest.save(update_fields=["ended_at", "end_reason"])
    return interest
