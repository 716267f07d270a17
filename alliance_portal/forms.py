"""Form helpers shared by every app."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class ChoiceArrayAdminMixin:
    """Admin mixin: an ArrayField of choices (a vocabulary list) is edited as checkboxes
    instead of comma-separated text; a URLField assumes https."""

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return forms.MultipleChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=db_field.base_field.choices,
                required=not db_field.blank,
                widget=forms.CheckboxSelectMultiple,
            )
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]


def apply_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message on the field it names when the form
    has that field (a form whose field is named otherwise than the service's says so in
    ``service_fields``: {"matches": "vocabulary_matches"}), otherwise above the form."""
    renamed: dict[str, str] = getattr(form, "service_fields", {})
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            name = renamed.get(field, field)
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- guided forms: messages that say what to do, date inputs, country checkboxes ---------------

FORMATTING_HELP = "You can use simple formatting: **bold**, *italic*, lists, links."

_ARTICLES = ("the ", "your ", "a ", "an ", "their ", "its ", "his ", "her ", "this ")
# A label that is a question's clause reads on after "Enter"/"Choose" as it is:
# "How your chamber uses the term" → "Enter how your chamber uses the term".
_CLAUSES = ("who ", "what ", "why ", "how ", "which ", "when ", "where ", "whether ")
_CHOOSE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput)


def _what(label: object) -> str:
    """The thing a field asks for, as it reads after "Enter" or "Choose": "Date the commitment
    was signed" → "the date the commitment was signed", "Your comment" → "your comment"."""
    text = str(label or "").strip().rstrip(":").strip()
    if "(" in text:
        text = text.split("(", 1)[0].strip()
    if not text:
        return "a value"
    if len(text) > 1 and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text if text.lower().startswith(_ARTICLES + _CLAUSES) else f"the {text}"


def _is_default(field: forms.Field, key: str) -> bool:
    """The field still carries Django's own message for `key` (no form gave one)."""
    message = field.error_messages.get(key)
    if message is None:
        return True  # Django's message comes from a validator (an email address's)
    defaults = [
        str(getattr(klass, "default_error_messages", {}).get(key, ""))
        for klass in type(field).__mro__
    ]
    return str(message) in defaults


def guide_field(field: forms.Field, name: str = "", what: str | None = None) -> None:
    """Rewrite Django's default required/invalid messages of `field` from its label (or its
    name, or `what` when the label does not read on after "Enter": "Endorsed on" → `what`
    "the date of the endorsement"), and give a DateField a date picker; messages a form gave
    itself are kept."""
    what = what or _what(field.label or name.replace("_", " ").capitalize())
    choose = isinstance(field.widget, _CHOOSE_WIDGETS) or isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField
    )
    messages: dict[str, str] = {}
    if isinstance(field, forms.FileField):
        messages["required"] = f"Choose the file: {what}"
        messages["empty"] = f"The file you chose is empty: choose {what} again"
    elif isinstance(field, forms.BooleanField):
        messages["required"] = f"Tick the box: {what}"
    else:
        messages["required"] = f"{'Choose' if choose else 'Enter'} {what}"
    if choose:
        messages["invalid_choice"] = f"Choose {what} from the list"
        messages["invalid_list"] = f"Choose {what} from the list"
    if isinstance(field, forms.DateField):
        messages["invalid"] = f"Enter {what} as a real date, for example 27 3 2026"
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"Enter {what} as a real date and time, for example 27 3 2026 14:00"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = f"Enter {what} in the right form, like name@example.org"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = f"Enter {what} as a web address, like https://example.org"
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        whole = isinstance(field, forms.IntegerField) and not isinstance(
            field, forms.DecimalField | forms.FloatField
        )
        messages["invalid"] = f"Enter {what} as a {'whole ' if whole else ''}number"
        messages.update(_range_messages(field, what))
    for key, message in messages.items():
        if _is_default(field, key):
            field.error_messages[key] = message
    if isinstance(field, forms.DateField) and getattr(field.widget, "input_type", "") != "date":
        attrs = {k: v for k, v in field.widget.attrs.items() if k != "type"}
        widget = forms.DateInput(attrs=attrs, format="%Y-%m-%d")
        widget.input_type = "date"
        widget.is_required = field.required
        field.widget = widget


def _range_messages(field: forms.Field, what: str) -> dict[str, str]:
    """A number field's bounds, said as what to enter: "Enter the year from 2000 to 2100"."""
    low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
    if low is not None and high is not None:
        both = f"Enter {what} from {low} to {high}"
        return {"min_value": both, "max_value": both}
    if low is not None:
        return {"min_value": f"Enter {what} of {low} or more"}
    if high is not None:
        return {"max_value": f"Enter {what} of {high} or less"}
    return {}


class GuidedFormMixin:
    """Base of the portal's forms: messages that say what to do ("Enter the date the commitment
    was signed", "Choose the chamber") instead of "This field is required.", unless the form
    gives its own, and a date input for every DateField. ``field_guides`` names what a field
    asks for where its label does not read on after "Enter" or "Choose" (a question, "Kind")."""

    fields: dict[str, forms.Field]
    field_guides: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            guide_field(field, name, self.field_guides.get(name))


class GuidedForm(GuidedFormMixin, forms.Form):
    pass


class GuidedModelForm(GuidedFormMixin, forms.ModelForm):
    pass


class CountryCheckboxes(forms.CheckboxSelectMultiple):
    """Countries as checkboxes in a scrollable box; static/js/forms.js adds a filter box above
    them (the list works without it)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "checkbox-list country-list", **(attrs or {})})


@lru_cache(maxsize=32)  # a few languages × a few readers' facet lists
def _options_html(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """Each choice's ``<option>``, not selected and selected, rendered once per choice list."""
    return tuple(
        (
            value,
            format_html('<option value="{}">{}</option>', value, label),
            format_html('<option value="{}" selected>{}</option>', value, label),
        )
        for value, label in choices
    )


class ListSelect(forms.Select):
    """A select of a long flat choice list (the ~250 countries of a filter) whose options are
    rendered once per choice list (so once per language) and reused by every request: Django's
    widget templates render each option on every request, which was most of the member
    directory's time. The same HTML as ``forms.Select``, without option groups."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        choices = tuple((str(value), str(label)) for value, label in self.choices)
        selected = {str(item) for item in self.format_value(value)}
        options = [
            chosen if option in selected else plain
            for option, plain, chosen in _options_html(choices)
        ]
        final_attrs = self.build_attrs(self.attrs, attrs)
        opening = format_html('<select name="{}"{}>', name, flatatt(final_attrs))
        return mark_safe(opening + "\n" + "\n".join(options) + "\n</select>")  # noqa: S308 (escaped above)
