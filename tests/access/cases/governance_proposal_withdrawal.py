"""Access cases of a member author withdrawing its own proposal (issue 16, member-tabled
proposals): only the author organisation's representative withdraws it, before its
consultation opens; not its member, not another organisation, not the secretariat (which
withdraws proposals through their lifecycle).

``populate`` adds a public draft of the own organisation."""

from __future__ import annotations

from typing import Any

from tests.access.cases import governance_tabling
from tests.access.matrix import Case
from tests.governance.tabling_support import draft

FORM = frozenset({200, 302})  # 302 when done; 200 when the form comes back with a message
ONCE = frozenset({200, 400})  # the page's POST may have withdrawn it first
KEY = "governance_proposal_withdrawal"


def populate(world) -> None:
    if KEY in world.extra:
        return
    governance_tabling.populate(world)
    world.extra[KEY] = {"draft": draft(world.own, title="Own draft to withdraw")}


def _pk(name: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {name: world.extra[KEY]["draft"].pk}

    return kwargs


PAGES: dict[str, list[Case]] = {
    "governance:proposal-withdraw-own": [
        Case("representative", kwargs=_pk("pk")),
        Case(
            "representative",
            kwargs=_pk("pk"),
            method="post",
            data={"reason": "Drafted twice."},
            ok=FORM,
            label="withdraw",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("post", "/api/v1/proposals/{id}/withdraw/"): [
        Case("representative", kwargs=_pk("id"), data={"reason": "Drafted twice."}, ok=ONCE)
    ],
}
