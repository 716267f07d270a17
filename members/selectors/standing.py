"""A member's standing on a day: what the registered standing parts state about it (see
``alliance_portal.standing``), and the members app's own parts: its membership (member since,
chamber) and the agreements its people accepted.

Everything here is public: a standing states what anyone may read, the same for every reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Min
from django.utils import timezone

from alliance_portal.standing import StatedPart, registered_parts, stated_parts
from members.models import AgreementAcceptance, AgreementKind, AgreementVersion, Organisation

# The earliest day a standing can be asked for (no member joined before it).
EARLIEST = date(2000, 1, 1)

HOW_COMPUTED = [
    "Every figure on this page is recomputed from the portal's records each time the page is "
    "read; nobody types it in.",
    "It states only what is public: items an organisation shares with members or with the "
    "secretariat alone are never counted here, whoever reads the page.",
    "“As of” a day means: the records as they stand now, read for that day. The chamber and "
    "the membership status are today's.",
]


def as_of_problem(day: date) -> str | None:
    """Why a standing cannot be stated as of ``day``, or None."""
    if day > timezone.localdate():
        return (
            "Choose today or an earlier day: a standing states what is recorded, not what may come."
        )
    if day < EARLIEST:
        return f"Choose a day from {EARLIEST:%-d %B %Y} on."
    return None


@dataclass(frozen=True)
class Standing:
    organisation: Organisation
    as_of: date
    parts: list[StatedPart]

    @property
    def how_computed(self) -> list[str]:
        """The general rules, then what each part adds."""
        notes = [note for part in registered_parts() if (note := part.note)]
        return [*HOW_COMPUTED, *notes]


def member_standing(*, organisation: Organisation, as_of: date) -> Standing:
    """What the registered parts state about ``organisation`` on ``as_of``, as the public
    reads it."""
    return Standing(organisation, as_of, stated_parts(organisation, as_of, AnonymousUser()))


# --- The members app's own parts -------------------------------------------------------------


def membership_part(organisation: Organisation, as_of: date, user: Any) -> dict[str, Any]:
    """Member since (the day it joined), whether it had joined by ``as_of``, its chamber and
    its membership status."""
    joined = organisation.joined_on
    return {
        "member_since": joined,
        "joined_by_then": joined is not None and joined <= as_of,
        "membership_status": organisation.membership_status,
        "membership_status_label": organisation.get_membership_status_display(),
        "chamber": {"slug": organisation.chamber.slug, "name": organisation.chamber.name},
    }


def agreements_part(organisation: Organisation, as_of: date, user: Any) -> dict[str, Any] | None:
    """For each agreement (charter, information-sharing protocol), the version current on
    ``as_of`` and whether the organisation's people had accepted it by then (from when). Says
    nothing of who accepted, nor how many: the people of an organisation are not all public."""
    current = list(
        AgreementVersion.objects.filter(published_at__date__lte=as_of)
        .order_by("kind", "-version")
        .distinct("kind")
    )
    if not current:
        return None
    first_accepted = dict(
        AgreementAcceptance.objects.filter(
            person__organisation=organisation,
            agreement__in=current,
            accepted_at__date__lte=as_of,
        )
        .values("agreement")
        .annotate(first=Min("accepted_at"))
        .values_list("agreement", "first")
    )
    agreements = []
    for agreement in current:
        accepted_at = first_accepted.get(agreement.pk)
        agreements.append(
            {
                "kind": agreement.kind,
                "kind_label": str(AgreementKind(agreement.kind).label),
                "version": agreement.version,
                "title": agreement.title,
                "published_on": timezone.localdate(agreement.published_at),
                "accepted": accepted_at is not None,
                "first_accepted_on": timezone.localdate(accepted_at) if accepted_at else None,
            }
        )
    return {
        "agreements": agreements,
        "all_accepted": all(agreement["accepted"] for agreement in agreements),
    }
