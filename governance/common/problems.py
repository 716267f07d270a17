"""One error summary for a page of several forms (a form and its formset of items): every
problem in the order of the page, each linking to its field where it has one (the items of
``governance/_error_summary.html``)."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from governance.templatetags.impact_tags import Problem


def form_problems(form: forms.BaseForm, lead: str = "") -> list[Problem]:
    """A form's problems: those above it, then each field's, linking to the field."""
    problems = [Problem(f"{lead}{error}") for error in form.non_field_errors()]
    for field in form.visible_fields():
        anchor = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
        problems += [Problem(f"{lead}{error}", f"#{anchor}") for error in field.errors]
    return problems


def page_problems(
    form: forms.BaseForm, items: forms.BaseFormSet | None, item_name: str
) -> list[Problem]:
    """The form's problems, then the formset's, each item's led by its name and number
    ("Agenda item 2: ...")."""
    problems = form_problems(form)
    if items is not None:
        problems += [Problem(str(error)) for error in items.non_form_errors()]
        numbered: Iterable[tuple[int, forms.BaseForm]] = enumerate(items.forms, start=1)
        for number, item in numbered:
            problems += form_problems(item, f"{item_name} {number}: ")
    return problems
