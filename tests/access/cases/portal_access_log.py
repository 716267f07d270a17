"""Access cases of the access log and the audit trail (issue 20, item 1): an organisation's
log is its own people's and the secretariat's (B's, the applicant's: the secretariat's only);
the reason page, the whole log and the audit trail are the secretariat's."""

from __future__ import annotations

from typing import Any

from tests.access.matrix import Case


def _slug(which: str):
    def kwargs(world) -> dict[str, Any]:
        return {"slug": getattr(world, which).slug}

    return kwargs


def _cases() -> list[Case]:
    return [
        Case("own-organisation-read", kwargs=_slug("own"), label="own"),
        Case("secretariat", kwargs=_slug("other"), label="other"),
        Case("secretariat", kwargs=_slug("applicant"), label="applicant"),
    ]


PAGES: dict[str, list[Case]] = {
    "members:organisation-access-log": _cases(),
    "members:organisation-access-log-csv": _cases(),
    "read_reason": [Case("secretariat")],
    "access-log": [Case("secretariat")],
    "audit-trail": [Case("secretariat")],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/organisations/{slug}/access-log/"): _cases(),
}
