from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db) -> None:
    """The demo alliance with its glossary (members, standards and glossary seeds)."""
    call_command("seed_demo", stdout=io.StringIO())
