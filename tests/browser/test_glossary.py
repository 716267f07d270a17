"""Browser journey through the glossary: search with a typo, open the concept, read it in
French, and a member writes their chamber's usage note; axe-core on every page."""

from __future__ import annotations

import pytest

from alliance_portal.roles import Role
from tests.browser.errors import assert_guided
from tests.conftest import PASSWORD
from tests.glossary.factories import agreed_concept

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def glossary(world) -> None:
    due_diligence = agreed_concept(
        "Due diligence", "Finding, preventing and accounting for harm in a supply chain."
    )
    agreed_concept(
        "Artisanal and small-scale mining",
        "Mining by individuals and small groups with mostly manual tools, often informal; "
        "buyers apply due diligence rather than exclude it.",
        alt=("ASM", "small-scale mining"),
        related=(due_diligence,),
        translations={
            "fr": (
                "exploitation minière artisanale et à petite échelle",
                "L'exploitation minière menée par des personnes ou de petits groupes, surtout "
                "avec des outils manuels.",
            )
        },
    )


def test_search_read_in_french_and_write_a_usage_note(
    page, world, glossary, assert_accessible
) -> None:
    page.goto("/glossary/")
    page.get_by_role("heading", name="Glossary", level=1).wait_for()
    assert_accessible(page)

    page.get_by_label("Search the glossary").fill("artisinal")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Results for “artisinal”").wait_for()
    results = page.locator("ol.search-results > li > a")
    assert results.first.inner_text() == "Artisanal and small-scale mining"
    assert_accessible(page)

    results.first.click()
    page.get_by_role("heading", name="Artisanal and small-scale mining", level=1).wait_for()
    # The definition links the agreed term it mentions.
    assert page.locator(".definition a.glossary-term").inner_text() == "due diligence"
    assert_accessible(page)

    page.get_by_role("navigation", name="Language of the glossary text").get_by_role(
        "link", name="Français"
    ).click()
    heading = page.get_by_role("heading", level=1)
    heading.get_by_text("exploitation minière artisanale et à petite échelle").wait_for()
    assert page.locator("h1 span").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("lang") == "en"  # the interface stays English
    assert_accessible(page)

    member = world.users[Role.MEMBER]
    page.goto("/accounts/login/?next=/glossary/artisanal-and-small-scale-mining/")
    page.get_by_label("Email address").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Write your chamber's usage note").click()
    page.get_by_role("heading", name="Usage notes on “Artisanal and small-scale mining”").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the note").click()  # empty: an error, not a note
    assert_guided(page, {"Enter how your chamber uses or understands the term": "id_text"})
    assert_accessible(page)
    page.get_by_label("How your chamber uses or understands the term").fill(
        "For civil society, ASM is a livelihood to protect, not a risk to avoid."
    )
    page.get_by_role("button", name="Publish the note").click()
    page.get_by_text("Your chamber's usage note is published.").wait_for()
    chamber = page.get_by_role("region", name="Civil society")
    chamber.get_by_text("ASM is a livelihood to protect").wait_for()
    chamber.get_by_text("Own Organisation").wait_for()
    assert_accessible(page)
