"""Action items through the API (issue 17, items 1 and 6): the list and its filters as far as
the reader may see, the detail with its timeline, progress updates and status changes by the
owner organisation's people only (403 and nothing changed for anyone else), the secretariat's
create, change and statement; query budgets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.actions import services
from governance.actions.models import ActionItem, ProgressUpdate
from tests.governance.actions_support import action, decision

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["title"] for row in response.json()["results"]}


def test_anonymous_readers_get_the_public_actions_with_the_overdue_flag(world, api_for) -> None:
    adopted = decision()
    action(world.own, on=adopted, title="Late", due=TODAY() - timedelta(days=1))
    action(world.own, on=adopted, title="Members only", disclosure="members")
    response = api_for(Role.ANONYMOUS).get("/api/v1/actions/")
    assert _titles(response) == {"Late"}
    (row,) = response.json()["results"]
    assert (row["overdue"], row["decision"], row["owner"]) == (True, adopted.seq, world.own.slug)
    assert _titles(api_for(Role.MEMBER).get("/api/v1/actions/")) == {"Late", "Members only"}
    anonymous_overdue = api_for(Role.ANONYMOUS).get("/api/v1/actions/?overdue=false")
    assert _titles(anonymous_overdue) == set()


def test_the_list_filters(world, api_for) -> None:
    cobalt = decision("Cobalt rule", countries=["CD"], materials=["cobalt"])
    tin = decision("Tin rule", countries=["BO"], materials=["tin"], body="executive-board")
    action(world.own, on=cobalt, title="Cobalt work")
    action(world.other, on=tin, title="Tin work")
    api = api_for(Role.ANONYMOUS)
    assert _titles(api.get(f"/api/v1/actions/?owner={world.own.slug}")) == {"Cobalt work"}
    assert _titles(api.get("/api/v1/actions/?country=BO")) == {"Tin work"}
    assert _titles(api.get("/api/v1/actions/?material=cobalt")) == {"Cobalt work"}
    assert _titles(api.get("/api/v1/actions/?body=executive-board")) == {"Tin work"}
    assert _titles(api.get(f"/api/v1/actions/?decision={tin.seq}")) == {"Tin work"}
    assert _titles(api.get("/api/v1/actions/?status=done")) == set()
    assert api.get("/api/v1/actions/?status=finished").status_code == 400


def test_only_the_owners_people_post_updates_and_change_the_status(world, api_for) -> None:
    item = action(world.own)
    update = {"text": "Done!", "status": "done", "evidence_url": "https://example.org/e"}
    status = {"status": "cancelled", "reason": "Not needed."}
    outsider = api_for(Role.ANONYMOUS)
    outsider.force_authenticate(world.people["other-public"].user)  # a person of B
    for role, api in (
        ("B", outsider),
        ("secretariat", api_for(Role.SECRETARIAT)),
        ("reviewer", api_for(Role.CIVIL_SOCIETY_REVIEWER)),
        ("external", api_for(Role.EXTERNAL_STAKEHOLDER)),
    ):
        posted = api.post(f"/api/v1/actions/{item.pk}/updates/", update, format="json")
        changed = api.post(f"/api/v1/actions/{item.pk}/status/", status, format="json")
        assert (posted.status_code, changed.status_code) == (403, 403), role
    anonymous = api_for(Role.ANONYMOUS).post(f"/api/v1/actions/{item.pk}/status/", status)
    assert anonymous.status_code in (401, 403)
    item.refresh_from_db()
    assert (item.status, item.done_at, ProgressUpdate.objects.count()) == ("planned", None, 0)

    member = api_for(Role.MEMBER)
    posted = member.post(f"/api/v1/actions/{item.pk}/updates/", update, format="json")
    assert posted.status_code == 201, posted.content
    assert posted.json()["status"] == "done"
    assert "<p>Done!</p>" in posted.json()["text_html"]
    item.refresh_from_db()
    assert item.status == "done"
    assert item.done_at is not None
    refused = member.post(f"/api/v1/actions/{item.pk}/status/", status, format="json")
    assert refused.status_code == 400
    assert "no longer changes" in str(refused.json())


def test_a_status_change_needs_a_reason_when_blocked(world, api_for) -> None:
    item = action(world.own)
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/api/v1/actions/{item.pk}/status/"
    missing = rep.post(url, {"status": "blocked"}, format="json")
    assert missing.status_code == 400
    assert "reason" in missing.json()
    blocked = rep.post(url, {"status": "blocked", "reason": "No funds."}, format="json")
    assert blocked.status_code == 200
    body = blocked.json()
    assert (body["status"], body["status_reason"]) == ("blocked", "No funds.")
    assert [u["status"] for u in body["updates"]] == ["blocked"]


def test_the_secretariat_creates_and_changes_actions_others_cannot(world, api_for) -> None:
    adopted = decision()
    data = {
        "decision": adopted.seq,
        "title": "Report on uptake",
        "owner": world.own.slug,
        "due_date": (TODAY() + timedelta(days=90)).isoformat(),
        "progress_mode": "milestones",
        "milestones": [{"title": "Survey", "due_date": TODAY().isoformat()}],
        "countries": ["PE"],
    }
    assert (
        api_for(Role.ORGANISATION_REPRESENTATIVE)
        .post("/api/v1/actions/", data, format="json")
        .status_code
        == 403
    )
    assert not ActionItem.objects.exists()
    created = api_for(Role.SECRETARIAT).post("/api/v1/actions/", data, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["milestone_count"], body["countries"]) == (1, ["PE"])
    assert [m["title"] for m in body["milestones"]] == ["Survey"]

    url = f"/api/v1/actions/{body['id']}/"
    later = (TODAY() + timedelta(days=120)).isoformat()
    member = api_for(Role.MEMBER).patch(url, {"due_date": later}, format="json")
    assert member.status_code == 403
    moved = api_for(Role.SECRETARIAT).patch(url, {"due_date": later}, format="json")
    assert moved.status_code == 200
    assert (moved.json()["due_date"], moved.json()["original_due_date"]) == (
        later,
        data["due_date"],
    )
    statement = api_for(Role.SECRETARIAT).post(
        f"{url}statement/", {"text": "The report is now due later."}, format="json"
    )
    assert statement.status_code == 201
    assert statement.json()["occasion"] == "rescheduled"


def test_the_responsible_person_is_named_to_members_only(world, api_for) -> None:
    item = action(world.own, responsible=world.people["own-members"])
    anonymous = api_for(Role.ANONYMOUS).get(f"/api/v1/actions/{item.pk}/").json()
    assert "responsible" not in anonymous
    member = api_for(Role.CIVIL_SOCIETY_REVIEWER).get(f"/api/v1/actions/{item.pk}/").json()
    assert member["responsible"] == "own members person"
    hidden = action(world.own, responsible=world.people["own-secretariat"])
    reviewer = api_for(Role.CIVIL_SOCIETY_REVIEWER).get(f"/api/v1/actions/{hidden.pk}/").json()
    assert reviewer["responsible"] == ""  # that person's own level is the secretariat's
    own = api_for(Role.MEMBER).get(f"/api/v1/actions/{hidden.pk}/").json()
    assert own["responsible"] == "own secretariat person"


def test_the_list_and_the_timeline_keep_their_query_counts(
    world, api_for, django_assert_max_num_queries
) -> None:
    adopted = decision()
    api = api_for(Role.MEMBER)
    for count in (2, 20):
        while ActionItem.objects.count() < count:
            item = action(world.own, on=adopted)
            services.action_progress_post(actor=SYSTEM, item=item, text="Going.", percent=10)
        with django_assert_max_num_queries(6):
            assert api.get("/api/v1/actions/").status_code == 200
        with django_assert_max_num_queries(6):
            assert api.get(f"/api/v1/actions/{item.pk}/").status_code == 200
