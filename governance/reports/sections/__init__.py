"""The sections of a transparency report, one module per topic, each registering its section
functions in ``registry`` when imported (all are imported here, in no particular order: the
registry orders them)."""

from governance.reports.sections import (  # noqa: F401 (imported to register)
    balance,
    consultations,
    coverage,
    decided,
    decisions,
    glossary,
    membership,
    pending,
    standards,
)
from governance.reports.sections.registry import (
    MIN_ORGANISATIONS,
    ReportContext,
    SectionSpec,
    build_section,
    missing_models,
    register_section,
    sections,
)

__all__ = [
    "MIN_ORGANISATIONS",
    "ReportContext",
    "SectionSpec",
    "build_section",
    "missing_models",
    "register_section",
    "sections",
]
