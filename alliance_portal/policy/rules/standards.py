"""Who may act in standards (rules registered with ``@action``)."""

from __future__ import annotations
