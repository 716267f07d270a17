"""``ListSelect``: the same select as Django's, its options rendered once per choice list."""

from __future__ import annotations

import re

import pytest
from django import forms

from alliance_portal.forms import ListSelect
from members.forms import DirectoryFilterForm


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "A & B"), ("c", "<C>")], required=False)
    listed = forms.ChoiceField(
        choices=[("", "All"), ("a", "A & B"), ("c", "<C>")], required=False, widget=ListSelect
    )


def _normalised(html: str, name: str) -> tuple[frozenset[str], str]:
    """The select's attributes (in any order) and its options, with the field's name neutral."""
    html = html.replace(name, "NAME")
    opening, _, rest = html.partition(">")
    attributes = frozenset(re.findall(r'[\w-]+(?:="[^"]*")?', opening.removeprefix("<select")))
    return attributes, " ".join(rest.replace(">", "> ").replace("<", " <").split())


def test_it_renders_what_djangos_select_renders() -> None:
    for data in (None, {"plain": "c", "listed": "c"}, {"plain": "x", "listed": "x"}):
        form = _Form(data)
        form.is_valid()
        assert _normalised(str(form["listed"]), "listed") == _normalised(
            str(form["plain"]), "plain"
        )
    html = str(_Form({"listed": "c"})["listed"])
    assert '<option value="c" selected>&lt;C&gt;</option>' in html
    assert '<option value="a">A &amp; B</option>' in html


@pytest.mark.django_db
def test_the_directory_filter_marks_the_chosen_country() -> None:
    html = str(DirectoryFilterForm({"country": "FR"})["country"])
    assert html.count(" selected") == 1
    assert '<option value="FR" selected>France</option>' in html
    assert '<option value="DE">Germany</option>' in html
