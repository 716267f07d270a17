"""Invariants the database itself holds, whatever code (admin, shell, raw SQL) writes, and the
audit trail every write leaves."""

from __future__ import annotations

import pghistory.models
import pytest
from django.db import IntegrityError, transaction

from alliance_portal.roles import Role
from standards.models import Element, Mapping, MappingStatus, Standard, StandardVersion
from tests.standards.conftest import api_for


def test_a_mappings_elements_belong_to_its_sets_versions(crosswalk, make_mapping) -> None:
    mapping = make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.DRAFT)
    beta_element = crosswalk.element(crosswalk.beta, "Art. 1")
    with pytest.raises(IntegrityError, match="belong to its set"), transaction.atomic():
        Mapping.objects.filter(pk=mapping.pk).update(reference_element=beta_element)


def test_a_mapping_sets_versions_stay_put_once_mapped(crosswalk, make_mapping) -> None:
    make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.DRAFT)
    crosswalk.to_alpha.reference_version = crosswalk.beta
    with pytest.raises(IntegrityError, match="cannot change"), transaction.atomic():
        crosswalk.to_alpha.save()


def test_an_elements_parent_is_in_its_version_and_never_a_descendant(crosswalk) -> None:
    chapter = crosswalk.element(crosswalk.alpha, "1")
    criterion = crosswalk.element(crosswalk.alpha, "1.1")
    baseline_principle = crosswalk.element(crosswalk.baseline, "B-1")
    with pytest.raises(IntegrityError, match="same version"), transaction.atomic():
        Element.objects.filter(pk=criterion.pk).update(parent=baseline_principle)
    with pytest.raises(IntegrityError, match="own ancestor"), transaction.atomic():
        Element.objects.filter(pk=chapter.pk).update(parent=criterion)


def test_one_current_version_and_one_baseline(crosswalk) -> None:
    with pytest.raises(IntegrityError, match="one_current_version"), transaction.atomic():
        StandardVersion.objects.create(
            standard=crosswalk.alpha.standard, label="3", status="current"
        )
    with pytest.raises(IntegrityError, match="one_alliance_baseline"), transaction.atomic():
        Standard.objects.create(
            code="second",
            title="Second",
            short_name="2",
            issuing_body="x",
            kind="alliance_baseline",
        )
    with pytest.raises(IntegrityError, match="standard_code_format"), transaction.atomic():
        Standard.objects.create(
            code="crosswalk", title="C", short_name="C", issuing_body="x", kind="regulation"
        )


def test_a_version_supersedes_only_its_own_standards_versions(crosswalk) -> None:
    with pytest.raises(IntegrityError, match="same standard"), transaction.atomic():
        StandardVersion.objects.create(
            standard=crosswalk.alpha.standard, label="3", supersedes=crosswalk.beta
        )


def test_every_step_of_a_mapping_is_in_the_audit_trail(world, crosswalk) -> None:
    member = world.users[Role.MEMBER]
    created = (
        api_for(world, Role.MEMBER)
        .post(
            f"/api/v1/mapping-sets/{crosswalk.to_alpha.pk}/mappings/",
            {
                "focal_element": "B-1.1",
                "reference_element": "1.1",
                "relationship": "equal",
                "rationale": "semantic",
            },
            format="json",
        )
        .json()
    )
    api_for(world, Role.SECRETARIAT).post(f"/api/v1/mappings/{created['id']}/review/")
    api_for(world, Role.SUPERUSER).post(f"/api/v1/mappings/{created['id']}/approve/")
    events = list(
        pghistory.models.Events.objects.filter(
            pgh_obj_model="standards.Mapping", pgh_obj_id=str(created["id"])
        ).order_by("pgh_created_at", "pgh_id")
    )
    assert [(e.pgh_label, e.pgh_context["use_case"], e.pgh_context["user"]) for e in events] == [
        ("insert", "mapping_create", member.pk),
        ("update", "mapping_review", world.users[Role.SECRETARIAT].pk),
        ("update", "mapping_approve", world.users[Role.SUPERUSER].pk),
    ]
    assert events[-1].pgh_diff["status"] == ["reviewed", "approved"]


def test_the_admin_approves_through_the_service(world, crosswalk, make_mapping) -> None:
    own = make_mapping(
        "B-1.1", "equal", "1.1", status=MappingStatus.REVIEWED, author=world.users[Role.SECRETARIAT]
    )
    other = make_mapping("B-1.2", "equal", "1.2", status=MappingStatus.REVIEWED)
    client = world.client_for(Role.SECRETARIAT)
    response = client.post(
        "/admin/standards/mapping/",
        {"action": "approve", "_selected_action": [own.pk, other.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "You wrote this mapping: someone else must approve it." in html
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("reviewed", "approved")
    assert other.approved_by == world.users[Role.SECRETARIAT]
    # An approved mapping's admin page is read-only and cannot be deleted.
    page = client.get(f"/admin/standards/mapping/{other.pk}/change/").content.decode()
    assert 'name="relationship"' not in page
    assert client.get(f"/admin/standards/mapping/{other.pk}/delete/").status_code == 403


def test_the_admin_proposes_through_the_service_and_the_system_is_named(world, crosswalk) -> None:
    """The admin's add page calls the use case (its own durable transaction, not one nested in
    the admin's); work the portal does by itself is recorded as the system's."""
    response = world.client_for(Role.SECRETARIAT).post(
        "/admin/standards/mapping/add/",
        {
            "mapping_set": crosswalk.to_alpha.pk,
            "focal_element": crosswalk.element(crosswalk.baseline, "B-2.1").pk,
            "relationship": "equal",
            "reference_element": crosswalk.element(crosswalk.alpha, "2.1").pk,
            "rationale": "semantic",
            "strength": "",
            "explanation": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    mapping = Mapping.objects.get(focal_element__ref="B-2.1")
    assert (mapping.status, mapping.author) == ("draft", world.users[Role.SECRETARIAT])
    contexts = [
        event.pgh_context
        for event in pghistory.models.Events.objects.filter(
            pgh_obj_model="standards.MappingSet", pgh_obj_id=str(crosswalk.to_alpha.pk)
        )
    ] + [
        event.pgh_context
        for event in pghistory.models.Events.objects.filter(
            pgh_obj_model="standards.Mapping", pgh_obj_id=str(mapping.pk)
        )
    ]
    assert [(c["use_case"], c["user"], c["system"]) for c in contexts] == [
        ("mapping_set_create", None, True),
        ("mapping_create", world.users[Role.SECRETARIAT].pk, False),
    ]
