"""Who may act in glossary (rules registered with ``@action``)."""

from __future__ import annotations
