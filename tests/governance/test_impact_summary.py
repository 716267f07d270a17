"""The impact assessment page after a failed submit (issue 15): one error summary at the top,
linking to every field in error across the main form, the options and the costs, and each
field still says what is wrong beside it."""

from __future__ import annotations

import re

import pytest

from alliance_portal.roles import Role
from governance.proposals.models import ProposalStatus
from tests.governance.factories import make_proposal

pytestmark = pytest.mark.django_db


def _complete() -> dict[str, str]:
    data = {
        "rationale": "It works.",
        "trade_offs": "Members pay.",
        "chosen": "1",
        "option-TOTAL_FORMS": "6",
        "option-INITIAL_FORMS": "0",
        "option-0-title": "Adopt",
        "option-1-title": "Do nothing",
    }
    for kind in ("action", "inaction"):
        for dimension in ("economic", "social", "environmental"):
            prefix = f"{kind}-{dimension}"
            data |= {
                f"{prefix}-borne_by": "Members",
                f"{prefix}-magnitude": "low",
                f"{prefix}-horizon": "short",
                f"{prefix}-confidence": "medium",
            }
    return data


def _summary(html: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The page's one error summary: its links (href, text) and its items without a link."""
    assert html.count("data-error-summary") == 1, "one error summary, not one per form"
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', summary)
    plain = re.findall(r"<li>([^<]+)</li>", summary)
    assert html.index("data-error-summary") < html.index('<form method="post" class="impact-form"')
    return links, plain


def test_one_summary_links_to_every_field_in_error_across_the_forms(world) -> None:
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/impact-assessment/"
    assert "data-error-summary" not in staff.get(url).content.decode()

    data = _complete() | {
        "chosen": "",
        "option-1-title": "x" * 201,
        "action-social-amount": "a lot",
    }
    html = staff.post(url, data).content.decode()
    links, plain = _summary(html)
    assert plain == []
    hrefs = dict(links)
    assert hrefs["#id_chosen"] == "Choose the chosen option"
    assert hrefs["#id_option-1-title"].startswith("Option 2: ")
    assert (
        hrefs["#id_action-social-amount"] == "Cost of action, social: Enter the amount as a number"
    )
    for href, _text in links:  # every link leads to a field of the page
        assert f'id="{href[1:]}"' in html
    # Beside each field, its own message.
    assert html.count('class="errorlist" id="id_action-social-amount_error"') == 1


def test_the_services_refusals_are_in_the_same_summary_and_lead_to_their_field(world) -> None:
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/impact-assessment/"
    data = _complete() | {
        "inaction-social-borne_by": "",
        "action-economic-amount": "12",
        "option-1-title": "",
    }
    html = staff.post(url, data).content.decode()
    links, _plain = _summary(html)
    hrefs = {text.replace("&#x27;", "'"): href for href, text in links}
    assert hrefs["Cost of inaction, social: say who bears it."] == "#id_inaction-social-borne_by"
    currency = "Cost of action, economic: give the amount's ISO 4217 currency code, e.g. USD."
    assert hrefs[currency] == "#id_action-economic-currency"
    assert (
        hrefs["List at least two options considered (doing nothing can be one of them)."]
        == "#id_option-0-title"
    )
