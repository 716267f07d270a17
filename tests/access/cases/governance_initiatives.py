"""Access cases of initiatives and pledges (issue 17, item 2).

``populate`` adds a public initiative led by A with a pledge by B whose amount is a leak
marker (members-level: ``tests/access/markers.py``) beside a partner alliance's paid pledge, a
members-level initiative led by B, an initiative the cases edit and pledge to, and pledges for
the withdraw and mark-paid cases. Initiatives are public at their level; the secretariat
creates and edits them, records partner alliances' pledges and marks pledges paid; a
representative pledges for their own organisation and withdraws its pledge.
"""

from __future__ import annotations

from tests.access.matrix import Case

PLEDGE_FORM: dict = {}
EDIT_FORM: dict = {}
PARTNER_PLEDGE_API: dict = {}
CREATE_API: dict = {}

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message
# The amount B pledged to the public initiative: as pages and as the API write it.
MARKER_AMOUNT = "48213.57"


def populate(world) -> None:
    if "initiatives" in world.extra:
        return
    from datetime import date
    from decimal import Decimal

    from alliance_portal.policy import SYSTEM
    from governance.initiatives import services
    from tests.governance.initiatives_support import (
        make_initiative,
        partner_alliance,
        partner_pledge,
        pledge,
        published_decision,
    )

    decision = published_decision("Matrix initiative decision")
    alliance = partner_alliance("Matrix Partner Alliance")
    public = make_initiative(
        world.own,
        title="Zmkpublicinitiative",
        countries=["CD"],
        budget_amount=Decimal("500000"),
        decisions=[decision],
    )
    pledge(public, world.other, MARKER_AMOUNT, "EUR")
    paid = partner_pledge(public, alliance, "1000", "EUR")
    services.pledge_mark_paid(actor=SYSTEM, pledge=paid, paid_on=date(2026, 2, 1))
    members = make_initiative(
        world.other, title="Zmkmembersinitiative", countries=["CD"], disclosure="members"
    )
    editable = make_initiative(world.own, title="Matrix editable initiative")
    world.extra["initiatives"] = {
        "public": public,
        "members": members,
        "editable": editable,
        "page_withdraw": pledge(editable, world.own, "10"),
        "api_withdraw": pledge(editable, world.own, "20"),
        "page_paid": partner_pledge(editable, alliance, "30", "EUR"),
        "api_paid": partner_pledge(editable, alliance, "40", "EUR"),
    }
    PLEDGE_FORM.update(amount="5", currency="EUR", partner_alliance=alliance.pk)
    PARTNER_PLEDGE_API.update(amount="6", currency="EUR", partner_alliance=alliance.slug)
    EDIT_FORM.update(
        title="Matrix editable initiative",
        description="Edited.",
        status="running",
        disclosure="public",
        lead_organisation=world.own.pk,
        budget_amount="1000",
        budget_currency="EUR",
    )
    CREATE_API.update(
        title="Matrix created initiative",
        description="Created.",
        lead_organisation=world.own.slug,
        budget_amount="1000",
        budget_currency="USD",
    )


def _get(world, key: str):
    populate(world)
    return world.extra["initiatives"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


def _id(key: str):
    return lambda world: {"id": _get(world, key).pk}


PAGES: dict[str, list[Case]] = {
    "governance:initiative-list": [Case("public")],
    "governance:initiative-detail": [
        Case("public", kwargs=_pk("public"), label="public initiative"),
        Case("members", kwargs=_pk("members"), label="members-level initiative of B"),
    ],
    "governance:initiative-create": [
        Case("secretariat"),
        Case("secretariat", method="post", data=EDIT_FORM, ok=REDIRECT, label="create"),
    ],
    "governance:initiative-edit": [
        Case("secretariat", kwargs=_pk("editable")),
        Case(
            "secretariat",
            kwargs=_pk("editable"),
            method="post",
            data=EDIT_FORM,
            ok=REDIRECT,
            label="edit",
        ),
    ],
    "governance:initiative-pledge": [
        Case("own-organisation-edit", kwargs=_pk("editable")),
        Case(
            "own-organisation-edit",
            kwargs=_pk("editable"),
            method="post",
            data=PLEDGE_FORM,
            ok=REDIRECT,
            label="pledge (the representative for A; the secretariat for a partner alliance)",
        ),
    ],
    "governance:pledge-withdraw": [
        Case(
            "representative",
            kwargs=_pk("page_withdraw"),
            method="post",
            ok=REDIRECT,
            label="withdraw A's pledge",
        )
    ],
    "governance:pledge-paid": [
        Case("secretariat", kwargs=_pk("page_paid")),
        Case(
            "secretariat",
            kwargs=_pk("page_paid"),
            method="post",
            data={"paid_on": "2026-03-01"},
            ok=FORM,
            label="mark paid (the second staff role finds it paid)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/initiatives/"): [Case("public")],
    ("post", "/api/v1/initiatives/"): [Case("secretariat", data=CREATE_API, ok=frozenset({201}))],
    ("get", "/api/v1/initiatives/{id}/"): [
        Case("public", kwargs=_id("public"), label="public initiative"),
        Case("members", kwargs=_id("members"), label="members-level initiative of B"),
    ],
    ("patch", "/api/v1/initiatives/{id}/"): [
        Case("secretariat", kwargs=_id("editable"), data={"status": "running"})
    ],
    ("get", "/api/v1/initiatives/{id}/pledges/"): [Case("members", kwargs=_id("public"))],
    ("post", "/api/v1/initiatives/{id}/pledges/"): [
        Case(
            "secretariat",
            kwargs=_id("editable"),
            data=PARTNER_PLEDGE_API,
            ok=frozenset({201}),
            label="a partner alliance's pledge",
        ),
        Case(
            "representative",
            kwargs=_id("editable"),
            data={"amount": "7", "currency": "EUR"},
            ok=frozenset({201}),
            label="the own organisation's pledge",
        ),
    ],
    ("post", "/api/v1/pledges/{id}/withdrawal/"): [
        Case("representative", kwargs=_id("api_withdraw"), label="withdraw A's pledge")
    ],
    ("post", "/api/v1/pledges/{id}/payment/"): [
        Case(
            "secretariat",
            kwargs=_id("api_paid"),
            data={"paid_on": "2026-03-01"},
            ok=frozenset({200, 400}),
            label="mark paid (400 for the second staff role: paid already)",
        )
    ],
}
