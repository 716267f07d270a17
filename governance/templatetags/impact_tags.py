"""The impact assessment page's one error summary: `{% load impact_tags %}`.

The page is a main form, a formset of options and one form per cost (kind x dimension). After a
failed submit the reader gets one summary at the top, linking to every field in error across
them all, instead of a summary per form; the forms are drawn through `_form.html` with
`|without_summary`, which keeps each field's own message beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms, template

register = template.Library()

# The services name a cost "Cost of inaction, social: say who bears it."; the words after the
# colon name the field to go to.
_COST_FIELDS = (
    ("bears", "borne_by"),
    ("magnitude", "magnitude"),
    ("horizon", "horizon"),
    ("confidence", "confidence"),
    ("currency", "currency"),
    ("amount", "amount"),
)
_OPTION = re.compile(r"^Option (\d+)\b")


@dataclass(frozen=True)
class Problem:
    text: str
    href: str = ""  # "#id_…" of the field to fix; empty when no one field is at fault


def _field_href(form: forms.BaseForm, name: str) -> str:
    if name not in form.fields:
        return ""
    field = form[name]
    anchor = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
    return f"#{anchor}"


def _field_problems(form: forms.BaseForm, where: str = "") -> list[Problem]:
    lead = f"{where}: " if where else ""
    return [
        Problem(f"{lead}{error}", _field_href(form, field.name))
        for field in form.visible_fields()
        for error in field.errors
    ]


def _service_href(message: str, page: Any) -> str:
    """Where a message of the impact assessment service (shown above the forms) points."""
    for label, form, _kind, _dimension in page.costs:
        if message.startswith(label.replace(": ", ", ") + ":"):
            said = message.split(":", 1)[1]
            name = next((n for word, n in _COST_FIELDS if word in said), "borne_by")
            return _field_href(form, name)
    option = _OPTION.match(message)
    options = page.options.forms
    if option and 0 < int(option.group(1)) <= len(options):
        return _field_href(options[int(option.group(1)) - 1], "title")
    if "exactly one option" in message:
        return _field_href(page.main, "chosen")
    if "at least two options" in message and options:
        return _field_href(options[0], "title")
    return ""


@register.simple_tag
def impact_problems(page: Any) -> list[Problem]:
    """Every problem of the impact assessment page (``ImpactAssessmentForms``), in the order
    of the page, each linking to its field where there is one."""
    if not page.main.is_bound:
        return []
    problems = [Problem(str(m), _service_href(str(m), page)) for m in page.main.non_field_errors()]
    problems += _field_problems(page.main)
    problems += [
        Problem(str(m), _service_href(str(m), page)) for m in page.options.non_form_errors()
    ]
    for number, form in enumerate(page.options.forms, start=1):
        problems += [Problem(f"Option {number}: {e}") for e in form.non_field_errors()]
        problems += _field_problems(form, f"Option {number}")
    for label, form, _kind, _dimension in page.costs:
        where = label.replace(": ", ", ")
        problems += [Problem(f"{where}: {e}") for e in form.non_field_errors()]
        problems += _field_problems(form, where)
    return problems


class _WithoutSummary:
    """A form as `_form.html` sees it on a page with one summary for all its forms: its fields
    and their messages, but no errors of its own to summarise."""

    def __init__(self, form: forms.BaseForm) -> None:
        self._form = form

    @property
    def errors(self) -> dict[str, Any]:
        return {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._form, name)

    def __getitem__(self, name: str) -> Any:
        return self._form[name]

    def __iter__(self) -> Any:
        return iter(self._form)


@register.filter(name="without_summary")
def without_summary(form: forms.BaseForm) -> _WithoutSummary:
    return _WithoutSummary(form)
