"""Writes of the standards registry: a version becoming current, and a version's element tree
imported from CSV."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.text_limits import length_problem
from alliance_portal.types import Actor
from standards.csv_io import ELEMENT_COLUMNS, CsvImportError, CsvRow, RowError, read_rows
from standards.models import Element, ElementKind, StandardVersion, VersionStatus


@use_case
def version_make_current(*, actor: Actor, version: StandardVersion) -> StandardVersion:
    """Make ``version`` its standard's current version; the version that was current becomes
    superseded. Withdrawn versions cannot become current."""
    policy.require(actor, "version.make_current", version)
    if version.status == VersionStatus.WITHDRAWN:
        raise ValidationError({"status": "A withdrawn version cannot become current."})
    if version.status == VersionStatus.CURRENT:
        return version
    StandardVersion.objects.filter(
        standard_id=version.standard_id, status=VersionStatus.CURRENT
    ).update(status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.CURRENT
    version.save(update_fields=["status"])
    return version


@dataclass(frozen=True)
class ElementImport:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class _ElementRow:
    number: int
    ref: str
    parent_ref: str
    kind: str
    title: str
    summary: str
    order: int


def _parse_element_rows(rows: list[CsvRow]) -> tuple[list[_ElementRow], list[RowError]]:
    parsed: list[_ElementRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    kinds = {value: value for value in ElementKind.values} | {
        str(label).lower(): value for value, label in ElementKind.choices
    }
    for position, row in enumerate(rows, start=1):
        values = row.values
        problems: list[RowError] = []
        ref = values["ref"]
        if not ref:
            problems.append(RowError(row.number, "ref", "A reference code is required."))
        elif len(ref) > 40:
            problems.append(RowError(row.number, "ref", "At most 40 characters."))
        elif ref in seen:
            problems.append(
                RowError(row.number, "ref", f"'{ref}' appears already in row {seen[ref]}.")
            )
        kind = kinds.get(values["kind"].lower())
        if kind is None:
            problems.append(
                RowError(
                    row.number,
                    "kind",
                    f"Unknown kind '{values['kind']}'; one of: {', '.join(ElementKind.values)}.",
                )
            )
        title = values["title"]
        if not title:
            problems.append(RowError(row.number, "title", "A title is required."))
        elif len(title) > 250:
            problems.append(RowError(row.number, "title", "At most 250 characters."))
        summary_problem = length_problem(Element, "summary", values.get("summary", ""))
        if summary_problem:
            problems.append(RowError(row.number, "summary", summary_problem))
        order_text = values.get("order", "")
        order = position * 10
        if order_text:
            if order_text.isdigit():
                order = int(order_text)
            else:
                problems.append(
                    RowError(row.number, "order", f"'{order_text}' is not a whole number.")
                )
        parent_ref = values.get("parent_ref", "")
        if parent_ref and parent_ref == ref:
            problems.append(RowError(row.number, "parent_ref", "An element is not its own parent."))
        if ref and ref not in seen:
            seen[ref] = row.number
        if problems:
            errors.extend(problems)
            continue
        parsed.append(
            _ElementRow(
                number=row.number,
                ref=ref,
                parent_ref=parent_ref,
                kind=str(kind),
                title=title,
                summary=values.get("summary", ""),
                order=order,
            )
        )
    return parsed, errors


@use_case
def version_import_elements_csv(
    *, actor: Actor, version: StandardVersion, csv_text: str
) -> ElementImport:
    """Import a version's element tree from CSV (columns ``ref, parent_ref, kind, title,
    summary, order``; ``parent_ref`` and ``order`` may be empty, ``order`` then follows the
    file). A row whose ``ref`` exists in the version updates that element; other rows add
    elements; elements not in the file are kept (their crosswalk mappings depend on them).

    The file is checked as a whole: every row's problems are reported by row number
    (``CsvImportError``), and nothing is imported when any row is invalid. A parent is an
    element of the file or of the version; no element may end up its own ancestor."""
    policy.require(actor, "version.import_elements", version)
    parsed, errors = _parse_element_rows(read_rows(csv_text, ELEMENT_COLUMNS))
    existing = {
        element.ref: element
        for element in Element.objects.filter(version=version).select_related("parent")
    }
    in_file = {row.ref for row in parsed}
    # The parent of every element once the file is applied, to find missing parents and cycles.
    final_parent: dict[str, str] = {
        ref: _parent_ref(element) for ref, element in existing.items() if element.parent_id
    }
    for row in parsed:
        if row.parent_ref and row.parent_ref not in in_file and row.parent_ref not in existing:
            errors.append(
                RowError(
                    row.number,
                    "parent_ref",
                    f"No element '{row.parent_ref}' in the file or in {version}.",
                )
            )
        final_parent.pop(row.ref, None)
        if row.parent_ref:
            final_parent[row.ref] = row.parent_ref
    depth: dict[str, int] = {}
    for row in parsed:
        chain, ref = [row.ref], row.ref
        while ref in final_parent:
            ref = final_parent[ref]
            if ref in chain:
                errors.append(
                    RowError(row.number, "parent_ref", f"'{row.ref}' would be its own ancestor.")
                )
                break
            chain.append(ref)
        depth[row.ref] = len(chain) - 1
    if errors:
        raise CsvImportError(sorted(errors, key=lambda error: (error.row, error.column)))
    return _apply_element_rows(version, parsed, existing, depth)


def _parent_ref(element: Element) -> str:
    return element.parent.ref if element.parent is not None else ""


def _apply_element_rows(
    version: StandardVersion,
    rows: list[_ElementRow],
    existing: dict[str, Element],
    depth: dict[str, int],
) -> ElementImport:
    # Moving existing elements could make a cycle half-way through (A under B while B is still
    # under A): detach the moved ones first, then attach everything parents first.
    moving = [
        existing[row.ref]
        for row in rows
        if row.ref in existing and _parent_ref(existing[row.ref]) != row.parent_ref
    ]
    for element in moving:
        element.parent = None
        element.save(update_fields=["parent"])
    by_ref: dict[str, Element] = dict(existing)
    created = updated = unchanged = 0
    for row in sorted(rows, key=lambda row: depth[row.ref]):
        parent: Element | None = by_ref[row.parent_ref] if row.parent_ref else None
        current = existing.get(row.ref)
        if current is None:
            by_ref[row.ref] = Element.objects.create(
                version=version,
                parent=parent,
                ref=row.ref,
                kind=row.kind,
                title=row.title,
                summary=row.summary,
                order=row.order,
            )
            created += 1
            continue
        before = (current.parent_id, current.kind, current.title, current.summary, current.order)
        after = (parent.pk if parent else None, row.kind, row.title, row.summary, row.order)
        if before == after and current not in moving:
            unchanged += 1
            continue
        current.parent, current.kind, current.title = parent, row.kind, row.title
        current.summary, current.order = row.summary, row.order
        current.save(update_fields=["parent", "kind", "title", "summary", "order"])
        updated += 1
    return ElementImport(created=created, updated=updated, unchanged=unchanged)
