"""Access cases of acceptance requests (issue 18, item 9): a draft is read by its organisation's
people and the secretariat only; a submitted request at its own level; only the organisation's
representative drafts, changes, submits and withdraws; only the secretariat opens a proposal
from one."""

from __future__ import annotations

from typing import Any

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from standards import services
from standards.models import Standard, StandardKind, StandardVersion
from tests.access.matrix import Case

CODE, LABEL = "matrix-accepted", "1.0"
BODY: dict[str, Any] = {"standard": CODE, "version": LABEL, "statement": "Meets it all."}


def populate(world) -> None:
    """A standard; for the other organisation a draft and a submitted request at each level
    (and one more, public, for the secretariat to open a proposal from); for the own
    organisation a draft and a submitted public request."""
    if "acceptance" in world.extra:
        return
    from governance.acceptance.services import proposal_open_from_acceptance_request
    from tests.governance.factories import assembly

    assembly()  # the body a proposal goes to
    standard = Standard.objects.create(
        code=CODE,
        title="Matrix industry scheme",
        short_name="MIS",
        issuing_body="An industry association",
        kind=StandardKind.CERTIFICATION_STANDARD,
    )
    version = StandardVersion.objects.create(standard=standard, label=LABEL, status="current")

    def request(organisation: Any, level: str, *, submit: bool) -> Any:
        made = services.acceptance_request_draft(
            actor=SYSTEM,
            organisation=organisation,
            fields=services.AcceptanceFields(
                version=version, statement=f"Matrix {level} claim", disclosure=level
            ),
        )
        return services.acceptance_request_submit(actor=SYSTEM, request=made) if submit else made

    extra = {
        f"other-{level}": request(world.other, level, submit=True)
        for level in DisclosureLevel.values
    }
    extra["other-draft"] = request(world.other, DisclosureLevel.PUBLIC, submit=False)
    extra["other-to-open"] = request(world.other, DisclosureLevel.PUBLIC, submit=True)
    extra["other-opened"] = request(world.other, DisclosureLevel.MEMBERS, submit=True)
    proposal_open_from_acceptance_request(
        actor=SYSTEM, request=extra["other-opened"], body=assembly()
    )
    extra["own-draft"] = request(world.own, DisclosureLevel.PUBLIC, submit=False)
    extra["own-public"] = request(world.own, DisclosureLevel.PUBLIC, submit=True)
    world.extra["acceptance"] = extra


def _pk(key: str, name: str = "pk"):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {name: world.extra["acceptance"][key].pk}

    return kwargs


def _none(world) -> dict[str, Any]:
    populate(world)
    return {}


# The open-proposal form's data: the General Assembly's id, filled in when the case's
# arguments are asked for (a case's data is a plain dict, sent as it is).
OPEN: dict[str, Any] = {}


def _to_open(world) -> dict[str, Any]:
    from governance.bodies.models import Body

    populate(world)
    OPEN["body"] = Body.objects.get(slug="general-assembly").pk
    return {"pk": world.extra["acceptance"]["other-to-open"].pk}


READS = [
    Case("public", kwargs=_pk("other-public"), label="public"),
    Case("members", kwargs=_pk("other-members"), label="members-level"),
    Case("secretariat", kwargs=_pk("other-secretariat"), label="secretariat-level"),
    Case("secretariat", kwargs=_pk("other-draft"), label="another's draft"),
    Case("own-organisation-read", kwargs=_pk("own-draft"), label="own organisation's draft"),
]


PAGES: dict[str, list[Case]] = {
    "standards:acceptance-list": [Case("public", kwargs=_none)],
    "standards:acceptance-detail": READS,
    "standards:acceptance-create": [Case("representative", kwargs=_none)],
    "standards:acceptance-edit": [
        Case("representative", kwargs=_pk("own-draft"), label="own organisation's draft")
    ],
    "standards:acceptance-submit": [
        Case(
            "representative",
            kwargs=_pk("own-draft"),
            method="post",
            ok=frozenset({302}),
            label="own organisation's draft",
        )
    ],
    "standards:acceptance-withdraw": [
        Case("representative", kwargs=_pk("own-public"), label="own organisation's request")
    ],
    "governance:acceptance-open-proposal": [
        Case(
            "secretariat",
            kwargs=_to_open,
            method="post",
            data=OPEN,
            ok=frozenset({302}),
            label="a submitted request",
        )
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/acceptance-requests/"): [Case("public", kwargs=_none)],
    ("post", "/api/v1/acceptance-requests/"): [
        Case(
            "representative",
            kwargs=_none,
            data=BODY,
            ok=frozenset({201}),
            label="own organisation",
        )
    ],
    ("get", "/api/v1/acceptance-requests/{id}/"): [
        Case(case.level, kwargs=_pk(key, "id"), label=case.label)
        for case, key in zip(
            READS,
            ("other-public", "other-members", "other-secretariat", "other-draft", "own-draft"),
            strict=True,
        )
    ],
    ("get", "/api/v1/acceptance-requests/{id}/proposals/"): [
        Case("public", kwargs=_pk("other-public", "id"), label="public, none opened"),
        Case("members", kwargs=_pk("other-opened", "id"), label="members-level, one opened"),
    ],
    ("put", "/api/v1/acceptance-requests/{id}/"): [
        Case(
            "representative",
            kwargs=_pk("own-draft", "id"),
            data={**BODY, "statement": "Meets it all, as amended."},
            label="own organisation's draft",
        )
    ],
    ("post", "/api/v1/acceptance-requests/{id}/submit/"): [
        Case("representative", kwargs=_pk("own-draft", "id"), label="own organisation's draft")
    ],
    ("post", "/api/v1/acceptance-requests/{id}/withdraw/"): [
        Case(
            "representative",
            kwargs=_pk("own-public", "id"),
            data={"reason": "Superseded."},
            label="own organisation's request",
        )
    ],
}
