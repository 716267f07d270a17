"""Access cases of commitment tiers (issue 18, item 6): adopted tiers and public commitments
are read by everyone, a draft tier by the secretariat alone (who drafts and changes it); an
organisation's commitment is declared, changed and withdrawn by its representative alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from standards import services
from tests.access.matrix import Case

LATER = (timezone.localdate() + timedelta(days=800)).isoformat()
DECLARE = {"tier": "matrix-adopted", "target_date": LATER}
FORM = {**DECLARE, "disclosure": "public"}
DRAFT_FORM = {"name": "Matrix draft changed", "rank": 41, "further_requirements": "Go further."}


def _tier(name: str, rank: int) -> Any:
    return services.tier_draft(
        actor=SYSTEM,
        fields=services.TierFields(name=name, rank=rank, further_requirements=["Go further."]),
    )


def populate(world) -> None:
    """An adopted tier (the other organisation commits to it) and a draft one."""
    if "tiers" in world.extra:
        return
    drafted = _tier("Matrix adopted", 40)
    with transaction.atomic():
        adopted = services.tier_adopt(
            actor=SYSTEM,
            tier=drafted,
            decision_ref="Decision 1",
            on=timezone.localdate(),
        )
    draft = _tier("Matrix draft", 41)
    services.tier_commitment_declare(
        actor=SYSTEM,
        organisation=world.other,
        tier=adopted,
        target_date=timezone.localdate() + timedelta(days=500),
    )
    world.extra["tiers"] = {"adopted": adopted, "draft": draft}


def _tier_slug(key: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"slug": world.extra["tiers"][key].slug}

    return kwargs


def _organisation(which: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"slug": getattr(world, which).slug}

    return kwargs


def _none(world) -> dict[str, Any]:
    populate(world)
    return {}


PAGES: dict[str, list[Case]] = {
    "standards:tier-list": [Case("public", kwargs=_none)],
    "standards:tier-detail": [
        Case("public", kwargs=_tier_slug("adopted"), label="adopted"),
        Case("secretariat", kwargs=_tier_slug("draft"), label="draft"),
    ],
    "standards:tier-create": [Case("secretariat", kwargs=_none)],
    "standards:tier-edit": [Case("secretariat", kwargs=_tier_slug("draft"))],
    "standards:commitment-declare": [
        Case("representative", kwargs=_organisation("own"), label="own organisation"),
        Case(
            "representative",
            kwargs=_organisation("own"),
            method="post",
            data=FORM,
            ok=frozenset({302}),
            label="own organisation, declared",
        ),
    ],
    "standards:commitment-withdraw": [
        Case(
            "representative",
            kwargs=_organisation("own"),
            method="post",
            ok=frozenset({302}),
            label="own organisation",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/tiers/"): [Case("public", kwargs=_none)],
    ("get", "/api/v1/tiers/{slug}/"): [
        Case("public", kwargs=_tier_slug("adopted"), label="adopted"),
        Case("secretariat", kwargs=_tier_slug("draft"), label="draft"),
    ],
    ("get", "/api/v1/tier-commitments/"): [Case("public", kwargs=_none)],
    ("get", "/api/v1/organisations/{slug}/tier-commitment/"): [
        Case("public", kwargs=_organisation("other"))
    ],
    ("put", "/api/v1/organisations/{slug}/tier-commitment/"): [
        Case("representative", kwargs=_organisation("own"), data=DECLARE, label="own")
    ],
    ("delete", "/api/v1/organisations/{slug}/tier-commitment/"): [
        Case("representative", kwargs=_organisation("own"), ok=frozenset({204, 400}))
    ],
}
