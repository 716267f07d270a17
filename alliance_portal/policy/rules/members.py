"""Who may act in members (rules registered with ``@action``)."""

from __future__ import annotations
