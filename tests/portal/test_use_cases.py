"""The core of the action policy and of use cases (issue 13), shown on real member actions:
no use case runs without an actor; the system is an explicit principal, recorded as such in the
audit trail; a use case is the outermost transaction; ``require`` asks an anonymous visitor to
sign in and tells a signed-in person why not; every action is named and described once."""

from __future__ import annotations

import pghistory.models
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction

from alliance_portal import policy
from alliance_portal.policy import SYSTEM, NoActor, SignInRequired
from alliance_portal.roles import Role
from members import services
from members.models import AgreementVersion, Organisation, OrganisationKind


def _create(chamber, **actor):
    return services.organisation_create(
        name="Nobody's Organisation", chamber=chamber, kind=OrganisationKind.NGO, **actor
    )


def test_a_use_case_without_an_actor_is_refused_and_writes_nothing(chamber) -> None:
    with pytest.raises(NoActor):
        _create(chamber)
    with pytest.raises(NoActor):
        _create(chamber, actor=None)
    assert not Organisation.objects.exists()
    assert not pghistory.models.Events.objects.filter(pgh_obj_model="members.Organisation").exists()


def test_a_use_case_run_by_the_system_is_recorded_as_the_system(chamber) -> None:
    organisation = _create(chamber, actor=SYSTEM)
    (event,) = pghistory.models.Events.objects.tracks(organisation)
    assert event.pgh_label == "insert"
    assert event.pgh_context["use_case"] == "organisation_create"
    assert event.pgh_context["system"] is True
    assert event.pgh_context["user"] is None


def test_a_person_is_recorded_as_themself_and_not_as_the_system(world) -> None:
    secretariat = world.users[Role.SECRETARIAT]
    agreement = services.agreement_publish(
        actor=secretariat, kind="charter", title="Charter", text="Be fair."
    )
    (event,) = pghistory.models.Events.objects.tracks(agreement)
    assert event.pgh_context["use_case"] == "agreement_publish"
    assert event.pgh_context["user"] == secretariat.pk
    assert event.pgh_context["system"] is False


def test_a_use_case_inside_another_transaction_fails(db) -> None:
    with transaction.atomic():
        with pytest.raises(RuntimeError, match="durable"):
            services.agreement_publish(actor=SYSTEM, kind="charter", title="C", text="Text.")
        assert not AgreementVersion.objects.exists()


def test_an_anonymous_visitor_is_asked_to_sign_in(world) -> None:
    with pytest.raises(SignInRequired):
        policy.require(AnonymousUser(), "organisation.edit", world.own)
    with pytest.raises(SignInRequired):
        policy.require(AnonymousUser(), "application.review")
    # The services refuse the same way (the members copy of the rule answered "forbidden").
    with pytest.raises(SignInRequired):
        services.organisation_update(
            actor=AnonymousUser(), organisation=world.own, changes={"website": ""}
        )


@pytest.mark.parametrize(
    ("role", "name", "reason"),
    [
        (Role.MEMBER, "organisation.edit", "You may not change this organisation."),
        (Role.MEMBER, "application.review", "Only the secretariat reviews applications."),
        (
            Role.ORGANISATION_REPRESENTATIVE,
            "organisation.edit_membership",
            "Only the secretariat may change an organisation's name",
        ),
        (Role.EXTERNAL_STAKEHOLDER, "stakeholder_map.read", "The stakeholder map is for members."),
    ],
)
def test_a_signed_in_person_without_the_right_is_told_why(world, role, name, reason) -> None:
    user = world.users[role]
    with pytest.raises(PermissionDenied, match=reason) as refused:
        policy.require(user, name, world.own)
    assert not isinstance(refused.value, SignInRequired)
    assert not policy.may(user, name, world.own)


def test_the_system_passes_every_check_and_none_is_no_actor(world) -> None:
    for name in policy.registered_actions():
        assert policy.may(SYSTEM, name, world.own)
    with pytest.raises(NoActor):
        policy.may(None, "organisation.create")
    with pytest.raises(NoActor):
        policy.require(None, "organisation.create")


def test_an_unknown_action_is_a_programming_error(world) -> None:
    with pytest.raises(ImproperlyConfigured, match="Unknown action"):
        policy.may(world.users[Role.SECRETARIAT], "organisation.paint", world.own)
    with pytest.raises(ImproperlyConfigured):
        policy.require(SYSTEM, "organisation.paint")


def test_every_action_is_named_and_described() -> None:
    actions = policy.registered_actions()
    assert {"organisation.create", "organisation.edit", "application.approve"} <= set(actions)
    for name, rule in actions.items():
        assert name == rule.name
        assert "." in name, name
        assert rule.description, f"the rule of {name!r} has no docstring"
        assert rule.refusal, f"{name!r} has no refusal"
