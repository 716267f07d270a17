"""CSV formats of the standards app: reading element trees and mapping sets (every row
checked, errors reported by row), and writing element trees, mapping sets (the columns of NIST
IR 8278A rev. 1's mapping template) and the coverage matrix. Reading never writes to the
database: the services do, and only when every row is valid."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MAX_ROWS = 5000
MAX_CHARS = 2_000_000
# A cell starting with one of these is a formula to a spreadsheet: exports prefix it with an
# apostrophe (OWASP "CSV injection"), and imports take the apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = True
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {_normal(self.header), _normal(self.key), *(_normal(a) for a in self.aliases)}


ELEMENT_COLUMNS: tuple[Column, ...] = (
    Column("ref", "ref", aliases=("reference code", "reference")),
    Column("parent_ref", "parent_ref", required=False, aliases=("parent",)),
    Column("kind", "kind"),
    Column("title", "title"),
    Column("summary", "summary", required=False),
    Column("order", "order", required=False),
)

# NIST IR 8278A rev. 1 mapping template, in its order.
MAPPING_COLUMNS: tuple[Column, ...] = (
    Column("focal_element", "Focal Document Element", aliases=("focal element",)),
    Column(
        "focal_description",
        "Focal Document Element Description",
        required=False,
        aliases=("focal description",),
    ),
    Column("rationale", "Rationale"),
    Column("relationship", "Relationship"),
    Column("reference_element", "Reference Document Element", aliases=("reference element",)),
    Column(
        "reference_description",
        "Reference Document Element Description",
        required=False,
        aliases=("reference description",),
    ),
    Column("strength", "Strength of Relationship", required=False, aliases=("strength",)),
    Column("comments", "Comments", required=False, aliases=("notes", "explanation")),
)


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded CSV: ``row`` is the line as a spreadsheet numbers it (the
    header is row 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CsvImportError(ValidationError):
    """The whole file is refused; ``row_errors`` says why, row by row (API: 400 with the list
    under ``csv``)."""

    def __init__(self, row_errors: Sequence[RowError]) -> None:
        self.row_errors = list(row_errors)
        count = len(self.row_errors)
        summary = f"Nothing was imported: {count} problem{'s' if count != 1 else ''} in the file."
        super().__init__({"csv": [summary, *(_sentence(str(error)) for error in row_errors)]})


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class CsvRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, str]


def _normal(name: str) -> str:
    return " ".join(name.replace("_", " ").strip().lower().split())


def read_rows(text: str, columns: Sequence[Column]) -> list[CsvRow]:
    """Parse ``text`` as CSV with a header row naming ``columns`` (by header, key or alias, in
    any case and order). Values are stripped. Raises ``CsvImportError`` for an empty file, a
    missing required column, an unknown column, a ragged row or too many rows."""
    if len(text) > MAX_CHARS:
        raise CsvImportError([RowError(1, "", f"The file is larger than {MAX_CHARS} characters.")])
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError([RowError(1, "", "The file is empty.")]) from None
    except csv.Error as error:
        raise CsvImportError([RowError(1, "", f"Not a CSV file ({error}).")]) from None
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for index, name in enumerate(header):
        match = next((column for column in columns if _normal(name) in column.names()), None)
        if match is None:
            if name.strip():
                errors.append(RowError(1, name, "Unknown column."))
            continue
        if match.key in positions:
            errors.append(RowError(1, name, "This column appears twice."))
        positions[match.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            errors.append(RowError(1, column.header, "This column is missing."))
    if errors:
        raise CsvImportError(errors)
    rows: list[CsvRow] = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                errors.append(
                    RowError(number, "", f"{len(cells)} cells where the header has {len(header)}.")
                )
                continue
            values = {
                key: _unescape(cells[index].strip()) if index < len(cells) else ""
                for key, index in positions.items()
            }
            rows.append(CsvRow(number, values))
            if len(rows) > MAX_ROWS:
                raise CsvImportError([RowError(number, "", f"More than {MAX_ROWS} rows.")])
    except csv.Error as error:
        errors.append(RowError(reader.line_num, "", f"Unreadable CSV ({error})."))
    if errors:
        raise CsvImportError(errors)
    if not rows:
        raise CsvImportError([RowError(2, "", "The file has a header but no rows.")])
    return rows


def _unescape(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (RFC 4180, CRLF line ends) with ``header`` and ``rows``: None is an empty
    cell, and a text that a spreadsheet would run as a formula is prefixed with an apostrophe
    (``read_rows`` removes it again)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
