"""Demo certifications: about half the member organisations (the companies) recognised under
one or more standards, with one expired, one suspended, one in progress, and a few that only
members or the secretariat may read."""

from __future__ import annotations

from datetime import date

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from members.models import Organisation
from standards import services
from standards.models import Certification, CertificationStatus, StandardVersion

CERTIFIED = CertificationStatus.CERTIFIED
PUBLIC, MEMBERS, SECRETARIAT = (
    DisclosureLevel.PUBLIC,
    DisclosureLevel.MEMBERS,
    DisclosureLevel.SECRETARIAT,
)

# organisation, standard code, version, status, valid from, valid until, sites, disclosure
CERTIFICATIONS: list[tuple[str, str, str, str, date | None, date | None, str, str]] = [
    ("Katanga Copper-Cobalt Mining", "irma-std-001", "1.0", CERTIFIED, date(2024, 9, 1), date(2027, 8, 31), "Kolwezi open pit\nLuilu concentrator", PUBLIC),
    ("Katanga Copper-Cobalt Mining", "copper-mark-jdds", "2022", CERTIFIED, date(2025, 2, 1), date(2028, 1, 31), "", PUBLIC),
    ("Andes Polymetallic", "irma-std-001", "1.0", CertificationStatus.IN_PROGRESS, None, None, "Cerro Rico underground mine", PUBLIC),
    ("Andes Polymetallic", "copper-mark-jdds", "2022", CERTIFIED, date(2023, 5, 1), date(2026, 4, 30), "", PUBLIC),
    ("Atacama Lithium Brines", "irma-std-001", "1.0", CERTIFIED, date(2025, 6, 1), date(2028, 5, 31), "Salar operations", PUBLIC),
    ("Sulawesi Nickel Resources", "irma-std-001", "1.0", CertificationStatus.SUSPENDED, date(2024, 1, 15), date(2027, 1, 14), "", PUBLIC),
    ("Bushveld Platinum & Chrome", "irma-std-001", "1.0", CERTIFIED, date(2025, 3, 1), date(2028, 2, 29), "", MEMBERS),
    ("Artisanal Miners' Cooperative of Kolwezi", "oecd-ddg-minerals", "3rd-edition", CertificationStatus.IN_PROGRESS, None, None, "Kasulo artisanal site", PUBLIC),
    ("Rotterdam Cobalt Refinery", "rmi-rra", "3.0", CERTIFIED, date(2024, 11, 1), date(2027, 10, 31), "", PUBLIC),
    ("Jiangxi Tungsten Smelting", "rmi-rra", "3.0", CERTIFIED, date(2025, 4, 1), date(2028, 3, 31), "", PUBLIC),
    ("Malaysian Tin Smelting Works", "rmi-rra", "3.0", CERTIFIED, date(2024, 7, 1), date(2027, 6, 30), "Butterworth smelter", SECRETARIAT),
    ("Potosí Refining Company", "lbma-rgg", "v9", CertificationStatus.EXPIRED, date(2021, 3, 1), date(2024, 2, 29), "", PUBLIC),
    ("Rhine Motor Works", "responsiblesteel", "2.0", CERTIFIED, date(2025, 1, 1), date(2027, 12, 31), "Stuttgart body plant", PUBLIC),
    ("Loire Automobiles", "asi-performance-standard", "V3", CERTIFIED, date(2024, 10, 1), date(2027, 9, 30), "", PUBLIC),
    ("Great Lakes Battery Systems", "irma-std-001", "1.0", CertificationStatus.IN_PROGRESS, None, None, "", MEMBERS),
]  # fmt: skip


def seed() -> None:
    """Record the demo certifications once (an organisation's certification under a version
    that is already there is left as it is)."""
    versions = {
        (version.standard.code, version.label): version
        for version in StandardVersion.objects.select_related("standard")
    }
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(name__in={row[0] for row in CERTIFICATIONS})
    }
    for name, code, label, status, valid_from, valid_until, sites, disclosure in CERTIFICATIONS:
        organisation, version = organisations.get(name), versions.get((code, label))
        if organisation is None or version is None:
            continue
        if Certification.objects.filter(organisation=organisation, version=version).exists():
            continue
        services.certification_record(
            actor=SYSTEM,
            organisation=organisation,
            fields=services.CertificationFields(
                version=version,
                status=status,
                valid_from=valid_from,
                valid_until=valid_until,
                sites=sites,
                materials=[
                    value for value in organisation.materials if value in version.standard.materials
                ]
                or list(organisation.materials[:2]),
                disclosure=disclosure,
            ),
        )
