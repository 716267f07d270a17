from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from glossary.models import Concept, ConceptStatus, Definition, Label, UsageNote

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_glossary_once_with_every_status(demo) -> None:
    counts = {
        status: Concept.objects.filter(status=status).count() for status in ConceptStatus.values
    }
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == {
        status: Concept.objects.filter(status=status).count() for status in ConceptStatus.values
    }
    assert Concept.objects.count() >= 30
    assert all(counts[status] >= 1 for status in ConceptStatus.values), counts
    # French and Spanish for some concepts.
    for language in ("fr", "es"):
        assert (
            Definition.objects.filter(language=language)
            .values("revision__concept")
            .distinct()
            .count()
            >= 5
        )
    # Usage notes from at least three chambers on several concepts.
    concepts_with_three = [
        concept
        for concept in Concept.objects.all()
        if UsageNote.objects.filter(concept=concept).values("chamber").distinct().count() >= 3
    ]
    assert len(concepts_with_three) >= 3
    # Definitions cite standard elements when the standards demo data is there.
    assert Definition.objects.filter(source_element__isnull=False).exists()
    assert Label.objects.filter(text="ASM").exists()


def test_seed_demo_with_demo_logins_attributes_proposals_and_notes(demo_with_logins) -> None:
    assert Concept.objects.filter(proposed_by__email="member@demo.alliance.example").exists()
    assert UsageNote.objects.filter(author__email="member@demo.alliance.example").exists()
