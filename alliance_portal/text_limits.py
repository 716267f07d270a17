"""Bounded free text: every free-text field has a maximum length that the model, the page forms,
the API and the admin agree on, and that the database enforces.

One mechanism: `BoundedTextField(max_length=N)` on the model. It validates in `full_clean`,
gives ModelForms (pages and admin) a `BoundedTextFormField`, gives ModelSerializers a
`max_length`, and adds the database CHECK `length(column) <= N` to the model's constraints
(NOT VALID when added to an existing table: see `TextLengthCheck`). Forms and serializers
built by hand take their field from the model with `text_form_field(Model, "name")` and
`text_input(Model, "name")`, so the number is written once. Every refusal says what to do:
"Shorten the description to 20,000 characters or fewer (it has 20,001)."
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.deconstruct import deconstructible
from rest_framework import serializers

# Limits by use (characters). A title or a name is a CharField (200); these are for free text.
SUMMARY = 1_000  # "one or two sentences", plain text
SHORT_NOTE = 2_000  # a sentence or two: a summary, a status note, where evidence is kept
STATEMENT = 10_000  # a reason, a comment's reply, a statement, a note
DESCRIPTION = 20_000  # a description, a rationale, a comment on a consultation
DOCUMENT = 100_000  # a whole document: a proposal's text, a charter, an email

MESSAGE = "Shorten the %(name)s to %(limit)s characters or fewer (it has %(count)s)."


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    """`MaxLengthValidator` whose message names the field and says what to do."""

    def __init__(self, limit_value: int, name: str = "text") -> None:
        super().__init__(limit_value)
        self.name = name

    def __call__(self, value: Any) -> None:
        count = len(value)
        if count > self.limit_value:
            raise ValidationError(
                MESSAGE,
                code="max_length",
                params={"name": self.name, "limit": f"{self.limit_value:,}", "count": f"{count:,}"},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextLengthValidator) and (self.limit_value, self.name) == (
            other.limit_value,
            other.name,
        )

    def __hash__(self) -> int:
        return hash((self.limit_value, self.name))


class BoundedTextFormField(forms.CharField):
    """A textarea bounded to `max_length` characters. Line breaks are stored as "\\n": browsers
    send "\\r\\n" but count one character, so the limit a person sees is the limit applied."""

    widget = forms.Textarea

    def __init__(self, *, max_length: int, name: str = "text", **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            *(v for v in self.validators if not isinstance(v, MaxLengthValidator)),
            TextLengthValidator(max_length, name),
        ]

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


class BoundedCharField(serializers.CharField):
    """The API's bounded text field: `max_length` in the schema, the same message as the form."""

    def __init__(self, *, max_length: int, name: str = "text", **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            *(v for v in self.validators if not isinstance(v, MaxLengthValidator)),
            TextLengthValidator(max_length, name),
        ]


class TextLengthCheck(models.CheckConstraint):
    """The database's side of a BoundedTextField: `length(column) <= max_length`. Added to an
    existing table it is NOT VALID on PostgreSQL, so migrate keeps older, longer rows as they
    are (nothing is truncated) while every new or changed row must fit."""

    def __init__(self, *, field: str, max_length: int, name: str) -> None:
        self.field = field
        self.max_length = max_length
        super().__init__(
            condition=LessThanOrEqual(Length(field), max_length),
            name=name,
            violation_error_message=f"Shorten the {field} to {max_length:,} characters or fewer.",
        )

    def deconstruct(self) -> Any:
        path = f"{type(self).__module__}.{type(self).__name__}"
        return path, (), {"field": self.field, "max_length": self.max_length, "name": self.name}

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        statement: Any = super().create_sql(model, schema_editor)
        if statement is not None and schema_editor.connection.vendor == "postgresql":
            statement.template += " NOT VALID"
        return statement


def check_name(table: str, column: str) -> str:
    name = f"{table}_{column}_length"
    if len(name) > 63:  # PostgreSQL's identifier limit
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        name = f"{name[:46]}_{digest}_length"
    return name


class BoundedTextField(models.TextField):
    """A TextField with a maximum length enforced everywhere (see the module docstring): a
    validator, the form and API fields, and a `TextLengthCheck` added to the model's
    constraints (so makemigrations writes it, and rewrites it when the limit changes).

    `max_length=None` exists only for django-pghistory's event models, which copy the field
    without its limit (settings.PGHISTORY_EXCLUDE_FIELD_KWARGS) to keep rows as they were; to
    migrations such a copy is a plain TextField."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        if max_length is not None:
            self.validators.append(TextLengthValidator(max_length, "text"))

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only)
        for validator in self.validators:
            if isinstance(validator, TextLengthValidator):
                validator.name = str(self.verbose_name)
        meta = cls._meta
        if self.max_length is None or meta.abstract or meta.proxy:
            return
        if cls.__module__ == "__fake__":
            # A model rendered from migration state: its migrations carry the check already
            # (an AddConstraint), so adding it here would make CreateModel create it, and the
            # AddConstraint that follows fail with "already exists".
            return
        check = TextLengthCheck(
            field=name, max_length=self.max_length, name=check_name(meta.db_table, self.column)
        )
        # A new list (Meta's own may be shared); "constraints" in original_attrs makes the
        # migration state include it, as if declared in Meta.
        meta.constraints = [*meta.constraints, check]
        meta.original_attrs["constraints"] = meta.constraints

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        if self.max_length is None:  # an event model's copy: a plain TextField to migrations
            kwargs.pop("max_length", None)
            return name, "django.db.models.TextField", args, kwargs
        return name, "alliance_portal.text_limits.BoundedTextField", args, kwargs

    def formfield(
        self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any
    ) -> Any:
        bounded = self.max_length is not None and not self.choices
        if bounded and form_class in (None, BoundedTextFormField):
            form_class = BoundedTextFormField
            kwargs.setdefault("name", str(self.verbose_name))
        return super().formfield(
            form_class=form_class, choices_form_class=choices_form_class, **kwargs
        )


def _bounded(model: type[models.Model], name: str) -> BoundedTextField:
    field = model._meta.get_field(name)
    if not isinstance(field, BoundedTextField) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} is not a BoundedTextField")
    return field


def text_form_field(
    model: type[models.Model], field_name: str, *, name: str | None = None, **kwargs: Any
) -> BoundedTextFormField:
    """A hand-built form's field for the model's text field `field_name`, with the model's
    limit; `name` is how the refusal calls it (the field's verbose name by default)."""
    field = _bounded(model, field_name)
    kwargs.setdefault("required", not field.blank)
    return BoundedTextFormField(
        max_length=int(field.max_length or 0), name=name or str(field.verbose_name), **kwargs
    )


def text_input(
    model: type[models.Model], field_name: str, *, name: str | None = None, **kwargs: Any
) -> BoundedCharField:
    """A hand-built serializer's field for the model's text field `field_name`, with its
    limit; `name` is how the refusal calls it (the field's verbose name by default)."""
    field = _bounded(model, field_name)
    return BoundedCharField(
        max_length=int(field.max_length or 0), name=name or str(field.verbose_name), **kwargs
    )


def length_problem(
    model: type[models.Model], field_name: str, value: str, *, name: str | None = None
) -> str | None:
    """The refusal for `value` in the model's text field `field_name`, or None when it fits:
    for input checked outside a form or serializer (a CSV row, say)."""
    field = _bounded(model, field_name)
    limit = int(field.max_length or 0)
    if len(value) <= limit:
        return None
    params = {"name": name or field.verbose_name, "limit": f"{limit:,}", "count": f"{len(value):,}"}
    return MESSAGE % params
