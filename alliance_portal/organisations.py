"""How the shared layer names organisations it knows only by id (the access log's owner, the
audit trail's filter): the members app registers a lookup from its ``AppConfig.ready()``, as it
registers the membership lookup (the shared layer may not import it, DESIGN.md §3)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationLookup:
    # (slug, name) of every organisation, by name: a filter's choices (one query).
    choices: Callable[[], list[tuple[str, str]]]
    # slug -> id, or None when there is no such organisation (one query).
    id_of: Callable[[str], int | None]
    # ids -> names, for the ids of one page (one query).
    names: Callable[[Iterable[int]], dict[int, str]]


_lookup: list[OrganisationLookup] = []


def register_organisation_lookup(lookup: OrganisationLookup) -> None:
    _lookup[:] = [lookup]


def organisation_lookup() -> OrganisationLookup:
    if not _lookup:
        return OrganisationLookup(choices=list, id_of=lambda slug: None, names=lambda ids: {})
    return _lookup[0]
