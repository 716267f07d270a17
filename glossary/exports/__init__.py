"""Exports of the glossary: SKOS (Turtle, JSON-LD), CSV and TBX-Basic. Each holds only the
agreed, deprecated and superseded concepts (``selectors.export_concepts``)."""

from glossary.exports.skos import json_ld, skos_graph, turtle
from glossary.exports.tabular import csv_text
from glossary.exports.tbx import tbx_document

__all__ = ["csv_text", "json_ld", "skos_graph", "tbx_document", "turtle"]
