"""Writes of the glossary: one function per use case, each a durable transaction whose writes
the audit trail tags with the acting person (or the system) and the use case (``@use_case``).
``apply_agree_batch`` is not a use case: it is the glossary work a governance decision carries
inside its own transaction, and the only way a revision is agreed."""

from glossary.services.concepts import (
    DEFAULT_SCHEME_SLUG,
    concept_deprecate,
    concept_propose,
    concept_set_notation,
    concept_supersede,
    default_scheme,
)
from glossary.services.notes import usage_note_remove, usage_note_write
from glossary.services.revisions import (
    apply_agree_batch,
    revision_propose,
    revision_reject,
    revision_submit_for_review,
)

__all__ = [
    "DEFAULT_SCHEME_SLUG",
    "apply_agree_batch",
    "concept_deprecate",
    "concept_propose",
    "concept_set_notation",
    "concept_supersede",
    "default_scheme",
    "revision_propose",
    "revision_reject",
    "revision_submit_for_review",
    "usage_note_remove",
    "usage_note_write",
]
