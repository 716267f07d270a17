"""Models of the glossary, one module per topic: concepts and their scheme, revisions with
their content (labels, definitions, relations, external matches), and usage notes."""

from glossary.models.concepts import (
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    RESERVED_SLUGS,
    RETIRED_STATUSES,
    Concept,
    ConceptScheme,
    ConceptStatus,
)
from glossary.models.notes import UsageNote
from glossary.models.revisions import (
    OPEN_REVISION_STATUSES,
    Definition,
    ExternalMatch,
    Label,
    LabelKind,
    MatchKind,
    Relation,
    RelationKind,
    Revision,
    RevisionStatus,
    TermStatus,
)

__all__ = [
    "OPEN_REVISION_STATUSES",
    "OPEN_STATUSES",
    "PUBLIC_STATUSES",
    "RESERVED_SLUGS",
    "RETIRED_STATUSES",
    "Concept",
    "ConceptScheme",
    "ConceptStatus",
    "Definition",
    "ExternalMatch",
    "Label",
    "LabelKind",
    "MatchKind",
    "Relation",
    "RelationKind",
    "Revision",
    "RevisionStatus",
    "TermStatus",
    "UsageNote",
]
