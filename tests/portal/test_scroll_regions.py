"""A wide table scrolls inside its own box (portal.css ".table-scroll"), and a box that scrolls
can be reached with the keyboard and is named for screen readers (axe:
scrollable-region-focusable): `role="region"`, `tabindex="0"` and an `aria-label`, on every page
that has one, before any script runs."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from alliance_portal.accounts.services import api_token_issue
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.objectives import services as objective_services
from governance.objectives.models import Indicator, Objective
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from tests.governance.factories import (
    add_impact_assessment,
    make_proposal,
    member_comment,
    respond_to_all,
)

pytestmark = pytest.mark.django_db

BOX = re.compile(r'<div class="table-scroll"[^>]*>')


def _boxes(html: str) -> list[str]:
    boxes = BOX.findall(html)
    for box in boxes:
        assert 'role="region"' in box, box
        assert 'tabindex="0"' in box, box
        label = re.search(r'aria-label="([^"]*)"|aria-labelledby="([^"]+)"', box)
        assert label is not None, box
        assert (label.group(1) or "").strip() + (label.group(2) or ""), box
    return boxes


def test_the_tables_of_a_proposal_scroll_in_named_boxes(world) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION)
    member_comment(proposal, world.own, "Add a deadline.")
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    add_impact_assessment(proposal)
    respond_to_all(proposal)
    html = world.client_for(Role.SECRETARIAT).get(proposal.get_absolute_url()).content.decode()
    boxes = _boxes(html)
    for label in (
        "Participation by chamber",
        "You said, we did: the response to every shown comment",
        "Cost of action",
        "Cost of inaction",
    ):
        assert f'aria-label="{label}"' in " ".join(boxes), label


def test_the_governance_lists_and_the_tokens_scroll_in_named_boxes(world, client) -> None:
    objective = Objective.objects.create(slug="wages", title="Living wages")
    Indicator.objects.create(
        objective=objective,
        name="Workers paid a living wage",
        unit="%",
        baseline_value=Decimal("48"),
        baseline_date=date(2022, 1, 1),
        target_value=Decimal("90"),
        target_date=date(2028, 12, 31),
    )
    objective_services.issue_create(actor=SYSTEM, title="Wages", status="parked", reason="Survey.")
    proposal = make_proposal()
    member = world.client_for(Role.MEMBER)
    api_token_issue(actor=world.users[Role.MEMBER], user=world.users[Role.MEMBER])
    pages = {
        "/governance/": "Indicators of “Living wages”",
        "/governance/objectives/": "Parked issues",
        "/governance/bodies/": "Governing bodies",
        proposal.body.get_absolute_url(): "Composition by chamber",
        "/governance/proposals/": "Proposals",
        "/accounts/tokens/": "Your API tokens",
    }
    for url, label in pages.items():
        html = member.get(url).content.decode()
        assert f'aria-label="{label}"' in " ".join(_boxes(html)), url


def test_no_template_writes_a_scrolling_box_without_its_name() -> None:
    """A template writes the box with `{% scrollbox %}` or with the three attributes itself."""
    missing = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for box in BOX.findall(path.read_text(encoding="utf-8")):
            if not all(part in box for part in ('role="region"', 'tabindex="0"', "aria-label")):
                missing.append(f"{path.name}: {box}")
    assert missing == []
