"""Test objects of the members app that several test modules need."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from members.models import Chamber, MembershipApplication
from members.pdf_check import minimal_pdf


def submitted_application(chamber: Chamber, **fields: Any) -> MembershipApplication:
    """A submitted membership application (stored directly: not what is under test)."""
    values: dict[str, Any] = {
        "organisation_name": "Applying Org",
        "kind": "company",
        "headquarters_country": "FI",
        "description": "d",
        "motivation": "m",
        "representative_name": "R",
        "representative_email": "r@applying.example",
        "representative_position": "P",
        "commitment_signatory_name": "S",
        "commitment_signatory_position": "CEO",
        "commitment_signed_on": date(2026, 1, 1),
        "commitment_letter": ContentFile(minimal_pdf(), name="l.pdf"),
    }
    values.update(fields)
    return MembershipApplication.objects.create(chamber=chamber, **values)
