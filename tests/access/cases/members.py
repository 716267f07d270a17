"""Access cases of the members app."""

from __future__ import annotations

from tests.access.matrix import Case


def _own(world):
    return {"slug": world.own.slug}


def _other(world):
    return {"slug": world.other.slug}


def _applicant(world):
    return {"slug": world.applicant.slug}


PAGES: dict[str, list[Case]] = {
    "members:organisation-list": [Case("public")],
    "members:organisation-detail": [
        Case("public", kwargs=_own, label="own"),
        Case("public", kwargs=_other, label="other"),
        Case("secretariat", kwargs=_applicant, label="applicant (secretariat level)"),
    ],
    "members:organisation-edit": [
        Case("own-organisation-edit", kwargs=_own, label="own"),
        Case("other-organisation-edit", kwargs=_other, label="other"),
        Case("secretariat", kwargs=_applicant, label="applicant"),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/chambers/"): [Case("public")],
    ("get", "/api/v1/chambers/{slug}/"): [
        Case("public", kwargs=lambda w: {"slug": w.own.chamber.slug})
    ],
    ("get", "/api/v1/organisations/"): [Case("public")],
    ("get", "/api/v1/organisations/{slug}/"): [
        Case("public", kwargs=_own, label="own"),
        Case("public", kwargs=_other, label="other"),
        Case("secretariat", kwargs=_applicant, label="applicant"),
    ],
    ("patch", "/api/v1/organisations/{slug}/"): [
        Case("own-organisation-edit", kwargs=_own, data={"contact_phone": "+1"}, label="own"),
        Case("other-organisation-edit", kwargs=_other, data={"contact_phone": "+1"}, label="other"),
        Case("secretariat", kwargs=_applicant, data={"contact_phone": "+1"}, label="applicant"),
    ],
}
