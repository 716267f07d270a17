"""Demo acceptance request: an upstream member proposes the Copper Mark's joint due-diligence
standard (an industry scheme, with approved crosswalk mappings) as meeting the due-diligence
part of the alliance baseline, submitted and public, so its page shows claim against evidence."""

from __future__ import annotations

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from members.models import Organisation
from standards import services
from standards.models import AcceptanceRequest, StandardVersion

ORGANISATION = "Katanga Copper-Cobalt Mining"
CODE, LABEL = "copper-mark-jdds", "2022"
REQUIREMENTS = ["AB-1.1", "AB-1.3", "AB-1.5", "AB-1.6", "AB-1.7", "AB-1.8", "AB-1.9"]
STATEMENT = """Our copper and cobalt operations are assessed against the Joint Due Diligence \
Standard for Copper, Lead, Nickel and Zinc, which follows the five steps of the OECD guidance.

- Step 1 covers our supply-chain policy, chain of custody and grievance mechanism.
- Steps 2 and 3 cover risk identification and our risk response plan.
- Step 4 is an independent third-party assessment; step 5 our annual public report.

We ask the alliance to accept the standard as meeting these due-diligence requirements of the \
baseline, so that members sourcing from sites assessed under it need no second audit for them."""


def seed() -> None:
    """Draft and submit the demo request once (left as it is when the organisation already
    asked for this version)."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    version = (
        StandardVersion.objects.select_related("standard")
        .filter(standard__code=CODE, label=LABEL)
        .first()
    )
    if organisation is None or version is None:
        return
    if AcceptanceRequest.objects.filter(organisation=organisation, version=version).exists():
        return
    draft = services.acceptance_request_draft(
        actor=SYSTEM,
        organisation=organisation,
        fields=services.AcceptanceFields(
            version=version,
            statement=STATEMENT,
            requirement_refs=REQUIREMENTS,
            disclosure=DisclosureLevel.PUBLIC,
        ),
    )
    services.acceptance_request_submit(actor=SYSTEM, request=draft)
