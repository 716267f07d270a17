"""Issue 17's demo data for initiatives (item 7): two initiatives linked to adopted demo
decisions, with pledges from member organisations and a partner alliance, and a funding gap on
one; the seed is idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from governance.initiatives import selectors
from governance.initiatives.models import Initiative, Pledge

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_funded_initiatives_with_a_gap(demo, client) -> None:
    counts = (Initiative.objects.count(), Pledge.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Initiative.objects.count(), Pledge.objects.count()) == counts

    initiatives = list(Initiative.objects.prefetch_related("decisions"))
    assert len(initiatives) == 2
    for initiative in initiatives:
        assert initiative.decisions.exists()
        assert {d.outcome for d in initiative.decisions.all()} == {"adopted"}
        assert initiative.pledges.filter(organisation__isnull=False).exists()
        assert initiative.pledges.filter(partner_alliance__isnull=False).exists()
    gaps = [selectors.initiative_funding(initiative=i).gap for i in initiatives]
    assert any(gap > 0 for gap in gaps)
    assert not Pledge.objects.filter(partner_alliance__isnull=False, organisation__isnull=False)

    page = client.get("/governance/initiatives/").content.decode()
    assert all(i.title in page for i in initiatives)
    gapped = next(i for i, gap in zip(initiatives, gaps, strict=True) if gap > 0)
    detail = client.get(gapped.get_absolute_url()).content.decode()
    assert "still missing" in detail
    assert client.get("/countries/cd/").content.decode().count('id="section-initiatives"') == 1
