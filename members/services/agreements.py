"""The membership charter and the information-sharing protocol: versioned texts that each
person of a member organisation accepts before seeing members-only material."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from members.models import AgreementAcceptance, AgreementKind, AgreementVersion, Person


@use_case
def agreement_publish(*, actor: Actor, kind: str, title: str, text: str) -> AgreementVersion:
    """Publish the next version of the charter or the protocol. Everyone who accepted an
    earlier version is asked to accept this one before seeing members-only material again."""
    policy.require(actor, "agreement.publish")
    if kind not in AgreementKind.values:
        raise ValidationError({"kind": "Unknown agreement."})
    if not text.strip():
        raise ValidationError({"text": "The text is empty."})
    latest = AgreementVersion.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
    return AgreementVersion.objects.create(
        kind=kind, version=latest + 1, title=title, text=text, published_at=timezone.now()
    )


@use_case
def agreements_accept(
    *, actor: Actor, person: Person, agreements: list[AgreementVersion]
) -> list[AgreementAcceptance]:
    """Record that ``person`` (the actor themself) accepts these versions. Accepting twice
    records nothing new."""
    policy.require(actor, "agreement.accept", person)
    accepted = []
    for agreement in agreements:
        acceptance, _ = AgreementAcceptance.objects.get_or_create(
            person=person, agreement=agreement
        )
        accepted.append(acceptance)
    return accepted
