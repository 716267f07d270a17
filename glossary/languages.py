"""The languages glossary content is written in.

The content language (the language of labels, definitions and notes) is chosen on each glossary
page apart from the interface language of the portal: a French reader may read the definitions in
French on pages whose navigation stays in English. English is the source language: every concept
has an English preferred label and definition; other languages are translations.
"""

from __future__ import annotations

from django.db import models

SOURCE_LANGUAGE = "en"


class ContentLanguage(models.TextChoices):
    # Labels are each language's own name for itself (what its readers look for).
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    SPANISH = "es", "Español"
    PORTUGUESE = "pt", "Português"
    GERMAN = "de", "Deutsch"
    SWAHILI = "sw", "Kiswahili"
    INDONESIAN = "id", "Bahasa Indonesia"
    CHINESE = "zh", "中文"


def language_name(code: str) -> str:
    """The language's name for itself, e.g. ``fr`` → ``Français``; unknown codes as given."""
    try:
        return str(ContentLanguage(code).label)
    except ValueError:
        return code


def content_language(value: str | None) -> str:
    """A requested content language, or the source language when it is missing or unknown."""
    if value and value in ContentLanguage.values:
        return value
    return SOURCE_LANGUAGE
