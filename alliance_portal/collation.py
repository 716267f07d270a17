"""Sorting names for people: by the name as the reader reads it, not by a code.

PostgreSQL cannot collate names that are translated in Python (country names come from
django-countries in the active language), so they are sorted here, accents and case aside.
"""

from __future__ import annotations

import unicodedata


def name_sort_key(name: object) -> tuple[str, str]:
    """A key that sorts "Åland", "Côte d'Ivoire", "chile" as a reader expects: the letters
    without accents or case first, then the exact text to keep the order stable."""
    text = str(name)
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return base, text
