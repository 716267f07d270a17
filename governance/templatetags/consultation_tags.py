"""Template filters of consultations: a paragraph in the language the reader chose."""

from __future__ import annotations

from django import template

from governance.consultations.selectors import Reading
from governance.paragraphs import Paragraph

register = template.Library()


@register.filter
def translated(reading: Reading | None, number: int) -> Paragraph | None:
    """Paragraph ``number`` of the translation being read, None when reading the original (or on
    a page, such as a version's, whose ``reading`` is something else)."""
    if not isinstance(reading, Reading):
        return None
    return reading.paragraphs.get(number)
