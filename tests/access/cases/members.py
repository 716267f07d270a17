"""Access cases of the members app."""

from __future__ import annotations

from datetime import date

from tests.access.matrix import Case
from tests.members.factories import submitted_application


def populate(world) -> None:
    from alliance_portal.policy import SYSTEM
    from members.models import (
        CountryRiskNote,
        FocusCountry,
        FocusMaterial,
        PartnerAlliance,
        Person,
        StakeholderGroup,
    )
    from members.services import agreement_publish, agreements_accept

    # Published agreements, accepted by the world's people (so its members stay members).
    agreements = [
        agreement_publish(actor=SYSTEM, kind=kind, title=kind, text="Text.")
        for kind in ("charter", "protocol")
    ]
    for person in Person.objects.all():
        agreements_accept(actor=person.user, person=person, agreements=agreements)
    FocusMaterial.objects.create(material="cobalt")

    country = FocusCountry.objects.create(country="CD", role="producer")
    for level in ("public", "members", "secretariat"):
        CountryRiskNote.objects.create(
            country=country, title=f"{level} note", noted_on=date(2026, 1, 1), disclosure=level
        )
    StakeholderGroup.objects.create(
        name="Artisanal miners", influence=2, impact=5, engagement="not_engaged"
    )
    PartnerAlliance.objects.create(name="Partner", slug="partner", liaison_email="l@p.example")
    world.extra["application"] = submitted_application(world.own.chamber)


def _application(world):
    return {"pk": world.extra["application"].pk}


def _own_person(world):
    return {"slug": world.own.slug, "person_id": world.people["own-public"].pk}


def _other_person(world):
    return {"slug": world.other.slug, "person_id": world.people["other-public"].pk}


def _own(world):
    return {"slug": world.own.slug}


def _other(world):
    return {"slug": world.other.slug}


def _applicant(world):
    return {"slug": world.applicant.slug}


PAGES: dict[str, list[Case]] = {
    "members:organisation-list": [Case("public")],
    "members:apply": [Case("public")],
    "members:application-list": [Case("secretariat")],
    "members:application-review": [Case("secretariat", kwargs=_application)],
    "members:application-letter": [Case("secretariat", kwargs=_application)],
    "members:agreements": [Case("signed-in")],
    "members:coverage": [Case("public")],
    "members:coverage-csv": [Case("public")],
    "members:stakeholders": [Case("members")],
    "members:partner-list": [Case("public")],
    "members:organisation-people": [
        Case("own-organisation-edit", kwargs=_own, label="own"),
        Case("other-organisation-edit", kwargs=_other, label="other"),
    ],
    "members:person-change": [
        Case(
            "own-organisation-edit",
            kwargs=_own_person,
            method="post",
            data={"action": "designate"},
            ok=frozenset({302}),
            label="own",
        ),
        Case(
            "other-organisation-edit",
            kwargs=_other_person,
            method="post",
            data={"action": "designate"},
            ok=frozenset({302}),
            label="other",
        ),
    ],
    "countries:country-list": [Case("public")],
    "countries:country-detail": [Case("public", kwargs=lambda w: {"iso2": "cd"})],
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
    ("get", "/api/v1/stakeholder-groups/"): [Case("members")],
    ("get", "/api/v1/partner-alliances/"): [Case("public")],
    ("get", "/api/v1/coverage/"): [Case("public")],
    ("get", "/api/v1/countries/"): [Case("public")],
    ("get", "/api/v1/countries/{iso2}/"): [Case("public", kwargs=lambda w: {"iso2": "cd"})],
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
