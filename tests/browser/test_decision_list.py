"""Browser: a reader with no login finds the latest decision from the home page in one click,
and filters the decision log by the names people use, on a phone as on a desktop."""

from __future__ import annotations

import pytest

from governance.decision_log.services import decision_log_append
from tests.governance.test_decision_log import decision_record

pytestmark = pytest.mark.django_db(transaction=True)

LITHIUM = "Lithium brine water stewardship"


def _publish_two() -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    decision_log_append(
        kind="decision",
        record=decision_record(
            2,
            proposal={"id": 2, "title": LITHIUM},
            materials=["lithium"],
            countries=["CL"],
        ),
    )


def test_the_latest_decision_is_one_click_from_home(page, assert_accessible) -> None:
    _publish_two()
    page.goto("/")
    assert_accessible(page)
    latest = page.get_by_role("region", name="Latest decisions")
    latest.get_by_role("link", name=LITHIUM).click()
    page.wait_for_url("**/governance/decisions/2/")
    assert LITHIUM in page.content()


@pytest.mark.parametrize("width", [390, 1280])
def test_filters_by_names_on_a_phone_and_a_desktop(page, assert_accessible, width) -> None:
    _publish_two()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/governance/decisions/")
    country = page.get_by_label("Country")
    if width == 390:  # on a phone the filters fold behind a "Filter" disclosure
        assert not country.is_visible()
        page.locator("details.filter-disclosure > summary", has_text="Filter").click()
    country.select_option(label="Chile")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("1 decision matches these filters").wait_for()
    assert country.is_visible()  # a filter in use stays in view
    assert page.get_by_role("link", name=LITHIUM).count() == 1
    assert page.get_by_role("link", name="Cobalt due diligence step 1").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.goto("/governance/decisions/?country=Chiel")
    summary = page.get_by_role("alert")
    assert "There is no country called “Chiel”" in summary.inner_text()
    summary.get_by_role("link", name="There is no country called “Chiel”").click()  # to the field
    assert page.evaluate("document.activeElement.id") == "id_country"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
