"""Forms of the glossary pages. They parse input into plain values (``ConceptContent``, a
reason, a note); the services decide."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import SHORT_NOTE, STATEMENT, BoundedTextFormField, text_form_field
from glossary.content import ConceptContent, MatchData
from glossary.languages import SOURCE_LANGUAGE, language_name
from glossary.models import (
    Concept,
    ConceptStatus,
    Definition,
    LabelKind,
    MatchKind,
    Revision,
    TermStatus,
    UsageNote,
)
from glossary.selectors import concept_links
from standards.models import Element

MATCH_HELP = (
    "One per line: the kind of match (exact, close, broad, narrow or related), then the "
    "address, then optionally what it is called there. Example: "
    "“close https://www.example.org/vocabulary/due-diligence OECD term”."
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _concept_choices(exclude: Concept | None) -> list[tuple[str, str]]:
    concepts = Concept.objects.filter(status=ConceptStatus.AGREED)
    if exclude is not None:
        concepts = concepts.exclude(pk=exclude.pk)
    return [(link.slug, link.label.text) for link in concept_links(concepts, SOURCE_LANGUAGE)]


def _element_choices() -> list[tuple[Any, Any]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for element in Element.objects.select_related("version__standard").order_by(
        "version__standard__title", "version__label", "order", "ref"
    ):
        groups.setdefault(str(element.version), []).append(
            (element.pk, f"{element.ref} {element.title}")
        )
    return [("", "No element: a citation, or none"), *groups.items()]


class GlossarySearchForm(forms.Form):
    q = forms.CharField(label="Search the glossary", required=False, max_length=100)


class ConceptTextForm(GuidedForm):
    """A concept's text in one language, plus its relations and external matches: how a new
    concept is proposed (in English) and how a revision or a translation is written. The
    matches' field is ``vocabulary_matches``: a field named "matches" would hide the HTML
    form's own ``matches()`` method from scripts (axe among them)."""

    field_guides = {"rationale": "why the glossary needs this text"}
    service_fields = {"matches": "vocabulary_matches"}

    preferred_label = forms.CharField(label="Preferred term", max_length=200)
    alternative_labels = BoundedTextFormField(
        max_length=SHORT_NOTE,
        name="other admitted terms",
        label="Other admitted terms",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Synonyms and abbreviations (e.g. ASM), one per line.",
    )
    deprecated_terms = BoundedTextFormField(
        max_length=SHORT_NOTE,
        name="deprecated terms",
        label="Deprecated terms",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Words that should no longer be used for this concept, one per line.",
    )
    hidden_labels = BoundedTextFormField(
        max_length=SHORT_NOTE,
        name="hidden labels",
        label="Hidden labels",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Misspellings and old forms that search should still find, one per line.",
    )
    definition = text_form_field(
        Definition,
        "text",
        name="definition",
        label="Definition",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"In the alliance's own words. {FORMATTING_HELP}",
    )
    scope_note = text_form_field(
        Definition,
        "scope_note",
        label="Scope note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"What the concept covers and what it does not. {FORMATTING_HELP}",
    )
    example = text_form_field(
        Definition,
        "example",
        label="Example",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=FORMATTING_HELP,
    )
    source_element = forms.TypedChoiceField(
        label="Source: an element of a standard",
        required=False,
        coerce=int,
        empty_value=None,
    )
    source_citation = forms.CharField(
        label="Source: a citation",
        required=False,
        max_length=300,
        help_text="A law, report or guidance the definition follows, if not a standard's element.",
    )
    broader = forms.MultipleChoiceField(
        label="Broader concepts",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="More general agreed concepts this one is a kind or part of.",
    )
    related = forms.MultipleChoiceField(
        label="Related concepts",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    vocabulary_matches = BoundedTextFormField(
        max_length=STATEMENT,
        name="matches",
        label="Matches in other vocabularies",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MATCH_HELP,
    )
    rationale = text_form_field(
        Revision,
        "rationale",
        label="Why",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why the glossary needs this text: the reviewers read it, and it stays on "
        f"record. {FORMATTING_HELP}",
    )

    def __init__(
        self,
        *args: Any,
        language: str = SOURCE_LANGUAGE,
        concept: Concept | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        cast(forms.ChoiceField, self.fields["source_element"]).choices = _element_choices()
        choices = _concept_choices(concept)
        cast(forms.ChoiceField, self.fields["broader"]).choices = choices
        cast(forms.ChoiceField, self.fields["related"]).choices = choices
        definition = self.fields["definition"]
        if language == SOURCE_LANGUAGE:
            definition.required = True
            definition.error_messages["required"] = "Enter the definition in English"
        else:
            name = language_name(language)
            self.fields["preferred_label"].label = f"Preferred term in {name}"
            self.fields["preferred_label"].error_messages["required"] = (
                f"Enter the preferred term in {name}"
            )
            definition.label = f"Definition in {name}"
            definition.help_text = f"In the alliance's own words. {FORMATTING_HELP}"
            for field in (
                "preferred_label",
                "alternative_labels",
                "deprecated_terms",
                "hidden_labels",
                "definition",
                "scope_note",
                "example",
            ):
                self.fields[field].widget.attrs["lang"] = language

    @staticmethod
    def initial_from(content: ConceptContent, language: str) -> dict[str, Any]:
        definition = content.definition(language)
        slugs = dict(
            Concept.objects.filter(pk__in=(*content.broader, *content.related)).values_list(
                "pk", "slug"
            )
        )
        return {
            "preferred_label": content.pref_label(language) or "",
            "alternative_labels": "\n".join(
                content.labels_in(language, LabelKind.ALTERNATIVE, TermStatus.ADMITTED)
            ),
            "deprecated_terms": "\n".join(
                content.labels_in(language, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED)
            ),
            "hidden_labels": "\n".join(content.labels_in(language, LabelKind.HIDDEN)),
            "definition": definition.text if definition else "",
            "scope_note": definition.scope_note if definition else "",
            "example": definition.example if definition else "",
            "source_element": definition.source_element_id if definition else None,
            "source_citation": definition.source_citation if definition else "",
            "broader": [slugs[pk] for pk in content.broader if pk in slugs],
            "related": [slugs[pk] for pk in content.related if pk in slugs],
            "vocabulary_matches": "\n".join(
                f"{m.kind} {m.uri} {m.label}".strip() for m in content.matches
            ),
        }

    def clean_definition(self) -> str:
        text: str = self.cleaned_data.get("definition", "")
        if self.language == SOURCE_LANGUAGE and not text.strip():
            raise ValidationError("Enter the definition in English", code="required")
        return text

    def clean_vocabulary_matches(self) -> list[MatchData]:
        found = []
        kinds = {value: value for value in MatchKind.values} | {
            f"{value}match": value for value in MatchKind.values
        }
        for line in _lines(self.cleaned_data.get("vocabulary_matches", "")):
            parts = line.split(maxsplit=2)
            if len(parts) < 2 or parts[0].lower().replace("_", "") not in kinds:
                raise ValidationError(
                    f"“{line}”: start with exact, close, broad, narrow or related, then the address."
                )
            found.append(
                MatchData(
                    kinds[parts[0].lower().replace("_", "")],
                    parts[1],
                    parts[2] if len(parts) > 2 else "",
                )
            )
        return found

    def content(self, base: ConceptContent) -> ConceptContent:
        """``base`` with this language's text, the relations and the matches replaced."""
        data = self.cleaned_data
        updated = base.with_language(
            self.language,
            pref_label=data["preferred_label"],
            alt_labels=_lines(data["alternative_labels"]),
            deprecated_labels=_lines(data["deprecated_terms"]),
            hidden_labels=_lines(data["hidden_labels"]),
            definition=data["definition"],
            scope_note=data["scope_note"],
            example=data["example"],
            source_element_id=data["source_element"],
            source_citation=data["source_citation"],
        )
        ids = dict(
            Concept.objects.filter(slug__in=[*data["broader"], *data["related"]]).values_list(
                "slug", "pk"
            )
        )
        return replace(
            updated,
            broader=tuple(ids[slug] for slug in data["broader"] if slug in ids),
            related=tuple(ids[slug] for slug in data["related"] if slug in ids),
            matches=tuple(data["vocabulary_matches"]),
        )


class RejectForm(GuidedForm):
    field_guides = {"reason": "the reason for rejecting the revision"}

    reason = text_form_field(
        Concept,
        "status_note",
        name="reason",
        required=True,
        label="Reason (the author reads it)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RetireForm(GuidedForm):
    field_guides = {"reason": "the reason the concept is retired"}

    DEPRECATE, SUPERSEDE = "deprecate", "supersede"

    action = forms.ChoiceField(
        label="What happens to the concept",
        choices=[
            (
                DEPRECATE,
                "Deprecate it: it is no longer used (optionally pointing to a replacement)",
            ),
            (SUPERSEDE, "Supersede it: another agreed concept replaces it"),
        ],
        widget=forms.RadioSelect,
    )
    replaced_by = forms.ChoiceField(label="Replaced by", required=False)
    reason = text_form_field(
        Concept,
        "status_note",
        name="reason",
        required=True,
        label="Reason (published with the concept)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, concept: Concept, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["replaced_by"]).choices = [
            ("", "No replacement"),
            *_concept_choices(concept),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == self.SUPERSEDE and not data.get("replaced_by"):
            self.add_error("replaced_by", "Choose the concept that supersedes this one")
        return data

    def replacement(self) -> Concept | None:
        slug = self.cleaned_data.get("replaced_by")
        return Concept.objects.filter(slug=slug).first() if slug else None


class UsageNoteForm(GuidedForm):
    text = text_form_field(
        UsageNote,
        "text",
        name="note",
        label="How your chamber uses or understands the term",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"{FORMATTING_HELP} Published under your organisation's name and chamber.",
    )
    disclosure = forms.ChoiceField(
        label="Who may read it",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.PUBLIC,
        widget=forms.RadioSelect,
    )
