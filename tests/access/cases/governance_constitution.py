"""Access cases of the constitution slice (issue 16, item 5): a body's constitution is public;
a proposal's effect is read at the proposal's level and set or removed by the secretariat."""

from __future__ import annotations

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.bodies.models import Constitution
from governance.effects import services as effect_services
from governance.proposals.models import ProposalStatus
from tests.access.matrix import Case
from tests.governance.factories import assembly, make_proposal

S = ProposalStatus
FORM = frozenset({200, 302})
EFFECT = {"objectives": [{"slug": "matrix-objective", "title": "Matrix objective"}]}


def populate(world) -> None:
    if "constitution" in world.extra:
        return
    # The founding settings of the assembly, as the data migration writes them for every body
    # that exists when it runs (the test database has none then).
    Constitution.objects.get_or_create(
        body=assembly(), number=1, defaults={"adopted_at": timezone.now()}
    )
    with_effect = make_proposal(status=S.DELIBERATION, title="Proposal with an effect")
    effect_services.proposal_effect_set(
        actor=SYSTEM, proposal=with_effect, kind="objectives", payload=EFFECT
    )
    world.extra["constitution"] = {"with_effect": with_effect}


def _proposal(world):
    populate(world)  # the API test gets the bare world
    return world.extra["constitution"]["with_effect"]


PAGES: dict[str, list[Case]] = {
    "governance:proposal-effect": [
        Case("secretariat", kwargs=lambda w: {"pk": _proposal(w).pk}),
        Case(
            "secretariat",
            kwargs=lambda w: {"pk": _proposal(w).pk},
            method="post",
            data={
                "kind": "objectives",
                "new_slug": "x",
                "title": "X",
                "indicator-TOTAL_FORMS": "0",
                "indicator-INITIAL_FORMS": "0",
            },
            ok=FORM,
            label="save",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/bodies/{slug}/constitution/"): [
        Case("public", kwargs=lambda w: {"slug": assembly().slug})
    ],
    ("get", "/api/v1/proposals/{id}/effect/"): [
        Case("public", kwargs=lambda w: {"id": _proposal(w).pk}, label="public proposal")
    ],
    ("put", "/api/v1/proposals/{id}/effect/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _proposal(w).pk},
            data={"kind": "objectives", "details": EFFECT},
        )
    ],
    ("delete", "/api/v1/proposals/{id}/effect/"): [
        Case("secretariat", kwargs=lambda w: {"id": _proposal(w).pk})
    ],
}
