"""The standing-parts registry: what a member's standing page states, part by part.

A member's standing (``/members/<slug>/standing/``, its JSON twin ``standing.json`` and
``/api/v1/organisations/<slug>/standing/``) is what a client or a government checks: member
since, chamber, agreements accepted, certifications recognised, the tier committed to, reports
submitted on time, the decisions that name it. Members may not import the higher apps that know
most of this, so each app registers its *parts* here from its ``AppConfig.ready()`` (like the
page sections of ``alliance_portal.sections``), and the standing asks every part in order.

A part is one function and one template:

- ``data(organisation, as_of, user) -> dict | None``: the part's figures on the day ``as_of``,
  recomputed from the records every time (never typed in), as a dict of JSON-able values
  (str, int, bool, None, ``date``, lists and dicts of those); ``None`` leaves the part out.
  The page renders this dict and the JSON twins serialise the very same dict, so page and JSON
  cannot disagree. ``user`` is always the public reader (an anonymous user): a standing states
  only what anyone may read, so the copy a client prints and the one the organisation shows
  are the same. Never put a members- or secretariat-level item in a part.
- ``template``: renders the part on the page with ``data``, ``part``, ``organisation`` and
  ``as_of`` in its context (dates as words: ``|date:"j F Y"``; labels, never raw codes).
- ``schema`` (optional): a DRF serializer class documenting ``data`` in the OpenAPI schema;
  the JSON twins output ``data`` through it, so only the fields it declares are published.
- ``note``: how the part's figures are computed, in a sentence, for the page's "how this is
  computed" note.

Adding a part is a short change in the higher app. The tiers and reports slices expose
``tier_commitment_of(*, organisation)`` and ``reports_on_time(*, organisation, user)``; the
integrator adds, e.g. to ``standards/standing.py``::

    class TierPartSerializer(serializers.Serializer):
        tier = serializers.CharField(help_text="the tier's name")
        committed_by = serializers.DateField(allow_null=True)

    def _tier(organisation, as_of, user):
        commitment = tier_commitment_of(organisation=organisation)
        if commitment is None:
            return None
        return {"tier": commitment.tier.name, "committed_by": commitment.target_date}

    register_part(StandingPart(key="tier", title="Tier committed to", order=30,
                               template="standards/standing/tier.html", data=_tier,
                               schema=TierPartSerializer,
                               note="The tier is the one the organisation declared."))

and likewise ``key="reports"`` (order 50) from ``reports_on_time(organisation=organisation,
user=user)``, one row per cycle: its name, due date, submitted on, on time (yes/no). The
templates are a few lines each (see ``standards/standing/certifications.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

PartData = Callable[[Any, date, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class StandingPart:
    key: str  # the part's key in the JSON twin's ``parts``
    title: str  # its heading on the page
    template: str
    data: PartData
    order: int = 100
    schema: type[Any] | None = None  # a DRF serializer class documenting ``data``
    # How the part's figures are computed, in a sentence for the page's note (and the JSON).
    note: str = ""


@dataclass(frozen=True)
class StatedPart:
    """One part as stated for an organisation on a day."""

    part: StandingPart
    data: dict[str, Any]

    @property
    def key(self) -> str:
        return self.part.key

    @property
    def title(self) -> str:
        return self.part.title


_registry: dict[str, StandingPart] = {}


def register_part(part: StandingPart) -> None:
    """Register ``part``; registering the same key again replaces it."""
    _registry[part.key] = part


def unregister_part(key: str) -> None:
    _registry.pop(key, None)


def registered_parts() -> list[StandingPart]:
    """Every registered part, in order."""
    return sorted(_registry.values(), key=lambda part: (part.order, part.key))


def stated_parts(organisation: Any, as_of: date, user: Any) -> list[StatedPart]:
    """The parts that have something to state about ``organisation`` on ``as_of``, in order."""
    stated = []
    for part in registered_parts():
        data = part.data(organisation, as_of, user)
        if data is not None:
            stated.append(StatedPart(part, data))
    return stated
