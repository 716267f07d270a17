"""Who may act in governance (rules registered with ``@action``)."""

from __future__ import annotations
