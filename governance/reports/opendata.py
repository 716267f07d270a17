"""The open-data bundle: one CSV file per table of ``report.json``, a ``datapackage.json``
(Frictionless Data Package; each CSV file a Tabular Data Resource) describing every file and
every column (what it counts, its unit, its period: ``opendata_fields``) under the alliance's
open-data licence (``settings.OPEN_DATA_LICENCE``), and ``report.json`` itself, in a ZIP whose
bytes depend only on the content (fixed timestamps and order), so a rebuild with unchanged data
gives the same file and the same sha256. ``frictionless validate`` accepts it with no error or
warning (tests/governance/test_opendata_validators.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from governance.decision_log.canonical import canonical_json
from governance.reports.opendata_fields import describe, period_words
from governance.reports.values import STRING

# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# text cells are prefixed with an apostrophe, as the portal's other CSV exports do.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}


@dataclass(frozen=True)
class DataFile:
    """One file of the bundle, with what the report records about it."""

    path: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _cell(value: Any, column_type: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if column_type == STRING and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(table: dict[str, Any]) -> bytes:
    """The table as CSV: RFC 4180 with CRLF line ends, UTF-8, a header of column names, empty
    cells for missing values, ``true``/``false`` for booleans."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = table["columns"]
    writer.writerow([column["name"] for column in columns])
    for row in table["rows"]:
        writer.writerow(
            [_cell(value, column["type"]) for value, column in zip(row, columns, strict=True)]
        )
    return buffer.getvalue().encode("utf-8")


def tables_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [table for section in content["sections"] for table in section["tables"]]


def data_files(content: dict[str, Any]) -> list[DataFile]:
    """One CSV file per table, in report order, at ``data/<table name>.csv``."""
    return [DataFile(f"data/{table['name']}.csv", csv_bytes(table)) for table in tables_of(content)]


def datapackage(
    content: dict[str, Any], report_json: bytes, files: list[DataFile]
) -> dict[str, Any]:
    """The Data Package descriptor: ``report.json`` and every CSV file, each with its size and
    sha256, the CSV files with the schema of every column."""
    meta = content["report"]
    period = period_words(content)
    by_path = {file.path: file for file in files}
    resources: list[dict[str, Any]] = [
        {
            # Not "report": frictionless takes a resource named so (at "report.json") for one
            # of its own validation reports. This is data: the report's content.
            "name": "report-content",
            "path": "report.json",
            "profile": "data-resource",
            "type": "json",
            "title": "Every figure of the report",
            "description": "The transparency report's content (not a validation report): its "
            "figures, tables and charts, from which the page, the PDF and these CSV files are "
            'all drawn. Exact numbers: integers, decimal strings, fractions as {"num", "den"}. '
            f"Period: {period}.",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "bytes": len(report_json),
            "hash": f"sha256:{hashlib.sha256(report_json).hexdigest()}",
        }
    ]
    for table in tables_of(content):
        file = by_path[f"data/{table['name']}.csv"]
        resources.append(
            {
                "name": table["name"],
                "path": file.path,
                "profile": "tabular-data-resource",
                "title": table["title"],
                "description": table["description"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(file.data),
                "hash": f"sha256:{file.sha256}",
                "dialect": DIALECT,
                "schema": {
                    "fields": [_field(table["name"], c, period) for c in table["columns"]],
                    "missingValues": [""],
                },
            }
        )
    return {
        # Not "tabular-data-package": report.json is a resource too, and not a table.
        "profile": "data-package",
        "name": f"transparency-report-{meta['period']['label'].lower()}-{meta['edition']}",
        "title": f"{meta['title']} ({meta['edition']} edition): open data",
        "description": (
            f"{meta['edition_note']} Periods are in UTC. Text cells that a spreadsheet would "
            "run as a formula start with an apostrophe."
        ),
        "homepage": settings.PORTAL_BASE_URL.rstrip("/") + "/governance/reports/",
        "licenses": [licence()],
        "sources": [{"title": "Alliance Portal", "path": settings.PORTAL_BASE_URL}],
        "resources": resources,
    }


def licence() -> dict[str, str]:
    """The alliance's open-data licence (name, path, title), as the Data Package declares it."""
    configured = settings.OPEN_DATA_LICENCE
    return {key: str(configured[key]) for key in ("name", "path", "title")}


def _field(table: str, column: dict[str, Any], period: str) -> dict[str, Any]:
    field = {
        "name": column["name"],
        "title": column["title"],
        "type": column["type"],
        "description": describe(table, column, period),
    }
    if column.get("format"):
        field["format"] = column["format"]
    if column["type"] == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    return field


def descriptor_bytes(descriptor: dict[str, Any]) -> bytes:
    return (canonical_json(descriptor, indent=2) + "\n").encode("utf-8")


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP of ``members`` (path, bytes) in the given order, with fixed timestamps and
    permissions: the same members give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in members:
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


@dataclass(frozen=True)
class Bundle:
    zip: bytes
    files: list[DataFile]  # the CSV files, with their sha256


def open_data_bundle(content: dict[str, Any], report_json: bytes) -> Bundle:
    """The ZIP: ``datapackage.json``, ``report.json`` and ``data/*.csv``."""
    files = data_files(content)
    descriptor = descriptor_bytes(datapackage(content, report_json, files))
    members = [("datapackage.json", descriptor), ("report.json", report_json)]
    members += [(file.path, file.data) for file in files]
    return Bundle(zip=zip_bytes(members), files=files)
