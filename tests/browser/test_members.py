from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def committed_demo(db):
    """Transactional tests commit what they load: the shared, rolled-back demo is not seen by
    the live server."""
    call_command("seed_demo", stdout=io.StringIO())


def test_public_pages_of_the_membership_are_accessible(
    page, committed_demo, assert_accessible
) -> None:
    for path in (
        "/members/coverage/",
        "/countries/",
        "/countries/cd/",
        "/members/partners/",
        "/members/apply/",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto("/members/coverage/")
    page.get_by_label("Material").select_option("lithium")
    page.get_by_role("button", name="Show").click()
    page.get_by_text("material: lithium").wait_for()
    page.get_by_role("heading", name="Gaps").wait_for()


def test_a_member_reads_the_stakeholder_map(page, committed_demo, world, assert_accessible) -> None:
    from members.models import Person
    from members.selectors import current_agreements
    from members.services import agreements_accept

    member = world.users["member"]
    agreements_accept(
        actor=member, person=Person.objects.get(user=member), agreements=current_agreements()
    )
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Stakeholder map").click()
    page.get_by_role("img", name="Influence against impact").wait_for()
    assert_accessible(page)


def test_a_new_person_is_asked_to_accept_the_agreements(
    page, committed_demo, world, assert_accessible
) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(world.users["member"].email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role(
        "link", name="accept the membership charter and the information-sharing protocol"
    ).click()
    assert_accessible(page)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("members-only material is open to you now").wait_for()
