"""Transparency reports: the content selectors of each section, the ``report.json`` builder,
the open-data writer (CSV, datapackage.json, ZIP), SVG charts and the typst PDF renderer.

Everything here reads; the one write path is ``governance.reports.services``. The outputs are
deterministic: the same data gives byte-identical ``report.json``, CSV files, ZIP and PDF."""
