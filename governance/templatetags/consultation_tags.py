"""Template filters of consultations: a paragraph in the language the reader chose."""

from __future__ import annotations

from django import template

from governance.consultations.selectors import Reading
from governance.paragraphs import Paragraph

register = template.Library()


@register.filter
def translated(reading: Reading | None, number: int) -> Paragraph | None:
    """Paragraph ``number`` of the translation being read, None when reading the original."""
    if reading is None:
        return None
    return reading.paragraphs.get(number)
