"""Access cases of downstream demands and common value chains (issue 18, items 5 and 7): an
organisation's demands are read by its own people and the secretariat, recorded and withdrawn
by its representative or the secretariat; the aggregated demand and the value chains are
public."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy import SYSTEM
from members.models import Organisation
from standards import services
from standards.models import Element
from tests.access.cases import standards as standards_cases
from tests.access.matrix import Case

# A demand of the own organisation's representative (its slug filled in by ``populate``).
BODY: dict[str, Any] = {
    "material": "cobalt",
    "standard": standards_cases.BASELINE,
    "refs": ["B-1.2"],
}


def populate(world) -> None:
    """A and B become downstream buyers of cobalt; each demands a baseline requirement and an
    element of the matrix's other standard."""
    if "demands" in world.extra:
        return
    standards_cases.populate(world)
    BODY["organisation"] = world.own.slug
    Organisation.objects.filter(pk__in=(world.own.pk, world.other.pk)).update(
        value_chain_stages=["products"], materials=["cobalt"]
    )
    world.own.refresh_from_db()
    world.other.refresh_from_db()
    requirement = Element.objects.get(version__standard__code=standards_cases.BASELINE, ref="B-1.1")
    element = Element.objects.get(version__standard__code=standards_cases.OTHER, ref="S-1.1")
    extra = {}
    for key, organisation in (("own", world.own), ("other", world.other)):
        extra[key] = services.demand_record(
            actor=SYSTEM,
            organisation=organisation,
            material="cobalt",
            elements=[requirement, element],
        )[0]
    world.extra["demands"] = extra


def _none(world) -> dict[str, Any]:
    populate(world)
    return {}


def _slug(which: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"slug": getattr(world, which).slug}

    return kwargs


def _withdraw(which: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"slug": getattr(world, which).slug, "pk": world.extra["demands"][which].pk}

    return kwargs


def _id(which: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"id": world.extra["demands"][which].pk}

    return kwargs


PAGES: dict[str, list[Case]] = {
    "standards:demand-aggregate": [Case("public", kwargs=_none)],
    "standards:organisation-demands": [
        Case("own-organisation-read", kwargs=_slug("own"), label="own organisation's"),
        Case("other-organisation-edit", kwargs=_slug("other"), label="another's"),
    ],
    "standards:demand-create": [
        Case("own-organisation-edit", kwargs=_slug("own"), label="own organisation"),
        Case("other-organisation-edit", kwargs=_slug("other"), label="another organisation"),
    ],
    "standards:demand-withdraw": [
        Case(
            "own-organisation-edit",
            kwargs=_withdraw("own"),
            method="post",
            ok=frozenset({302}),
            label="own organisation's",
        ),
        Case(
            "other-organisation-edit",
            kwargs=_withdraw("other"),
            method="post",
            ok=frozenset({302}),
            label="another's",
        ),
    ],
    "standards:value-chain-list": [Case("public", kwargs=_none)],
    "standards:value-chain-detail": [Case("public", kwargs=lambda w: {"material": "cobalt"})],
}

API: dict[tuple[str, str], list[Case]] = {
    # Everyone may ask; each gets the demands they may read (none for most).
    ("get", "/api/v1/demands/"): [Case("public", kwargs=_none)],
    ("post", "/api/v1/demands/"): [
        Case(
            "own-organisation-edit",
            kwargs=_none,
            data=BODY,
            ok=frozenset({201}),
            label="own organisation",
        )
    ],
    ("post", "/api/v1/demands/withdraw/"): [
        Case("own-organisation-edit", kwargs=_none, data=BODY, label="own organisation")
    ],
    ("get", "/api/v1/demands/{id}/"): [
        Case("own-organisation-read", kwargs=_id("own"), label="own organisation's"),
        Case("other-organisation-edit", kwargs=_id("other"), label="another's"),
    ],
    ("get", "/api/v1/demands/aggregate/"): [Case("public", kwargs=_none)],
    ("get", "/api/v1/value-chains/"): [Case("public", kwargs=_none)],
    ("get", "/api/v1/value-chains/{material}/"): [
        Case("public", kwargs=lambda w: {"material": "cobalt"})
    ],
}
