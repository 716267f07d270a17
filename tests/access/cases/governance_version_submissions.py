"""Access cases of a member author's revised version (issue 16, texts that change through
consultation, "with the secretariat for member-tabled ones").

The author organisation's representative submits a revised version of its member-tabled
proposal; its people and the secretariat read what was submitted (secretariat-level material
owned by the author organisation: never another organisation, a reviewer or the public); only
the secretariat publishes it or returns it with a reason.

``populate`` adds four public proposals of the own organisation in deliberation after their
consultation: three with a revision awaiting the secretariat (to read, to publish, to return)
and one without (to submit to).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.proposals import services as proposal_services
from governance.versions import services
from members.models import Organisation
from tests.access.cases import governance_tabling
from tests.access.matrix import Case
from tests.governance.factories import TEXT
from tests.governance.tabling_support import tabled

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when done; 200 when the form comes back with a message
ONCE = frozenset({200, 201, 400})  # the first allowed role does it; the next finds it done
REVISED = TEXT.replace("within 30 days", "within 14 days")
KEY = "governance_version_submissions"


def _deliberating(world, title: str):
    sponsors = list(
        Organisation.objects.filter(name__in=["Copperbelt Mining", "Kolwezi Women Miners"])
    )
    proposal = tabled(world.own, sponsors, title=title)
    proposal_services.proposal_admit(
        actor=SYSTEM, proposal=proposal, consultation_closes_at=timezone.now() + timedelta(days=20)
    )
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    proposal.refresh_from_db()
    return proposal


def _submitted(world, title: str):
    proposal = _deliberating(world, title)
    return services.version_submit(
        actor=SYSTEM, proposal=proposal, text=REVISED, note="Reporting within 14 days."
    )


def populate(world) -> None:
    if KEY in world.extra:
        return
    governance_tabling.populate(world)  # the organisations of two other chambers
    world.extra[KEY] = {
        "read": _submitted(world, "Revision to read"),
        "publish": _submitted(world, "Revision to publish"),
        "return": _submitted(world, "Revision to return"),
        "open": _deliberating(world, "Awaiting its revision"),
    }


def _get(world, key: str) -> Any:
    populate(world)
    return world.extra[KEY][key]


def _proposal(key: str, name: str = "pk"):
    def kwargs(world) -> dict[str, Any]:
        item = _get(world, key)
        return {name: getattr(item, "proposal_id", item.pk)}

    return kwargs


def _submission(key: str, name: str = "pk"):
    def kwargs(world) -> dict[str, Any]:
        submission = _get(world, key)
        return {name: submission.proposal_id, "sid": submission.pk}

    return kwargs


SUBMIT = {"title": "Awaiting its revision", "summary": "S.", "text": REVISED, "note": "Why."}

PAGES: dict[str, list[Case]] = {
    "governance:version-submit": [
        Case("representative", kwargs=_proposal("open")),
        Case(
            "representative",
            kwargs=_proposal("open"),
            method="post",
            data=SUBMIT,
            ok=FORM,
            label="submit (after the API's, the form says one awaits the secretariat)",
        ),
    ],
    "governance:version-submissions": [
        Case("signed-in", kwargs=_proposal("read"), label="each reads the ones they may"),
    ],
    "governance:version-submission": [
        Case("own-organisation-read", kwargs=_submission("read")),
    ],
    "governance:version-submission-publish": [
        Case(
            "secretariat",
            kwargs=_submission("publish"),
            method="post",
            ok=REDIRECT,
            label="publish (the second staff role is told it is published)",
        ),
    ],
    "governance:version-submission-return": [
        Case("secretariat", kwargs=_submission("return")),
        Case(
            "secretariat",
            kwargs=_submission("return"),
            method="post",
            data={"reason": "Say who pays."},
            ok=FORM,
            label="return (the second staff role finds it returned)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/proposals/{id}/versions/submissions/"): [
        Case("signed-in", kwargs=_proposal("read", "id"), label="each reads the ones they may"),
    ],
    ("post", "/api/v1/proposals/{id}/versions/submissions/"): [
        Case(
            "representative",
            kwargs=_proposal("open", "id"),
            data={"text": REVISED, "note": "Why."},
            ok=ONCE,
        ),
    ],
    ("get", "/api/v1/proposals/{id}/versions/submissions/{sid}/"): [
        Case("own-organisation-read", kwargs=_submission("read", "id")),
    ],
    ("post", "/api/v1/proposals/{id}/versions/submissions/{sid}/publish/"): [
        Case(
            "secretariat",
            kwargs=_submission("publish", "id"),
            ok=ONCE,
            label="publish (the second staff role finds it published)",
        ),
    ],
    ("post", "/api/v1/proposals/{id}/versions/submissions/{sid}/return/"): [
        Case(
            "secretariat",
            kwargs=_submission("return", "id"),
            data={"reason": "Say who pays."},
            ok=ONCE,
            label="return (the second staff role finds it returned)",
        ),
    ],
}
