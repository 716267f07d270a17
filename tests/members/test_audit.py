"""Every write made by people, admin and bulk updates included, leaves an audit row: who,
when, which object, before/after."""

from __future__ import annotations

import pghistory.models
from rest_framework.test import APIClient

from alliance_portal.roles import Role
from members.models import Organisation
from tests.members.factories import submitted_application


def _events(organisation: Organisation):
    return pghistory.models.Events.objects.tracks(organisation).order_by("pgh_created_at", "pgh_id")


def _admin_form(client, url: str, **changes) -> dict:
    """The organisation admin's change form as shown, with ``changes``, ready to post."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            "countries_of_operation": [],
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
            **changes,
        }
    )
    return {key: value for key, value in data.items() if value is not None}


def test_a_bulk_queryset_update_leaves_an_audit_row(world) -> None:
    before = _events(world.other).count()
    Organisation.objects.filter(pk=world.other.pk).update(website="https://bulk.example")
    events = list(_events(world.other))
    assert len(events) == before + 1
    last = events[-1]
    assert last.pgh_label == "update"
    assert last.pgh_data["website"] == "https://bulk.example"
    assert last.pgh_diff["website"] == ["", "https://bulk.example"]


def test_an_api_edit_is_tagged_with_who_and_which_use_case(world) -> None:
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    api = APIClient()
    api.force_authenticate(representative)
    api.patch(
        f"/api/v1/organisations/{world.own.slug}/", {"contact_phone": "+243 1"}, format="json"
    )
    last = list(_events(world.own))[-1]
    assert last.pgh_diff["contact_phone"] == ["", "+243 1"]
    assert last.pgh_context["use_case"] == "organisation_update"
    assert last.pgh_context["user"] == representative.pk


def test_an_admin_edit_is_recorded_with_the_staff_user(world, client) -> None:
    secretariat = world.users[Role.SECRETARIAT]
    client.force_login(secretariat)
    url = f"/admin/members/organisation/{world.other.pk}/change/"
    response = client.post(url, _admin_form(client, url, website="https://admin-edit.example"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    last = list(_events(world.other))[-1]
    assert last.pgh_diff["website"] == ["", "https://admin-edit.example"]
    assert last.pgh_context["user"] == secretariat.pk


def test_deleting_is_recorded_too(world, make_organisation) -> None:
    doomed = make_organisation("Short-lived")
    pk = doomed.pk
    doomed.delete()
    labels = list(
        pghistory.models.Events.objects.filter(
            pgh_obj_model="members.Organisation", pgh_obj_id=str(pk)
        )
        .order_by("pgh_created_at")
        .values_list("pgh_label", flat=True)
    )
    assert labels == ["insert", "delete"]


def test_an_approval_is_audited_as_the_approval_with_the_secretariat_member(world) -> None:
    """Approving creates the organisation and adds its representative; every row it writes is
    labelled with the use case the secretariat asked for, not with the nested steps."""
    from members import services
    from members.models import Person

    application = submitted_application(
        world.own.chamber,
        organisation_name="Approved Org",
        representative_name="Ada Approved",
        representative_email="ada@approved.example",
    )
    secretariat = world.users[Role.SECRETARIAT]
    organisation = services.application_approve(actor=secretariat, application=application)
    person = Person.objects.get(organisation=organisation)
    application.refresh_from_db()
    assert application.decided_by == secretariat
    events = [
        *pghistory.models.Events.objects.tracks(organisation),
        *pghistory.models.Events.objects.tracks(person),
        *pghistory.models.Events.objects.tracks(application).filter(pgh_label="update"),
    ]
    assert {event.pgh_obj_model for event in events} == {
        "members.Organisation",
        "members.Person",
        "members.MembershipApplication",
    }
    for event in events:
        assert event.pgh_context["use_case"] == "application_approve", event.pgh_obj_model
        assert event.pgh_context["user"] == secretariat.pk
        assert event.pgh_context["system"] is False


def test_an_admin_addition_goes_through_its_use_case(world, client) -> None:
    """The admin's change form runs the use case in its own (durable) transaction."""
    from members.models import AgreementVersion

    secretariat = world.users[Role.SECRETARIAT]
    client.force_login(secretariat)
    response = client.post(
        "/admin/members/agreementversion/add/",
        {"kind": "charter", "title": "Charter", "text": "Be fair."},
    )
    assert response.status_code == 302
    agreement = AgreementVersion.objects.get()
    assert agreement.version == 1
    (event,) = pghistory.models.Events.objects.tracks(agreement)
    assert event.pgh_context["use_case"] == "agreement_publish"
    assert event.pgh_context["user"] == secretariat.pk


def test_a_use_case_refusal_in_the_admin_is_a_message_on_the_same_page(
    world, client, monkeypatch
) -> None:
    """The form validates what it can; what only the use case knows comes back as a message
    (the admin's forms catch every refusal the members use cases make today, so one is
    staged here)."""
    from django.core.exceptions import ValidationError

    from members import services

    def refuse(**kwargs) -> None:
        raise ValidationError("The use case refuses this change.")

    monkeypatch.setattr(services, "organisation_update", refuse)
    client.force_login(world.users[Role.SECRETARIAT])
    url = f"/admin/members/organisation/{world.other.pk}/change/"
    response = client.post(url, _admin_form(client, url, website="https://refused.example"))
    assert response.status_code == 302
    assert response.headers["Location"] == url
    page = client.get(url).content.decode()
    assert "The use case refuses this change." in page
    world.other.refresh_from_db()
    assert world.other.website == ""
