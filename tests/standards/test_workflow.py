"""A crosswalk mapping's life as people meet it: members propose, the secretariat reviews and
approves (never its own), an approved mapping is never edited but superseded. Every refusal has
a clear message and changes nothing."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from alliance_portal.roles import Role
from standards import services
from standards.models import Mapping, MappingStatus
from tests.standards.conftest import api_for

PROPOSAL = {
    "focal_element": "B-1.1",
    "reference_element": "1.1",
    "relationship": "subset_of",
    "rationale": "semantic",
    "strength": 8,
    "explanation": "The standard asks for *more*.",
}


def _propose(world, crosswalk, role=Role.MEMBER, **changes):
    return api_for(world, role).post(
        f"/api/v1/mapping-sets/{crosswalk.to_alpha.pk}/mappings/",
        {**PROPOSAL, **changes},
        format="json",
    )


def test_a_member_proposes_and_the_secretariat_reviews_and_approves(world, crosswalk) -> None:
    response = _propose(world, crosswalk)
    assert response.status_code == 201, response.json()
    mapping = response.json()
    assert mapping["status"] == "draft"
    assert mapping["author"] == "Mia Member"
    assert mapping["author_organisation"] == "Own Organisation"
    assert mapping["focal_element"]["ref"] == "B-1.1"
    path = f"/api/v1/mappings/{mapping['id']}/"

    # A draft is members-level work in progress.
    assert api_for(world, Role.ANONYMOUS).get(path).status_code in {401, 403}
    assert api_for(world, Role.EXTERNAL_STAKEHOLDER).get(path).status_code == 404
    assert api_for(world, Role.CIVIL_SOCIETY_REVIEWER).get(path).status_code == 200

    secretariat = api_for(world, Role.SECRETARIAT)
    assert secretariat.post(f"{path}approve/").status_code == 400  # a draft is reviewed first
    reviewed = secretariat.post(f"{path}review/")
    assert reviewed.status_code == 200
    assert reviewed.json()["status"] == "reviewed"
    approved = api_for(world, Role.SUPERUSER).post(f"{path}approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    stored = Mapping.objects.get(pk=mapping["id"])
    assert stored.author == world.users[Role.MEMBER]
    assert stored.reviewed_by == world.users[Role.SECRETARIAT]
    assert stored.approved_by == world.users[Role.SUPERUSER]
    # Approved: public, without the people's names.
    public = api_for(world, Role.ANONYMOUS).get(path).json()
    assert public["status"] == "approved"
    assert public["author"] is None
    assert public["author_organisation"] == "Own Organisation"


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ANONYMOUS, {401, 403}), (Role.EXTERNAL_STAKEHOLDER, {403})],
)
def test_only_members_level_people_propose(world, crosswalk, role, status) -> None:
    response = _propose(world, crosswalk, role=role)
    assert response.status_code in status
    assert not Mapping.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER]
)
def test_nobody_but_the_secretariat_reviews_or_approves(
    world, crosswalk, make_mapping, role
) -> None:
    draft = make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.DRAFT)
    reviewed = make_mapping("B-1.2", "equal", "1.2", status=MappingStatus.REVIEWED)
    api = api_for(world, role)
    assert api.post(f"/api/v1/mappings/{draft.pk}/review/").status_code == 403
    assert api.post(f"/api/v1/mappings/{reviewed.pk}/approve/").status_code == 403
    assert Mapping.objects.get(pk=draft.pk).status == "draft"
    assert Mapping.objects.get(pk=reviewed.pk).status == "reviewed"


def test_a_mapping_is_never_approved_or_reviewed_by_its_author(world, crosswalk) -> None:
    secretariat = world.users[Role.SECRETARIAT]
    api = api_for(world, Role.SECRETARIAT)
    created = _propose(world, crosswalk, role=Role.SECRETARIAT).json()
    path = f"/api/v1/mappings/{created['id']}/"
    refused = api.post(f"{path}review/")
    assert refused.status_code == 400
    assert refused.json() == {
        "reviewed_by": ["You wrote this mapping: someone else must review it."]
    }
    assert api_for(world, Role.SUPERUSER).post(f"{path}review/").status_code == 200
    refused = api.post(f"{path}approve/")
    assert refused.status_code == 400
    assert refused.json() == {
        "approved_by": ["You wrote this mapping: someone else must approve it."]
    }
    stored = Mapping.objects.get(pk=created["id"])
    assert (stored.status, stored.approved_by, stored.approved_at) == ("reviewed", None, None)
    # The database refuses it too, whatever code tries.
    with pytest.raises(IntegrityError, match="mapping_approver_not_author"), transaction.atomic():
        Mapping.objects.filter(pk=stored.pk).update(approved_by=secretariat)
    assert stored.author == secretariat


@pytest.mark.parametrize(
    ("relationship", "strength", "message"),
    [
        ("intersects_with", 11, "Strength is a whole number from 0 to 10."),
        ("intersects_with", -1, "Strength is a whole number from 0 to 10."),
        ("equal", 7, "The strength of 'equal' is always 10."),
        ("no_relationship", 3, "The strength of 'no relationship' is always 0."),
        ("subset_of", 10, "The strength of a partial relationship is from 1 to 9"),
        ("superset_of", 0, "The strength of a partial relationship is from 1 to 9"),
    ],
)
def test_strength_must_fit_the_relationship(world, crosswalk, relationship, strength, message):
    response = _propose(world, crosswalk, relationship=relationship, strength=strength)
    assert response.status_code == 400
    assert message in response.json()["strength"][0]
    assert not Mapping.objects.exists()


def test_equal_and_no_relationship_take_their_strength_when_none_is_given(world, crosswalk):
    equal = _propose(world, crosswalk, relationship="equal", strength=None).json()
    assert equal["strength"] == 10
    none = _propose(world, crosswalk, relationship="no_relationship", strength=None).json()
    assert none["strength"] == 0
    unassessed = _propose(world, crosswalk, relationship="intersects_with", strength=None).json()
    assert unassessed["strength"] is None


def test_the_database_holds_the_strength_rule_too(crosswalk, make_mapping) -> None:
    mapping = make_mapping("B-1.1", "intersects_with", "1.1", status=MappingStatus.DRAFT)
    for strength, constraint in [(11, "mapping_strength_0_to_10"), (10, "fits_relationship")]:
        with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
            Mapping.objects.filter(pk=mapping.pk).update(strength=strength)
    with pytest.raises(IntegrityError, match="fits_relationship"), transaction.atomic():
        Mapping.objects.filter(pk=mapping.pk).update(relationship="equal", strength=9)


def test_unknown_elements_are_refused_by_field(world, crosswalk) -> None:
    response = _propose(world, crosswalk, focal_element="1.1", reference_element="B-1.1")
    assert response.status_code == 400
    assert "No element '1.1'" in response.json()["focal_element"][0]
    assert not Mapping.objects.exists()


def test_an_approved_mapping_is_never_edited(world, crosswalk, make_mapping, client) -> None:
    approved = make_mapping("B-1.1", "subset_of", "1.1", author=world.users[Role.MEMBER])
    before = Mapping.objects.filter(pk=approved.pk).values().get()
    for role in (Role.MEMBER, Role.SECRETARIAT, Role.SUPERUSER):  # its author, then staff
        response = api_for(world, role).patch(
            f"/api/v1/mappings/{approved.pk}/", {"strength": 9}, format="json"
        )
        assert response.status_code == 400
        assert "never edited" in response.json()["status"][0]
    assert Mapping.objects.filter(pk=approved.pk).values().get() == before
    # Not through the page either: the edit page sends you back with the reason.
    page = world.client_for(Role.SECRETARIAT)
    response = page.post(f"/standards/crosswalk/mappings/{approved.pk}/edit/", {"strength": 9})
    assert response.status_code == 302
    assert "never edited" in page.get(response["Location"]).content.decode()
    # Nor by any other code: the database refuses to change or delete it.
    with pytest.raises(IntegrityError, match="never edited"), transaction.atomic():
        Mapping.objects.filter(pk=approved.pk).update(explanation="rewritten")
    with pytest.raises(IntegrityError, match="never deleted"), transaction.atomic():
        Mapping.objects.filter(pk=approved.pk).delete()
    assert Mapping.objects.filter(pk=approved.pk).values().get() == before


def test_a_replacement_supersedes_an_approved_mapping_once_approved(
    world, crosswalk, make_mapping
) -> None:
    original = make_mapping("B-1.2", "intersects_with", "1.2")
    member = api_for(world, Role.MEMBER)
    response = member.post(
        f"/api/v1/mappings/{original.pk}/supersede/",
        {"relationship": "equal", "rationale": "functional", "explanation": "Same thing."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    replacement = response.json()
    assert (replacement["status"], replacement["supersedes"]) == ("draft", original.pk)
    coverage = "/api/v1/standards/alpha/versions/2.0/coverage/"

    def b12() -> str:
        rows = api_for(world, Role.ANONYMOUS).get(coverage).json()["requirements"]
        return next(row["coverage_class"] for row in rows if row["ref"] == "B-1.2")

    assert b12() == "partly_covered"  # the original stays in force meanwhile
    path = f"/api/v1/mappings/{replacement['id']}/"
    api_for(world, Role.SECRETARIAT).post(f"{path}review/")
    approved = api_for(world, Role.SECRETARIAT).post(f"{path}approve/")
    assert approved.json()["status"] == "approved"
    original.refresh_from_db()
    assert original.status == MappingStatus.SUPERSEDED
    assert original.superseded_at is not None
    assert b12() == "fully_covered"
    # A superseded mapping stays public (the crosswalk's history) and is not superseded again.
    again = member.post(
        f"/api/v1/mappings/{original.pk}/supersede/",
        {"relationship": "equal", "rationale": "semantic"},
        format="json",
    )
    assert again.status_code == 400
    assert api_for(world, Role.ANONYMOUS).get(f"/api/v1/mappings/{original.pk}/").status_code == 200


def test_a_second_approved_mapping_of_the_same_pair_is_refused(world, crosswalk, make_mapping):
    make_mapping("B-1.1", "subset_of", "1.1")
    rival = make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.REVIEWED)
    response = api_for(world, Role.SECRETARIAT).post(f"/api/v1/mappings/{rival.pk}/approve/")
    assert response.status_code == 400
    assert "propose a replacement" in response.json()["status"][0]
    rival.refresh_from_db()
    assert rival.status == MappingStatus.REVIEWED


def test_editing_a_reviewed_mapping_sends_it_back_to_draft(world, crosswalk, make_mapping):
    mapping = make_mapping(
        "B-1.1",
        "intersects_with",
        "1.1",
        status=MappingStatus.REVIEWED,
        author=world.users[Role.ORGANISATION_REPRESENTATIVE],
    )
    response = api_for(world, Role.ORGANISATION_REPRESENTATIVE).patch(
        f"/api/v1/mappings/{mapping.pk}/", {"relationship": "equal"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["strength"]) == ("draft", 10)
    assert response.json()["reviewed_by"] is None
    other = api_for(world, Role.MEMBER).patch(
        f"/api/v1/mappings/{mapping.pk}/", {"explanation": "mine now"}, format="json"
    )
    assert other.status_code == 403


def test_the_pages_take_a_mapping_through_its_life(world, crosswalk) -> None:
    member = world.client_for(Role.MEMBER)
    focal = crosswalk.element(crosswalk.baseline, "B-1.3")
    reference = crosswalk.element(crosswalk.alpha, "1.2")
    url = f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/propose/"
    form = {
        "focal_element": focal.pk,
        "relationship": "equal",
        "reference_element": reference.pk,
        "rationale": "semantic",
        "strength": "7",
    }
    refused = member.post(url, form)
    assert refused.status_code == 200
    assert "The strength of &#x27;equal&#x27; is always 10." in refused.content.decode()
    assert not Mapping.objects.exists()
    response = member.post(url, {**form, "strength": ""})
    assert response.status_code == 302
    mapping = Mapping.objects.get()
    assert (mapping.status, mapping.strength, mapping.author) == (
        "draft",
        10,
        world.users[Role.MEMBER],
    )
    detail = member.get(response["Location"]).content.decode()
    assert "saved as a draft" in detail
    assert "Mark as reviewed" not in detail  # members do not review

    staff = world.client_for(Role.SECRETARIAT)
    assert "Mark as reviewed" in staff.get(mapping.get_absolute_url()).content.decode()
    staff.post(f"/standards/crosswalk/mappings/{mapping.pk}/review/")
    page = staff.get(mapping.get_absolute_url()).content.decode()
    assert "is reviewed" in page
    assert ">Approve</button>" in page
    staff.post(f"/standards/crosswalk/mappings/{mapping.pk}/approve/")
    mapping.refresh_from_db()
    assert mapping.status == "approved"
    assert "Propose a replacement" in member.get(mapping.get_absolute_url()).content.decode()


def test_self_approval_through_the_page_is_refused_with_a_message(world, crosswalk, make_mapping):
    mapping = make_mapping(
        "B-1.1", "equal", "1.1", status=MappingStatus.REVIEWED, author=world.users[Role.SECRETARIAT]
    )
    staff = world.client_for(Role.SECRETARIAT)
    page = staff.get(mapping.get_absolute_url()).content.decode()
    assert ">Approve</button>" not in page  # not offered to its author
    response = staff.post(f"/standards/crosswalk/mappings/{mapping.pk}/approve/", follow=True)
    assert "You wrote this mapping: someone else must approve it." in response.content.decode()
    mapping.refresh_from_db()
    assert mapping.status == "reviewed"


def test_services_refuse_what_the_matrix_forbids(world, crosswalk, make_mapping) -> None:
    from django.core.exceptions import PermissionDenied

    from alliance_portal.policy import SignInRequired

    draft = make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.DRAFT)
    with pytest.raises(PermissionDenied, match="Only the secretariat may review"):
        services.mapping_review(actor=world.users[Role.MEMBER], mapping=draft)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(SignInRequired):
        services.mapping_review(actor=AnonymousUser(), mapping=draft)


def test_an_edit_that_changes_nothing_keeps_the_review(world, crosswalk, make_mapping) -> None:
    mapping = make_mapping("B-1.1", "intersects_with", "1.1", status=MappingStatus.REVIEWED)
    response = api_for(world, Role.SECRETARIAT).patch(
        f"/api/v1/mappings/{mapping.pk}/", {"relationship": "intersects_with"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "reviewed"


def test_a_service_called_without_an_actor_is_refused(crosswalk, make_mapping) -> None:
    from alliance_portal.policy import NoActor

    draft = make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.DRAFT)
    with pytest.raises(NoActor):
        services.mapping_review(actor=None, mapping=draft)  # type: ignore[arg-type]
    assert Mapping.objects.get(pk=draft.pk).status == "draft"
