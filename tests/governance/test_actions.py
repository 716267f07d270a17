"""Action items (issue 17, item 1) through the pages: the secretariat creates and changes them,
the owner organisation's people report progress, anyone else is refused and nothing changes;
overdue actions are flagged; the decision page and the country page list them as far as the
reader may see; the list is filtered and paginated within a query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.actions import services
from governance.actions.models import ActionItem, ActionStatus, ProgressUpdate
from members.models import FocusCountry
from tests.governance.actions_support import action, decision

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_an_action_follows_an_adopted_decision_only(world) -> None:
    rejected = decision("A rejected rule", outcome="rejected")
    with pytest.raises(ValidationError, match="adopted decision only"):
        action(world.own, on=rejected)
    assert not ActionItem.objects.exists()


def test_the_secretariat_creates_an_action_on_the_decision_page(world) -> None:
    adopted = decision()
    form = {
        "title": "Train site operators",
        "description": "Two sessions in *Kolwezi*.",
        "owner": world.own.pk,
        "responsible": world.people["own-members"].pk,
        "due_date": (TODAY() + timedelta(days=60)).isoformat(),
        "disclosure": "public",
        "progress_mode": "milestones",
        "milestones": f"{TODAY().isoformat()} | First session\n"
        f"{(TODAY() + timedelta(days=50)).isoformat()} | Second session",
    }
    url = f"/governance/decisions/{adopted.seq}/actions/new/"
    member = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert member.post(url, form).status_code == 403
    assert not ActionItem.objects.exists()

    response = world.client_for(Role.SECRETARIAT).post(url, form)
    item = ActionItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert (item.owner, item.status, item.original_due_date) == (
        world.own,
        ActionStatus.PLANNED,
        item.due_date,
    )
    assert list(item.milestones.values_list("title", flat=True)) == [
        "First session",
        "Second session",
    ]
    decision_page = world.client_for(Role.ANONYMOUS).get(adopted.get_absolute_url())
    assert "Train site operators" in decision_page.content.decode()


def test_a_responsible_person_of_another_organisation_is_refused_on_the_form(world) -> None:
    adopted = decision()
    response = world.client_for(Role.SECRETARIAT).post(
        f"/governance/decisions/{adopted.seq}/actions/new/",
        {
            "title": "Train site operators",
            "owner": world.own.pk,
            "responsible": world.people["other-public"].pk,
            "due_date": TODAY().isoformat(),
            "disclosure": "public",
            "progress_mode": "percent",
        },
    )
    assert response.status_code == 200
    assert "Choose a person of Own Organisation" in response.content.decode()
    assert not ActionItem.objects.exists()


def _progress(client, item, **data):
    return client.post(f"/governance/actions/{item.pk}/progress/", data)


def test_the_owners_people_report_progress_and_nobody_else_changes_anything(world) -> None:
    item = action(world.own)
    outsider = world.client_for(Role.SECRETARIAT)
    outsider.force_login(world.people["other-public"].user)  # a person of B, not the owner
    for client in (outsider, world.client_for(Role.SECRETARIAT)):
        response = _progress(client, item, text="We did it.", status="done")
        assert response.status_code == 403
    api = world.client_for(Role.CIVIL_SOCIETY_REVIEWER)
    assert _progress(api, item, text="We did it.", status="done").status_code == 403
    item.refresh_from_db()
    assert (item.status, item.started_at, ProgressUpdate.objects.count()) == ("planned", None, 0)

    response = _progress(
        world.client_for(Role.MEMBER),
        item,
        text="Draft **sent** to the board.",
        evidence_url="https://example.org/draft.pdf",
        status="in_progress",
        percent="30",
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.percent) == ("in_progress", 30)
    assert item.started_at is not None
    update = ProgressUpdate.objects.get()
    assert (update.organisation, update.status, update.author) == (
        world.own,
        "in_progress",
        world.users[Role.MEMBER],
    )
    page = world.client_for(Role.ANONYMOUS).get(item.get_absolute_url()).content.decode()
    assert "<strong>sent</strong>" in page
    assert "https://example.org/draft.pdf" in page


def test_blocked_and_cancelled_need_a_reason_and_done_is_final(world) -> None:
    item = action(world.own)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = _progress(rep, item, text="Stuck.", status="blocked")
    assert response.status_code == 200
    assert "Say why the action is blocked." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "planned"

    assert (
        _progress(rep, item, text="Stuck.", status="blocked", reason="No funds.").status_code == 302
    )
    item.refresh_from_db()
    assert (item.status, item.status_reason, item.started_at) == ("blocked", "No funds.", None)

    services.action_status_change(actor=SYSTEM, item=item, status="in_progress")
    item.refresh_from_db()
    started = item.started_at
    services.action_status_change(actor=SYSTEM, item=item, status="blocked", reason="Again.")
    services.action_status_change(actor=SYSTEM, item=item, status="in_progress")
    item.refresh_from_db()
    assert item.started_at == started  # when it first started, never moved

    services.action_status_change(actor=SYSTEM, item=item, status="done")
    item.refresh_from_db()
    assert (item.percent, item.done_on_time) == (100, True)
    with pytest.raises(ValidationError, match="no longer changes"):
        services.action_status_change(actor=SYSTEM, item=item, status="in_progress")


def test_an_action_done_after_its_due_date_is_not_on_time(world) -> None:
    item = action(world.own, due=TODAY() - timedelta(days=3))
    services.action_status_change(actor=SYSTEM, item=item, status="done")
    item.refresh_from_db()
    assert item.done_on_time is False
    assert item.started_at == item.done_at  # done without going through in progress


def test_overdue_actions_are_flagged_on_the_list_the_action_and_the_decision(world) -> None:
    adopted = decision()
    late = action(world.own, on=adopted, title="Late action", due=TODAY() - timedelta(days=2))
    action(world.own, on=adopted, title="Timely action")
    done = action(world.own, on=adopted, title="Finished", due=TODAY() - timedelta(days=5))
    services.action_status_change(actor=SYSTEM, item=done, status="done")
    client = world.client_for(Role.ANONYMOUS)
    listing = client.get("/governance/actions/?overdue=yes").content.decode()
    assert "Late action" in listing
    assert "Timely action" not in listing
    assert "Finished" not in listing
    assert "Overdue: was due" in listing
    assert "Overdue: was due" in client.get(late.get_absolute_url()).content.decode()
    assert "Overdue: was due" in client.get(adopted.get_absolute_url()).content.decode()


def test_readers_see_only_the_actions_they_may(world) -> None:
    adopted = decision()
    action(world.own, on=adopted, title="Public work")
    members = action(world.other, on=adopted, title="Members work", disclosure="members")
    own_secret = action(world.own, on=adopted, title="Own secret work", disclosure="secretariat")
    anonymous = world.client_for(Role.ANONYMOUS)
    listing = anonymous.get("/governance/actions/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Public work" in text
    assert "Members work" not in text
    assert "Own secret work" not in text
    assert "Members work" not in anonymous.get(adopted.get_absolute_url()).content.decode()
    assert anonymous.get(members.get_absolute_url()).status_code == 302  # asked to sign in
    external = world.client_for(Role.EXTERNAL_STAKEHOLDER)
    assert external.get(members.get_absolute_url()).status_code == 404
    member = world.client_for(Role.MEMBER)
    text = member.get("/governance/actions/").content.decode()
    assert "Members work" in text
    assert "Own secret work" in text
    reviewer = world.client_for(Role.CIVIL_SOCIETY_REVIEWER)
    assert reviewer.get(own_secret.get_absolute_url()).status_code == 404


def test_the_list_filters_by_owner_body_country_material_decision_and_status(world) -> None:
    cobalt = decision("Cobalt rule", countries=["CD"], materials=["cobalt"])
    tin = decision("Tin rule", countries=["BO"], materials=["tin"], body="executive-board")
    action(world.own, on=cobalt, title="Cobalt work")
    tin_item = action(world.other, on=tin, title="Tin work", countries=["PE"])
    services.action_status_change(actor=SYSTEM, item=tin_item, status="in_progress")
    client = world.client_for(Role.ANONYMOUS)

    def titles(query: str) -> set[str]:
        text = client.get(f"/governance/actions/?{query}").content.decode()
        return {t for t in ("Cobalt work", "Tin work") if f">{t}</a>" in text}

    assert titles(f"owner={world.other.slug}") == {"Tin work"}
    assert titles("body=executive-board") == {"Tin work"}
    assert titles("country=CD") == {"Cobalt work"}
    assert titles("country=PE") == {"Tin work"}  # the action's own country
    assert titles("material=tin") == {"Tin work"}
    assert titles(f"decision={cobalt.seq}") == {"Cobalt work"}
    assert titles("status=in_progress") == {"Tin work"}
    assert titles("") == {"Cobalt work", "Tin work"}


def test_the_list_keeps_its_query_count_as_actions_grow(
    world, django_assert_max_num_queries
) -> None:
    adopted = decision()
    client = world.client_for(Role.MEMBER)
    for count in (3, 30):
        while ActionItem.objects.count() < count:
            action(world.own, on=adopted, progress_mode="milestones", milestones=_one_milestone())
        with django_assert_max_num_queries(11):
            response = client.get(
                "/governance/actions/?page=2" if count == 30 else "/governance/actions/"
            )
        assert response.status_code == 200


def _one_milestone():
    return [services.MilestoneInput("Step", TODAY())]


def test_the_secretariat_moves_the_due_date_and_publishes_it_in_the_log(world) -> None:
    item = action(world.own)
    first_due = item.due_date
    secretariat = world.client_for(Role.SECRETARIAT)
    response = secretariat.post(
        f"/governance/actions/{item.pk}/edit/",
        {
            "title": item.title,
            "owner": world.own.pk,
            "due_date": (first_due + timedelta(days=30)).isoformat(),
            "disclosure": "public",
            "progress_mode": "percent",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.original_due_date, item.rescheduled) == (first_due, True)
    page = secretariat.get(item.get_absolute_url()).content.decode()
    assert "first due" in page
    assert "Publish a statement in the decision log" in page

    url = f"/governance/actions/{item.pk}/statement/"
    assert world.client_for(Role.MEMBER).post(url, {"text": "New date."}).status_code == 403
    assert secretariat.post(url, {"text": "The guidance is now due later."}).status_code == 302
    statement = item.statements.get()
    assert (statement.occasion, statement.entry.kind, statement.entry.amends_id) == (
        "rescheduled",
        "statement",
        item.decision_id,
    )
    again = secretariat.post(url, {"text": "Again."})
    assert "nothing new to publish" in again.content.decode()
    assert item.statements.count() == 1
    anonymous = world.client_for(Role.ANONYMOUS)
    action_page = anonymous.get(item.get_absolute_url()).content.decode()
    assert f"/governance/decisions/{statement.entry_id}/" in action_page
    decision_page = anonymous.get(item.decision.get_absolute_url()).content.decode()
    assert "The guidance is now due later." in decision_page
    assert "The secretariat, on the action" in decision_page


def test_a_statement_is_published_for_a_public_action_only(world) -> None:
    item = action(world.own, disclosure="members")
    services.action_status_change(actor=SYSTEM, item=item, status="cancelled", reason="Merged.")
    with pytest.raises(ValidationError, match="Only a public action"):
        services.action_statement_publish(actor=SYSTEM, item=item, text="Not carried out.")
    assert not item.statements.exists()


def test_the_country_page_lists_the_actions_concerning_it(world) -> None:
    FocusCountry.objects.get_or_create(country="BO", defaults={"role": "producer"})
    bolivia = decision("Tin rule", countries=["BO"])
    action(world.own, on=bolivia, title="Bolivian public work")
    action(world.own, on=bolivia, title="Bolivian members work", disclosure="members")
    action(world.own, on=decision("Elsewhere", countries=["CD"]), title="Congolese work")
    anonymous = world.client_for(Role.ANONYMOUS).get("/countries/BO/").content.decode()
    assert "Bolivian public work" in anonymous
    assert "Congolese work" not in anonymous
    assert "Bolivian members work" not in anonymous
    member = world.client_for(Role.MEMBER).get("/countries/BO/").content.decode()
    assert "Bolivian members work" in member


def test_the_progress_form_says_what_to_do_and_keeps_nothing(world) -> None:
    from tests.guided import guided

    item = action(world.own)
    response = _progress(
        world.client_for(Role.MEMBER), item, text="", status="cancelled", percent="140"
    )
    assert response.status_code == 200
    guided(
        response.content.decode(),
        {
            "Enter what was done": "id_text",
            "Enter the percent done from 0 to 100": "id_percent",
        },
    )
    item.refresh_from_db()
    assert (item.status, ProgressUpdate.objects.count()) == ("planned", 0)
