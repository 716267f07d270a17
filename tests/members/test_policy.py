"""The access policy of DESIGN.md §2: role levels, own organisation, explicit shares."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from guardian.shortcuts import assign_perm

from alliance_portal import policy
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members.models import MembershipStatus, Person
from members.services import person_set_representative


def _visible_people(world, role: Role) -> set[str]:
    names = {person.pk: key for key, person in world.people.items()}
    queryset = policy.visible(world.users[role], Person.objects.filter(pk__in=names))
    return {names[pk] for pk in queryset.values_list("pk", flat=True)}


def test_each_account_gets_its_role(world) -> None:
    for role, user in world.users.items():
        assert policy.principal(user).role == role


def test_a_person_of_an_organisation_that_is_not_active_is_no_member(world, make_user) -> None:
    world.own.membership_status = MembershipStatus.SUSPENDED
    world.own.save()
    member = type(world.users[Role.MEMBER]).objects.get(pk=world.users[Role.MEMBER].pk)
    assert policy.principal(member).role == Role.EXTERNAL_STAKEHOLDER


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ANONYMOUS, {"own-public", "other-public"}),
        (Role.EXTERNAL_STAKEHOLDER, {"own-public", "other-public"}),
        # Members read members-level items, and everything of their own organisation.
        (
            Role.MEMBER,
            {"own-public", "own-members", "own-secretariat", "other-public", "other-members"},
        ),
        (
            Role.ORGANISATION_REPRESENTATIVE,
            {"own-public", "own-members", "own-secretariat", "other-public", "other-members"},
        ),
        (
            Role.CIVIL_SOCIETY_REVIEWER,
            {"own-public", "own-members", "other-public", "other-members"},
        ),
        (
            Role.SECRETARIAT,
            {f"{o}-{lv}" for o in ("own", "other") for lv in ("public", "members", "secretariat")},
        ),
        (
            Role.SUPERUSER,
            {f"{o}-{lv}" for o in ("own", "other") for lv in ("public", "members", "secretariat")},
        ),
    ],
)
def test_visible_follows_level_and_own_organisation(world, role: Role, expected: set[str]) -> None:
    assert _visible_people(world, role) == expected
    for key, person in world.people.items():
        assert policy.can_view(world.users[role], person) is (key in expected), key


def test_an_item_shared_with_an_organisation_is_visible_to_its_people_only(world) -> None:
    secret = world.people["other-secretariat"]
    member, reviewer = world.users[Role.MEMBER], world.users[Role.CIVIL_SOCIETY_REVIEWER]
    assert not policy.can_view(member, secret)
    assign_perm("members.view_person", world.own.group, secret)
    fresh_member = type(member).objects.get(pk=member.pk)
    assert policy.can_view(fresh_member, secret)
    assert "other-secretariat" in _visible_people(world, Role.MEMBER)
    assert not policy.can_view(type(reviewer).objects.get(pk=reviewer.pk), secret)


def test_an_item_shared_with_one_person(world) -> None:
    reviewer = world.users[Role.CIVIL_SOCIETY_REVIEWER]
    assign_perm("members.view_person", reviewer, world.people["own-secretariat"])
    assert "own-secretariat" in _visible_people(world, Role.CIVIL_SOCIETY_REVIEWER)


def test_a_model_level_permission_never_grants_every_object(world) -> None:
    member = world.users[Role.MEMBER]
    member.user_permissions.add(Permission.objects.get(codename="view_person"))
    member.user_permissions.add(Permission.objects.get(codename="change_organisation"))
    fresh = type(member).objects.get(pk=member.pk)
    assert "other-secretariat" not in _visible_people(world, Role.MEMBER)
    assert not policy.can_view(fresh, world.people["other-secretariat"])
    assert not policy.can_change(fresh, world.other)


def test_only_the_representative_and_staff_change_an_organisation(world) -> None:
    can = {role: policy.can_change(user, world.own) for role, user in world.users.items()}
    assert can == {
        Role.ANONYMOUS: False,
        Role.EXTERNAL_STAKEHOLDER: False,
        Role.MEMBER: False,
        Role.ORGANISATION_REPRESENTATIVE: True,
        Role.CIVIL_SOCIETY_REVIEWER: False,
        Role.SECRETARIAT: True,
        Role.SUPERUSER: True,
    }
    assert not policy.can_change(world.users[Role.ORGANISATION_REPRESENTATIVE], world.other)


def test_withdrawing_the_representative_right_removes_the_edit_right(world) -> None:
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    person_set_representative(
        actor=world.users[Role.SECRETARIAT], person=representative.person, is_representative=False
    )
    fresh = type(representative).objects.get(pk=representative.pk)
    assert policy.principal(fresh).role == Role.MEMBER
    assert not policy.can_change(fresh, world.own)


def test_applicant_organisations_are_for_the_secretariat_and_their_own_people(
    world, make_user
) -> None:
    from members.models import Organisation
    from members.services import person_add

    applicant_person = make_user("applicant@example.org")
    person_add(actor=SYSTEM, organisation=world.applicant, user=applicant_person)
    for role, user in world.users.items():
        visible = policy.visible(user, Organisation.objects.all())
        assert visible.filter(pk=world.applicant.pk).exists() is (role in policy.STAFF_ROLES)
    fresh = type(applicant_person).objects.get(pk=applicant_person.pk)
    assert policy.principal(fresh).role == Role.EXTERNAL_STAKEHOLDER
    assert policy.visible(fresh, Organisation.objects.all()).filter(pk=world.applicant.pk).exists()


def test_a_secretariat_member_who_is_also_a_person_of_an_organisation_sees_everything(
    world,
) -> None:
    from members.models import Organisation
    from members.services import person_add

    secretariat = world.users[Role.SECRETARIAT]
    person_add(actor=SYSTEM, organisation=world.own, user=secretariat)
    fresh = type(secretariat).objects.get(pk=secretariat.pk)
    assert policy.principal(fresh).organisation_id == world.own.pk
    visible = set(policy.visible(fresh, Organisation.objects.all()).values_list("pk", flat=True))
    assert visible == {world.own.pk, world.other.pk, world.applicant.pk}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ANONYMOUS, False),
        (Role.EXTERNAL_STAKEHOLDER, False),
        (Role.MEMBER, False),
        (Role.ORGANISATION_REPRESENTATIVE, False),
        (Role.CIVIL_SOCIETY_REVIEWER, False),
        (Role.SECRETARIAT, True),
        (Role.SUPERUSER, True),
    ],
)
def test_the_secretariat_creates_organisations_and_reviews_applications(
    world, role: Role, allowed: bool
) -> None:
    from django.core.exceptions import PermissionDenied

    from members.models import Organisation
    from members.services import organisation_create

    user = world.users[role] or AnonymousUser()
    for name in ("organisation.create", "application.review", "agreement.publish"):
        assert policy.may(user, name) is allowed, name
    if allowed:
        organisation_create(actor=user, name="New Org", chamber=world.own.chamber, kind="ngo")
    else:
        expected = policy.SignInRequired if role == Role.ANONYMOUS else PermissionDenied
        with pytest.raises(expected):
            organisation_create(actor=user, name="New Org", chamber=world.own.chamber, kind="ngo")
    assert Organisation.objects.filter(name="New Org").exists() is allowed


def test_a_representative_manages_their_own_organisations_people_only(world) -> None:
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    assert policy.may(representative, "organisation.manage_people", world.own)
    assert not policy.may(representative, "organisation.manage_people", world.other)
    assert not policy.may(world.users[Role.MEMBER], "organisation.manage_people", world.own)
    # Only the secretariat leaves an organisation without a representative.
    assert not policy.may(representative, "organisation.withdraw_last_representative", world.own)
    assert policy.may(
        world.users[Role.SECRETARIAT], "organisation.withdraw_last_representative", world.own
    )


def test_each_person_accepts_the_agreements_for_themself_only(world) -> None:
    member = world.users[Role.MEMBER]
    assert policy.may(member, "agreement.accept", member.person)
    assert not policy.may(world.users[Role.SECRETARIAT], "agreement.accept", member.person)
    assert not policy.may(
        world.users[Role.ORGANISATION_REPRESENTATIVE], "agreement.accept", member.person
    )
