"""Admin for the secretariat. Saves that have rules go through the services, like pages and
API: a concept added here is proposed (revision 1), a revision added here is proposed against
the current text, agreeing is an action that refuses a revision you wrote, usage notes are
written and removed by the services. The text of a revision is shown, never edited: the
database refuses changes to anything but a proposed revision's text.

Each of those saves is a use case with its own durable transaction, so the change and delete
forms that call one run without the admin's own outer transaction, and a refusal is shown as
an error message (``alliance_portal.service_admin.ServiceAdmin``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.service_admin import ServiceAdmin
from alliance_portal.text_limits import text_form_field
from glossary import services
from glossary.content import ConceptContent, DefinitionData, LabelData, content_of, validate_content
from glossary.languages import SOURCE_LANGUAGE
from glossary.models import (
    Concept,
    ConceptScheme,
    ConceptStatus,
    Definition,
    ExternalMatch,
    Label,
    LabelKind,
    Relation,
    Revision,
    RevisionStatus,
    TermStatus,
    UsageNote,
)


def _report(
    modeladmin: admin.ModelAdmin, request: HttpRequest, error: Exception, what: str
) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    modeladmin.message_user(request, f"{what}: {text}", messages.ERROR)


@admin.register(ConceptScheme)
class ConceptSchemeAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "created_at")
    prepopulated_fields = {"slug": ("title",)}


class ConceptAddForm(forms.ModelForm):
    """A concept added in the admin is proposed like anywhere else: its English preferred term,
    definition and the reason, as revision 1."""

    preferred_label = forms.CharField(label="Preferred term (English)", max_length=200)
    definition = text_form_field(
        Definition, "text", name="definition", required=True, label="Definition (English, Markdown)"
    )
    rationale = text_form_field(Revision, "rationale", label="Why the glossary needs it")

    class Meta:
        model = Concept
        fields = ("scheme", "notation")

    def content(self) -> ConceptContent:
        return ConceptContent(
            labels=(LabelData(SOURCE_LANGUAGE, self.cleaned_data.get("preferred_label", "")),),
            definitions=(DefinitionData(SOURCE_LANGUAGE, self.cleaned_data.get("definition", "")),),
        )

    def clean(self) -> dict[str, Any]:
        # Show the service's refusals on the form rather than fail on save.
        data = super().clean() or {}
        try:
            validate_content(self.content(), concept=None)
        except ValidationError as error:
            for messages_ in error.message_dict.values():
                self.add_error(None, messages_)
        return data


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RevisionInline(ReadOnlyInline):
    model = Revision
    fields = ("number", "status", "author_organisation", "created_at", "decided_at")
    readonly_fields = fields
    show_change_link = True


@admin.register(Concept)
class ConceptAdmin(ServiceAdmin):
    list_display = ("slug", "status", "notation", "scheme", "updated_at")
    list_filter = ("status", "scheme")
    search_fields = ("slug", "notation")
    inlines = (RevisionInline,)
    readonly_fields = (
        "slug",
        "status",
        "current_revision",
        "replaced_by",
        "status_note",
        "proposed_by",
        "created_at",
        "updated_at",
        "agreed_at",
        "status_changed_at",
    )

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = ConceptAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("scheme", "preferred_label", "definition", "rationale", "notation")
        return ("scheme", "notation", *self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("scheme", *self.readonly_fields) if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.inlines if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An agreed concept is never deleted (its URI is public): deprecate it instead.
        if obj is not None and obj.status != ConceptStatus.PROPOSED:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Concept, form: ModelForm, change: bool) -> None:
        if change:
            if "notation" in form.changed_data:
                services.concept_set_notation(
                    actor=request.user, concept=obj, notation=form.cleaned_data["notation"]
                )
            return
        data = form.cleaned_data
        if not isinstance(form, ConceptAddForm):  # get_form gives it for adding
            raise TypeError("A concept is added through ConceptAddForm.")
        created = services.concept_propose(
            actor=request.user,
            content=form.content(),
            rationale=data["rationale"],
            scheme=data["scheme"],
            notation=data.get("notation", ""),
        )
        obj.pk, obj.slug = created.pk, created.slug


class LabelInline(ReadOnlyInline):
    model = Label
    fields = ("language", "kind", "text", "term_status")
    readonly_fields = fields


class DefinitionInline(ReadOnlyInline):
    model = Definition
    fields = ("language", "text", "scope_note", "example", "source_element", "source_citation")
    readonly_fields = fields


class RelationInline(ReadOnlyInline):
    model = Relation
    fields = ("kind", "target")
    readonly_fields = fields


class ExternalMatchInline(ReadOnlyInline):
    model = ExternalMatch
    fields = ("kind", "uri", "label")
    readonly_fields = fields


class RevisionAddForm(forms.ModelForm):
    """A revision added in the admin changes the English definition of an agreed concept; the
    rest of its text is copied from the current text. Other changes are made on the site."""

    definition = text_form_field(
        Definition,
        "text",
        name="definition",
        required=True,
        label="New English definition (Markdown)",
    )

    class Meta:
        model = Revision
        fields = ("concept", "rationale")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        concept = self.fields["concept"]
        if isinstance(concept, forms.ModelChoiceField):
            concept.queryset = Concept.objects.filter(status=ConceptStatus.AGREED)

    def content(self) -> ConceptContent:
        """The concept's current text with the new English definition."""
        concept: Concept = self.cleaned_data["concept"]
        current = content_of(concept.current_text)
        english = current.definition(SOURCE_LANGUAGE)
        return current.with_language(
            SOURCE_LANGUAGE,
            pref_label=current.pref_label(SOURCE_LANGUAGE) or "",
            alt_labels=current.labels_in(
                SOURCE_LANGUAGE, LabelKind.ALTERNATIVE, TermStatus.ADMITTED
            ),
            deprecated_labels=current.labels_in(
                SOURCE_LANGUAGE, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED
            ),
            hidden_labels=current.labels_in(SOURCE_LANGUAGE, LabelKind.HIDDEN),
            definition=self.cleaned_data.get("definition", ""),
            scope_note=english.scope_note if english else "",
            example=english.example if english else "",
            source_element_id=english.source_element_id if english else None,
            source_citation=english.source_citation if english else "",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        concept = data.get("concept")
        if concept is not None and data.get("definition"):
            content = self.content()
            if content == content_of(concept.current_text):
                self.add_error("definition", "This is the current definition already.")
        return data


@admin.register(Revision)
class RevisionAdmin(ServiceAdmin):
    list_display = (
        "concept",
        "number",
        "status",
        "author_organisation",
        "created_at",
        "decided_at",
    )
    list_filter = ("status",)
    search_fields = ("concept__slug", "rationale")
    list_select_related = ("concept", "author_organisation")
    inlines = (LabelInline, DefinitionInline, RelationInline, ExternalMatchInline)
    actions = ("submit_selected",)
    readonly_fields = (
        "concept",
        "number",
        "status",
        "base",
        "rationale",
        "author",
        "author_organisation",
        "created_at",
        "submitted_at",
        "decided_at",
        "decided_by",
        "decision_note",
    )

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = RevisionAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("concept", "definition", "rationale")
        return self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.inlines if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Agreed revisions are the glossary's record; the database refuses to delete them.
        if obj is not None and obj.status == RevisionStatus.AGREED:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: Revision, form: ModelForm, change: bool
    ) -> None:
        if change:
            return  # nothing here is edited: decisions are actions, text is frozen
        if not isinstance(form, RevisionAddForm):  # get_form gives it for adding
            raise TypeError("A revision is added through RevisionAddForm.")
        concept = form.cleaned_data["concept"]
        content = form.content()
        created = services.revision_propose(
            actor=request.user,
            concept=concept,
            content=content,
            rationale=form.cleaned_data["rationale"],
        )
        obj.pk, obj.number, obj.concept = created.pk, created.number, created.concept

    @admin.action(description="Put selected proposed revisions under review")
    def submit_selected(self, request: HttpRequest, queryset: QuerySet[Revision]) -> None:
        for revision in queryset.filter(status=RevisionStatus.PROPOSED):
            try:
                services.revision_submit_for_review(actor=request.user, revision=revision)
            except (ValidationError, PermissionDenied) as error:
                _report(self, request, error, str(revision))
            else:
                self.message_user(request, f"{revision} is under review.")


@admin.register(UsageNote)
class UsageNoteAdmin(ServiceAdmin):
    """Notes are written by the organisations' people on the site; here the secretariat records
    a note an organisation sent in, corrects its disclosure, or removes it (moderation)."""

    list_display = ("concept", "chamber", "organisation", "disclosure", "updated_at")
    list_filter = ("chamber", "disclosure")
    search_fields = ("concept__slug", "organisation__name", "text")
    raw_id_fields = ("author",)
    list_select_related = ("concept", "chamber", "organisation")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("concept", "organisation", "author", "text", "disclosure")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("concept", "organisation", "author") if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: UsageNote, form: ModelForm, change: bool
    ) -> None:
        saved = services.usage_note_write(
            actor=request.user,
            concept=obj.concept,
            organisation=obj.organisation,
            author=obj.author,
            text=form.cleaned_data["text"],
            disclosure=form.cleaned_data["disclosure"],
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: UsageNote) -> None:
        services.usage_note_remove(actor=request.user, note=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[UsageNote]) -> None:
        for note in queryset:
            services.usage_note_remove(actor=request.user, note=note)
