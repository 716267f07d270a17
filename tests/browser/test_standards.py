"""A visitor finds a standard in the registry, opens and closes parts of a version's tree with
the keyboard, searches it, and reads the crosswalk matrix, with axe on every page."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_registry_version_tree_and_crosswalk(page, world, assert_accessible) -> None:
    call_command("seed_demo", stdout=io.StringIO())

    page.goto("/standards/")
    assert_accessible(page)
    page.get_by_label("Kind").select_option("regulation")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("1 standard", exact=True).wait_for()
    page.get_by_role("link", name="2017", exact=True).click()
    page.get_by_role("heading", level=1).filter(has_text="version 2017").wait_for()
    assert_accessible(page)

    page.goto("/standards/alliance-baseline/1.0/")
    assert_accessible(page)
    summary = page.locator("summary").filter(has_text="Human rights and labour")
    details = summary.locator("xpath=..")
    requirement = page.get_by_text("No forced labour", exact=True)
    assert details.evaluate("node => node.open") is True  # the top level starts open
    assert requirement.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert details.evaluate("node => node.open") is False
    assert not requirement.is_visible()
    page.keyboard.press("Space")
    assert details.evaluate("node => node.open") is True
    assert requirement.is_visible()

    page.get_by_label("Search this version").fill("grievance")
    page.keyboard.press("Enter")
    page.get_by_text("1 element match “grievance”.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="AB-1.5 Grievance mechanism").click()
    assert page.url.endswith("#element-" + page.url.split("#element-")[1])

    page.get_by_role("link", name="Crosswalk and baseline coverage").first.click()
    page.get_by_role("heading", name="Crosswalk and baseline coverage").wait_for()
    assert_accessible(page)
    matrix = page.get_by_role("region", name="Baseline requirements (rows)")
    assert matrix.get_by_role("columnheader").count() == 9  # the requirement column + 8 standards
    cell = matrix.locator('td[data-requirement="AB-1.9"][data-standard="eu-2017-821"]')
    assert cell.inner_text().startswith("Fully covered")
    for label in ("Fully covered", "Partly covered", "Not covered", "Unmapped"):
        assert matrix.get_by_text(label).count() > 0  # a word in every cell, not colour alone
