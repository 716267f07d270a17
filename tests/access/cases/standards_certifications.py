"""Access cases of certifications (issue 18, item 1): read by their disclosure level (the
organisation's own people read all of its own); recorded and changed by the organisation's
representative or the secretariat."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from standards import services
from standards.models import Standard, StandardKind, StandardVersion
from tests.access.matrix import Case

CODE, LABEL = "matrix-certified", "1.0"
BODY = {"standard": CODE, "version": LABEL, "valid_from": "2025-01-01"}
# The body of a new certification of the own organisation: its slug is filled in by
# ``populate`` (a case's data is a plain dict, sent as it is when the case runs).
CREATE: dict[str, Any] = dict(BODY)


def populate(world) -> None:
    """A certification standard and, for the other organisation, one certification at each
    disclosure level; for the own organisation, a public one."""
    if "certifications" in world.extra:
        return
    CREATE["organisation"] = world.own.slug
    standard = Standard.objects.create(
        code=CODE,
        title="Matrix certification standard",
        short_name="MCS",
        issuing_body="A certifier",
        kind=StandardKind.CERTIFICATION_STANDARD,
    )
    version = StandardVersion.objects.create(standard=standard, label=LABEL, status="current")
    today = timezone.localdate()

    def certify(organisation: Any, level: str) -> Any:
        return services.certification_record(
            actor=SYSTEM,
            organisation=organisation,
            fields=services.CertificationFields(
                version=version,
                valid_from=today - timedelta(days=30),
                disclosure=level,
                sites=f"Matrix {level} site",
            ),
        )

    extra = {f"other-{level}": certify(world.other, level) for level in DisclosureLevel.values}
    extra["own-public"] = certify(world.own, DisclosureLevel.PUBLIC)
    world.extra["certifications"] = extra


def _pk(key: str, name: str = "pk"):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {name: world.extra["certifications"][key].pk}

    return kwargs


def _slug(which: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"slug": getattr(world, which).slug}

    return kwargs


def _none(world) -> dict[str, Any]:
    populate(world)
    return {}


PAGES: dict[str, list[Case]] = {
    "standards:certification-list": [Case("public", kwargs=_none)],
    "standards:certification-detail": [
        Case("public", kwargs=_pk("other-public"), label="public"),
        Case("members", kwargs=_pk("other-members"), label="members-level"),
        Case("secretariat", kwargs=_pk("other-secretariat"), label="secretariat-level"),
    ],
    "standards:certification-create": [
        Case("own-organisation-edit", kwargs=_slug("own"), label="own organisation"),
        Case("other-organisation-edit", kwargs=_slug("other"), label="another organisation"),
    ],
    "standards:certification-edit": [
        Case("own-organisation-edit", kwargs=_pk("own-public"), label="own organisation's"),
        Case("other-organisation-edit", kwargs=_pk("other-public"), label="another's"),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/certifications/"): [Case("public", kwargs=_none)],
    ("post", "/api/v1/certifications/"): [
        Case(
            "own-organisation-edit",
            kwargs=_none,
            data=CREATE,
            ok=frozenset({201}),
            label="own organisation",
        )
    ],
    ("get", "/api/v1/certifications/{id}/"): [
        Case("public", kwargs=_pk("other-public", "id"), label="public"),
        Case("members", kwargs=_pk("other-members", "id"), label="members-level"),
        Case("secretariat", kwargs=_pk("other-secretariat", "id"), label="secretariat-level"),
    ],
    ("put", "/api/v1/certifications/{id}/"): [
        Case(
            "own-organisation-edit",
            kwargs=_pk("own-public", "id"),
            data={**BODY, "status": "suspended"},
            label="own organisation's",
        ),
        Case(
            "other-organisation-edit",
            kwargs=_pk("other-public", "id"),
            data={**BODY, "status": "suspended"},
            label="another's",
        ),
    ],
    ("get", "/api/v1/organisations/{slug}/baseline-coverage/"): [
        Case("public", kwargs=_slug("other"))
    ],
}
