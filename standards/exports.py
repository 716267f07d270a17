"""Downloads of the standards app: a version's elements and a mapping set as CSV (the same
columns the imports read, so a download can be edited and imported again), a mapping set as
JSON with its metadata, and the baseline coverage matrix as CSV. They format what the selectors
read; they decide nothing about who may see what."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from standards.csv_io import ELEMENT_COLUMNS, MAPPING_COLUMNS, write_csv
from standards.models import Element, Mapping, MappingSet
from standards.selectors.coverage import CoverageMatrix


def elements_csv(elements: Iterable[Element]) -> str:
    """The elements (``parent`` loaded) in the element-import columns."""
    return write_csv(
        [column.header for column in ELEMENT_COLUMNS],
        (
            [
                element.ref,
                element.parent.ref if element.parent else "",
                element.kind,
                element.title,
                element.summary,
                element.order,
            ]
            for element in elements
        ),
    )


def mapping_set_csv(mappings: Iterable[Mapping]) -> str:
    """The mappings in the columns of NIST IR 8278A rev. 1's mapping template: focal element,
    focal description, rationale, relationship, reference element, reference description,
    strength, comments. Descriptions are the elements' titles."""
    return write_csv(
        [column.header for column in MAPPING_COLUMNS],
        (
            [
                mapping.focal_element.ref,
                mapping.focal_element.title,
                mapping.rationale,
                mapping.relationship,
                mapping.reference_element.ref,
                mapping.reference_element.title,
                mapping.strength,
                mapping.explanation,
            ]
            for mapping in mappings
        ),
    )


def _version(version: Any) -> dict[str, str]:
    return {
        "standard": version.standard.code,
        "standard_title": version.standard.title,
        "version": version.label,
    }


def _element(element: Element) -> dict[str, str]:
    return {"ref": element.ref, "title": element.title, "kind": element.kind}


def mapping_set_json(
    mapping_set: MappingSet, *, mappings: Iterable[Mapping], status_counts: dict[str, int]
) -> dict[str, Any]:
    """The set with its metadata (focal and reference versions, purpose, version number,
    comprehensive flag, status counts) and its mappings with their status."""
    return {
        "mapping_set": mapping_set.pk,
        "focal_version": _version(mapping_set.focal_version),
        "reference_version": _version(mapping_set.reference_version),
        "purpose": mapping_set.purpose,
        "version_number": mapping_set.version_number,
        "comprehensive": mapping_set.comprehensive,
        "status_counts": status_counts,
        "mappings": [
            {
                "id": mapping.pk,
                "focal_element": _element(mapping.focal_element),
                "relationship": mapping.relationship,
                "reference_element": _element(mapping.reference_element),
                "rationale": mapping.rationale,
                "strength": mapping.strength,
                "comments": mapping.explanation,
                "status": mapping.status,
                "supersedes": mapping.supersedes_id,
            }
            for mapping in mappings
        ],
    }


def coverage_csv(matrix: CoverageMatrix) -> str:
    """The matrix as on the crosswalk page: one row per baseline requirement, one column per
    standard version holding the coverage class, then one row per class with each version's
    percentage."""
    header = [
        "Baseline requirement",
        "Title",
        *(f"{column.version.standard.code} {column.version.label}" for column in matrix.columns),
    ]
    rows: list[list[object]] = [
        [requirement.ref, requirement.title, *(cell.coverage.value for cell in cells)]
        for requirement, cells in matrix.rows()
    ]
    if matrix.columns:
        for coverage_class, *_ in matrix.columns[0].summary():
            rows.append(
                [
                    f"% {coverage_class.label.lower()}",
                    "",
                    *(str(column.percentages[coverage_class]) for column in matrix.columns),
                ]
            )
    return write_csv(header, rows)
