"""Access cases of a member's standing (issue 18, item 8): public for a member organisation,
the page and its JSON twins alike; an applicant's is the secretariat's only (and its own
people's: the matrix's applicant has none)."""

from __future__ import annotations

from typing import Any

from tests.access.matrix import Case


def _slug(which: str):
    def kwargs(world) -> dict[str, Any]:
        return {"slug": getattr(world, which).slug}

    return kwargs


def _cases() -> list[Case]:
    return [
        Case("public", kwargs=_slug("own"), label="own"),
        Case("public", kwargs=_slug("other"), label="other"),
        Case("secretariat", kwargs=_slug("applicant"), label="applicant (secretariat level)"),
    ]


PAGES: dict[str, list[Case]] = {
    "members:organisation-standing": _cases(),
    "members:organisation-standing-json": _cases(),
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/organisations/{slug}/standing/"): _cases(),
}
