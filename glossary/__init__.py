"""The shared glossary: concepts, revisions, usage notes, translations, relations, exports."""
