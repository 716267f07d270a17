"""The notifications page under the account and its API (issue 17, item 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from alliance_portal.models import NotificationPreference
from alliance_portal.notifications import kinds
from alliance_portal.notifications.selectors import preferences_of
from tests.conftest import create_user
from tests.guided import guided

pytestmark = pytest.mark.django_db
PAGE = "/accounts/notifications/"
API = "/api/v1/me/notifications/"


def _all_defaults() -> dict[str, str]:
    data = {kind: str(event.default) for kind, event in kinds.KINDS.items()}
    data["consultation_opened_scope"] = "mine"
    return data


def test_the_page_lists_every_kind_with_the_persons_choice(client) -> None:
    person = create_user("reader@example.org")
    client.force_login(person)
    assert reverse("notification_preferences") == PAGE
    html = client.get(PAGE).content.decode()
    for event in kinds.KINDS.values():
        assert event.label in html
        assert event.description in html
    assert "Decision published</strong>: in a weekly digest" in html
    assert "(only in my organisation&#x27;s materials or countries)" in html
    assert 'href="/accounts/notifications/" aria-current="page"' in html
    assert "None" not in html


def test_saving_the_page_changes_the_choices(client) -> None:
    person = create_user("reader@example.org")
    client.force_login(person)
    data = _all_defaults() | {
        "decision_published": "immediate",
        "consultation_opened_scope": "all",
        "ballot_closing": "none",
    }
    answer = client.post(PAGE, data, follow=True)
    assert "Your notifications are saved." in answer.content.decode()
    choices = {c.kind: (c.frequency, c.scope) for c in preferences_of(person.pk)}
    assert choices["decision_published"] == ("immediate", "")
    assert choices["consultation_opened"] == ("daily", "all")
    assert choices["ballot_closing"] == ("none", "")
    assert "Decision published</strong>: at once" in answer.content.decode()


def test_a_missing_choice_is_explained_and_nothing_changes(client) -> None:
    person = create_user("reader@example.org")
    client.force_login(person)
    data = _all_defaults() | {"decision_published": "immediate"}
    del data["ballot_opened"]
    html = client.post(PAGE, data).content.decode()
    guided(html, {"Choose how often to hear of “ballot opened”": "id_ballot_opened_0"})
    assert not NotificationPreference.objects.exists()


def test_the_page_asks_to_sign_in(client) -> None:
    answer = client.get(PAGE)
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("login"))


def test_the_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries) -> None:
    person = create_user("reader@example.org")
    client.force_login(person)
    client.post(PAGE, _all_defaults())  # a row for every kind
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200


def test_the_api_lists_and_changes_ones_own_choices(django_assert_max_num_queries) -> None:
    person = create_user("reader@example.org")
    api = APIClient()
    api.force_authenticate(person)
    with django_assert_max_num_queries(4):
        rows = api.get(API).json()
    assert [row["kind"] for row in rows] == list(kinds.KINDS)
    assert rows[0] == {
        "kind": "consultation_opened",
        "label": "Consultation opened",
        "description": "A proposal opens for comments.",
        "frequency": "daily",
        "scope": "mine",
        "is_default": True,
    }
    answer = api.patch(API, [{"kind": "pledge_due", "frequency": "weekly"}], format="json")
    assert answer.status_code == 200
    changed = {row["kind"]: row for row in answer.json()}
    assert changed["pledge_due"]["frequency"] == "weekly"
    assert changed["pledge_due"]["is_default"] is False
    assert changed["ballot_opened"]["is_default"] is True


@pytest.mark.parametrize(
    "rows",
    [
        [{"kind": "coffee_break", "frequency": "daily"}],
        [{"kind": "ballot_opened", "frequency": "hourly"}],
        [{"kind": "ballot_opened", "frequency": "daily", "scope": "all"}],
    ],
)
def test_the_api_refuses_a_bad_choice_and_changes_nothing(rows) -> None:
    person = create_user("reader@example.org")
    api = APIClient()
    api.force_authenticate(person)
    answer = api.patch(API, rows, format="json")
    assert answer.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_api_is_for_signed_in_people() -> None:
    assert APIClient().get(API).status_code in (401, 403)
