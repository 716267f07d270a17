"""Writes of the glossary: one function per use case, each a transaction whose writes the audit
trail tags with the acting person and the use case (``@use_case``)."""

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
    revision_agree,
    revision_propose,
    revision_reject,
    revision_submit_for_review,
    revisions_agree_batch,
    revisions_reject_batch,
)

__all__ = [
    "DEFAULT_SCHEME_SLUG",
    "concept_deprecate",
    "concept_propose",
    "concept_set_notation",
    "concept_supersede",
    "default_scheme",
    "revision_agree",
    "revision_propose",
    "revision_reject",
    "revision_submit_for_review",
    "revisions_agree_batch",
    "revisions_reject_batch",
    "usage_note_remove",
    "usage_note_write",
]
