"""The glossary as TBX (TermBase eXchange, ISO 30042:2019), TBX-Basic dialect, DCA style,
written with the standard library's ``xml.etree.ElementTree``.

One ``conceptEntry`` per exported concept (id ``c-<slug>``), with its subject field, a
``ref type="crossReference"`` to each broader and related concept, an ``xref`` to its page, and
one ``langSec`` per language: the definition with its source (``descripGrp``), the scope note as
a ``note``, and one ``termSec`` per label with its administrative status
(preferred / admitted / deprecated / superseded term), its term type (full form or
acronym) and, for the preferred term, the example as its context. Hidden labels (misspellings
kept for search) are not terms and are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.conf import settings

from glossary.models import RETIRED_STATUSES, LabelKind, RelationKind, TermStatus
from glossary.selectors import export_concepts
from glossary.terms import Term

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_BASIC_SCHEMA = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
ADMINISTRATIVE_STATUS = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
}
SUBJECT_FIELD = "responsible sourcing of minerals and metals"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _term_type(text: str) -> str:
    return "acronym" if Term(text, "", "", "").case_sensitive and " " not in text else "fullForm"


def tbx_document() -> bytes:
    """The TBX document, UTF-8 encoded, with its XML declaration and the TBX-Basic schema
    association."""
    concepts = export_concepts()
    slugs = {concept.pk: concept.slug for concept in concepts}
    root = ET.Element(
        "tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en", "xmlns": TBX_NAMESPACE}
    )
    header = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(header, "titleStmt"), "title", "Alliance glossary")
    _sub(
        _sub(header, "sourceDesc"),
        "p",
        f"Agreed, deprecated and superseded concepts of the alliance's glossary, "
        f"{settings.PORTAL_BASE_URL.rstrip('/')}/glossary/",
    )
    body = _sub(_sub(root, "text"), "body")
    for concept in concepts:
        revision = concept.current_text
        entry = _sub(body, "conceptEntry", id=f"c-{concept.slug}")
        _sub(entry, "descrip", SUBJECT_FIELD, type="subjectField")
        for relation in revision.relations.all():
            if relation.target_id in slugs:
                kind = (
                    "broader concept"
                    if relation.kind == RelationKind.BROADER
                    else "related concept"
                )
                _sub(
                    entry,
                    "ref",
                    f"{kind}: {slugs[relation.target_id]}",
                    type="crossReference",
                    target=f"c-{slugs[relation.target_id]}",
                )
        _sub(entry, "xref", "Concept page", type="externalCrossReference", target=concept.uri)
        if concept.status in RETIRED_STATUSES:
            _sub(entry, "note", f"{concept.get_status_display()}: {concept.status_note}")
        definitions = {d.language: d for d in revision.definitions.all()}
        labels = [label for label in revision.labels.all() if label.kind != LabelKind.HIDDEN]
        languages = sorted(
            {label.language for label in labels}, key=lambda code: (code != "en", code)
        )
        for language in languages:
            section = _sub(entry, "langSec", **{XML_LANG: language})
            definition = definitions.get(language)
            if definition is not None:
                group = _sub(section, "descripGrp")
                _sub(group, "descrip", definition.text, type="definition")
                sources = []
                if definition.source_element is not None:
                    element = definition.source_element
                    sources.append(f"{element.version} {element.ref} {element.title}")
                if definition.source_citation:
                    sources.append(definition.source_citation)
                if sources:
                    _sub(group, "admin", "; ".join(sources), type="source")
                if definition.scope_note:
                    _sub(section, "note", definition.scope_note)
            ordered = sorted(
                (label for label in labels if label.language == language),
                key=lambda label: (label.kind != LabelKind.PREFERRED, label.text.casefold()),
            )
            for label in ordered:
                term_section = _sub(section, "termSec")
                _sub(term_section, "term", label.text)
                if (
                    label.kind == LabelKind.PREFERRED
                    and definition is not None
                    and definition.example
                ):
                    _sub(term_section, "descrip", definition.example, type="context")
                status = ADMINISTRATIVE_STATUS[TermStatus(label.term_status)]
                if concept.status in RETIRED_STATUSES:
                    status = (
                        "supersededTerm-admn-sts"
                        if concept.replaced_by_id
                        else "deprecatedTerm-admn-sts"
                    )
                _sub(term_section, "termNote", "noun", type="partOfSpeech")
                _sub(term_section, "termNote", status, type="administrativeStatus")
                _sub(term_section, "termNote", _term_type(label.text), type="termType")
    ET.indent(root)
    document = ET.tostring(root, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-model href="{TBX_BASIC_SCHEMA}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f"{document}\n"
    ).encode()
