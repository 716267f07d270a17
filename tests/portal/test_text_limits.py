"""Free text has a maximum length, and the page form, the API, the admin and the database all
hold it: an organisation description of 20,001 characters is refused with a message saying
what to do, and no TextField of the portal's models can be added without a limit."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, models, transaction
from pghistory.models import Event
from rest_framework.test import APIClient

from alliance_portal.roles import Role
from alliance_portal.text_limits import (
    BoundedTextField,
    BoundedTextFormField,
    TextLengthCheck,
    length_problem,
)
from members.models import Organisation

LIMIT = 20_000
TOO_LONG = "Shorten the description to 20,000 characters or fewer (it has 20,001)."
OUR_APPS = {"alliance_portal", "members", "standards", "glossary", "governance"}
# Text the system writes, never a person, where a limit could only stop the record.
UNBOUNDED: dict[str, str] = {
    "governance.DecisionLogEntry.canonical": "the exact JSON text the decision log hashes",
}


def _page_form(**changes: str) -> dict[str, str]:
    return {"website": "own.example", "contact_email": "a@own.example", **changes}


def test_the_profile_page_refuses_a_description_one_character_too_long(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/members/{world.own.slug}/edit/"

    response = client.post(url, _page_form(description="x" * (LIMIT + 1)))

    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    world.own.refresh_from_db()
    assert len(world.own.description) < LIMIT


def test_a_description_at_the_limit_is_kept_and_published(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    text = "Fair cobalt. " * (LIMIT // 13) + "x" * (LIMIT % 13)
    assert len(text) == LIMIT

    response = client.post(f"/members/{world.own.slug}/edit/", _page_form(description=text))

    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.description == text.strip()
    assert "Fair cobalt." in client.get(world.own.get_absolute_url()).content.decode()


def test_the_page_counts_a_line_break_as_one_character_like_the_browser(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    lines = ["x" * 99] * (LIMIT // 100)  # 20,000 characters with "\n", 20,199 with "\r\n"

    response = client.post(
        f"/members/{world.own.slug}/edit/", _page_form(description="\r\n".join(lines))
    )

    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.description == "\n".join(lines)


def test_the_page_shows_the_limit_to_the_browser(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    html = client.get(f"/members/{world.own.slug}/edit/").content.decode()
    assert f'maxlength="{LIMIT}"' in html


def test_the_api_refuses_a_description_one_character_too_long(world) -> None:
    api = APIClient()
    api.force_authenticate(world.users[Role.ORGANISATION_REPRESENTATIVE])

    response = api.patch(
        f"/api/v1/organisations/{world.own.slug}/",
        {"description": "x" * (LIMIT + 1)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["description"] == [TOO_LONG]
    world.own.refresh_from_db()
    assert len(world.own.description) < LIMIT


def test_the_api_schema_states_the_limit(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    fields = schema["components"]["schemas"]
    described = [
        body["properties"]["description"]
        for name, body in fields.items()
        if "Organisation" in name and "description" in body.get("properties", {})
    ]
    assert described
    assert any(field.get("maxLength") == LIMIT for field in described)


def test_the_admin_refuses_a_description_one_character_too_long(world, client) -> None:
    client.force_login(world.users[Role.SECRETARIAT])
    url = f"/admin/members/organisation/{world.other.pk}/change/"
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            "countries_of_operation": [],
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
            "description": "x" * (LIMIT + 1),
        }
    )

    response = client.post(url, {k: v for k, v in data.items() if v is not None})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["description"] == [TOO_LONG]
    assert TOO_LONG in response.content.decode()


def test_full_clean_and_the_database_refuse_it_too(world) -> None:
    world.own.description = "x" * (LIMIT + 1)
    with pytest.raises(ValidationError) as refused:
        world.own.full_clean()
    assert refused.value.message_dict["description"] == [TOO_LONG]

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=world.own.pk).update(description="x" * (LIMIT + 1))


def test_the_length_check_keeps_older_rows_when_added_to_a_table(db) -> None:
    """Migrating an existing database never fails on (nor truncates) a longer older row: the
    check is added NOT VALID, and only new or changed rows must fit."""
    check = next(c for c in Organisation._meta.constraints if isinstance(c, TextLengthCheck))
    with connection.schema_editor(collect_sql=True) as editor:
        sql = str(check.create_sql(Organisation, editor))
    assert sql.endswith("NOT VALID")
    assert "20000" in sql


def test_hand_built_form_fields_and_csv_rows_get_the_same_message() -> None:
    field = BoundedTextFormField(max_length=5, name="reason")
    with pytest.raises(ValidationError) as refused:
        field.clean("123456")
    assert refused.value.messages == ["Shorten the reason to 5 characters or fewer (it has 6)."]
    assert length_problem(Organisation, "description", "x" * (LIMIT + 1)) == TOO_LONG
    assert length_problem(Organisation, "description", "x" * LIMIT) is None


def _text_fields() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or issubclass(model, Event):
            continue  # history events are snapshots written by triggers
        for field in model._meta.concrete_fields:
            if field.model._meta.app_label not in OUR_APPS:
                continue  # a third-party base model's field (django-axes' attempts)
            if isinstance(field, models.TextField) or (
                isinstance(field, models.CharField) and field.max_length is None
            ):
                found.append((f"{model._meta.label}.{field.name}", field))
    return found


def test_every_free_text_field_has_a_maximum_length() -> None:
    fields = _text_fields()
    assert len(fields) > 40
    unbounded = [
        label
        for label, field in fields
        if label not in UNBOUNDED and not (isinstance(field, BoundedTextField) and field.max_length)
    ]
    assert unbounded == [], "Use alliance_portal.text_limits.BoundedTextField(max_length=...)"


def test_every_bounded_field_is_checked_by_the_database() -> None:
    for label, field in _text_fields():
        if label in UNBOUNDED:
            continue
        checks = [
            c
            for c in field.model._meta.constraints
            if isinstance(c, TextLengthCheck) and c.field == field.name
        ]
        assert [c.max_length for c in checks] == [field.max_length], label


def test_an_older_longer_row_survives_the_check_and_is_listed_to_shorten(world) -> None:
    """As on a database migrated with a longer description already in it."""
    table, name = Organisation._meta.db_table, "members_organisation_description_length"
    check = next(c for c in Organisation._meta.constraints if getattr(c, "name", "") == name)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before the DDL
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        cursor.execute(
            "UPDATE members_organisation SET description = repeat('x', 30000) WHERE id = %s",
            [world.own.pk],
        )
    with connection.schema_editor() as editor:
        editor.add_constraint(Organisation, check)  # what the migration does: NOT VALID

    world.own.refresh_from_db()
    assert len(world.own.description) == 30_000  # kept, not truncated
    out = StringIO()
    with pytest.raises(CommandError, match="1 text to shorten"):
        call_command("check_text_lengths", stdout=out)
    assert f"members.Organisation {world.own.pk}: description has 30,000 characters" in (
        out.getvalue()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=world.other.pk).update(description="y" * (LIMIT + 1))


def test_a_proposal_transition_reason_over_its_limit_is_refused_not_a_server_error(world) -> None:
    """The transition page hands the reason to the service itself: it checks the length first."""
    from governance.proposals.models import ProposalStatus
    from tests.governance.factories import make_proposal

    proposal = make_proposal(status=ProposalStatus.CONSULTATION)
    client = world.client_for(Role.SECRETARIAT)
    too_long = "Shorten the reason to 10,000 characters or fewer (it has 10,001)."

    page = client.post(
        f"/governance/proposals/{proposal.pk}/transition/",
        {"to_status": "withdrawn", "reason": "x" * 10_001},
    )
    api = client.post(
        f"/api/v1/proposals/{proposal.pk}/transitions/",
        {"to_status": "withdrawn", "reason": "x" * 10_001},
        content_type="application/json",
    )

    assert page.status_code == 200
    assert too_long in page.content.decode()
    assert api.status_code == 400
    assert api.json()["reason"] == [too_long]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONSULTATION
