"""Glossary objects for tests, made through the services (the database refuses shortcuts:
a concept is agreed only through a reviewed, agreed revision)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from alliance_portal.policy import SYSTEM
from alliance_portal.types import Actor
from glossary import services
from glossary.content import ConceptContent, DefinitionData, LabelData, MatchData
from glossary.models import Concept, LabelKind, Revision, TermStatus


def content(
    label: str,
    definition: str = "",
    *,
    alt: tuple[str, ...] = (),
    hidden: tuple[str, ...] = (),
    deprecated: tuple[str, ...] = (),
    translations: dict[str, tuple[str, str]] | None = None,
    broader: tuple[Concept, ...] = (),
    related: tuple[Concept, ...] = (),
    matches: tuple[tuple[str, str], ...] = (),
    source_element_id: int | None = None,
    source_citation: str = "",
    scope_note: str = "",
    example: str = "",
) -> ConceptContent:
    labels = [LabelData("en", label)]
    labels += [LabelData("en", text, LabelKind.ALTERNATIVE, TermStatus.ADMITTED) for text in alt]
    labels += [LabelData("en", text, LabelKind.HIDDEN, TermStatus.ADMITTED) for text in hidden]
    labels += [
        LabelData("en", text, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED) for text in deprecated
    ]
    definitions = [
        DefinitionData(
            "en",
            definition or f"The meaning of {label}.",
            scope_note,
            example,
            source_element_id,
            source_citation,
        )
    ]
    for language, (pref, text) in (translations or {}).items():
        labels.append(LabelData(language, pref))
        definitions.append(DefinitionData(language, text))
    return ConceptContent(
        labels=tuple(labels),
        definitions=tuple(definitions),
        broader=tuple(c.pk for c in broader),
        related=tuple(c.pk for c in related),
        matches=tuple(MatchData(kind, uri) for kind, uri in matches),
    )


def proposed_concept(
    label: str, definition: str = "", *, actor: Actor = SYSTEM, **kwargs: Any
) -> Concept:
    return services.concept_propose(
        actor=actor, content=content(label, definition, **kwargs), rationale="Needed."
    )


def agree_as_a_decision_does(revision: Revision) -> Revision:
    """Agree a revision as an adopted glossary batch does (inside the ballot's closing)."""
    with transaction.atomic():
        (agreed,) = services.apply_agree_batch([revision], actor=SYSTEM, note="Decision 1")
    return agreed


def agree(revision: Revision, actor: Actor = SYSTEM) -> Revision:
    """Put the revision under review and agree it as a decision's glossary batch does
    (``apply_agree_batch``: since issue 16 no person agrees a revision; the governance tests
    take batches through real ballots)."""
    services.revision_submit_for_review(actor=SYSTEM, revision=revision)
    with transaction.atomic():
        (agreed,) = services.apply_agree_batch([revision], actor=actor, note="Decision 1")
    return agreed


def agreed_concept(
    label: str, definition: str = "", *, actor: Actor = SYSTEM, **kwargs: Any
) -> Concept:
    concept = proposed_concept(label, definition, actor=actor, **kwargs)
    assert concept.current_revision is not None
    agree(concept.current_revision)
    concept.refresh_from_db()
    return concept


def revise(
    concept: Concept, definition: str, *, actor: Actor = SYSTEM, label: str | None = None
) -> Revision:
    from glossary.content import content_of

    assert concept.current_revision is not None, "revise() needs a concept with current text"
    current = content_of(concept.current_revision)
    english = current.definition("en")
    new = current.with_language(
        "en",
        pref_label=label or current.pref_label("en") or "",
        alt_labels=current.labels_in("en", LabelKind.ALTERNATIVE, TermStatus.ADMITTED),
        deprecated_labels=current.labels_in("en", LabelKind.ALTERNATIVE, TermStatus.DEPRECATED),
        hidden_labels=current.labels_in("en", LabelKind.HIDDEN),
        definition=definition,
        scope_note=english.scope_note if english else "",
        example=english.example if english else "",
    )
    return services.revision_propose(
        actor=actor, concept=concept, content=new, rationale="Clearer."
    )
