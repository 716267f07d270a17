"""Demo downstream demands: five buyers (carmakers, an electronics maker, a battery maker and
the battery makers' association) ask their suppliers for baseline requirements and a few
elements of other standards. They overlap on purpose: some cells reach 3 buyers and are
published (cobalt's chain of custody is asked by four), others stay "fewer than 3 buyers"."""

from __future__ import annotations

from alliance_portal.policy import SYSTEM
from members.models import Organisation
from standards import services
from standards.models import Element, StandardVersion

RHINE = "Rhine Motor Works"
LOIRE = "Loire Automobiles"
KANTO = "Kanto Electronics"
GREAT_LAKES = "Great Lakes Battery Systems"
BATTERY_MAKERS = "European Battery Makers' Association"

BASELINE = ("alliance-baseline", "1.0")
OECD = ("oecd-ddg-minerals", "3rd-edition")
IRMA = ("irma-std-001", "1.0")

# buyer, material, (standard code, version), element refs, note (the buyer's own)
DEMANDS: list[tuple[str, str, tuple[str, str], list[str], str]] = [
    (RHINE, "cobalt", BASELINE, ["AB-1.3", "AB-2.1", "AB-3.3", "AB-4.1"], "Supplier code of conduct, section 4."),
    (RHINE, "cobalt", OECD, ["Step 1D"], ""),
    (RHINE, "lithium", BASELINE, ["AB-4.2", "AB-3.2"], ""),
    (RHINE, "nickel", BASELINE, ["AB-4.4"], ""),
    (LOIRE, "cobalt", BASELINE, ["AB-1.3", "AB-2.1", "AB-2.2", "AB-4.1"], "Battery purchasing terms."),
    (LOIRE, "cobalt", OECD, ["Step 1D"], ""),
    (LOIRE, "cobalt", IRMA, ["3.1"], ""),
    (LOIRE, "lithium", BASELINE, ["AB-4.2", "AB-4.1"], ""),
    (KANTO, "tin", BASELINE, ["AB-3.3"], ""),
    (KANTO, "tantalum", BASELINE, ["AB-3.3"], ""),
    (KANTO, "tungsten", BASELINE, ["AB-3.3"], ""),
    (KANTO, "gold", BASELINE, ["AB-3.3"], ""),
    (KANTO, "tin", OECD, ["Step 1C"], "Conflict-minerals policy."),
    (GREAT_LAKES, "cobalt", BASELINE, ["AB-1.3", "AB-2.1", "AB-3.3"], ""),
    (GREAT_LAKES, "cobalt", OECD, ["Step 1D"], ""),
    (GREAT_LAKES, "lithium", BASELINE, ["AB-4.2", "AB-3.2"], ""),
    (GREAT_LAKES, "nickel", BASELINE, ["AB-4.4"], ""),
    (BATTERY_MAKERS, "cobalt", BASELINE, ["AB-1.3", "AB-3.3"], ""),
    (BATTERY_MAKERS, "cobalt", IRMA, ["3.1"], ""),
    (BATTERY_MAKERS, "lithium", BASELINE, ["AB-4.2", "AB-3.2"], ""),
    (BATTERY_MAKERS, "graphite", BASELINE, ["AB-1.3"], ""),
]  # fmt: skip


def seed() -> None:
    """Record the demo demands (those already there stay as they are; a buyer or element the
    demo does not hold is left out)."""
    buyers = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(name__in={row[0] for row in DEMANDS})
    }
    versions = {
        (version.standard.code, version.label): version
        for version in StandardVersion.objects.select_related("standard").filter(
            standard__code__in={row[2][0] for row in DEMANDS}
        )
    }
    for name, material, key, refs, note in DEMANDS:
        buyer, version = buyers.get(name), versions.get(key)
        if buyer is None or version is None or not buyer.is_downstream:
            continue
        elements = list(
            Element.objects.filter(version=version, ref__in=refs).select_related(
                "version__standard"
            )
        )
        if elements:
            services.demand_record(
                actor=SYSTEM, organisation=buyer, material=material, elements=elements, note=note
            )
