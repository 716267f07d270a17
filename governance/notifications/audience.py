"""Who hears of what: the people a governance event concerns, as user ids."""

from __future__ import annotations

from collections.abc import Iterable

from alliance_portal import policy
from alliance_portal.models import User
from governance.ballots.models import Ballot, BallotElector
from governance.proposals.models import Proposal
from members.models import Person


def everyone() -> list[int]:
    """Every active account (the decision log is public)."""
    return list(User.objects.filter(is_active=True).values_list("pk", flat=True))


def commenters(proposal: Proposal) -> list[int]:
    """Everyone who can see the proposal and may comment in its consultation."""
    return [
        user.pk
        for user in User.objects.filter(is_active=True).order_by("pk")
        if policy.can_view(user, proposal) and policy.may(user, "comment.post", proposal)
    ]


def in_their_scope(proposal: Proposal, user_ids: Iterable[int]) -> list[int]:
    """Of these people, those whose organisation works with one of the proposal's materials
    or in one of its countries (headquarters or countries of operation)."""
    materials = set(proposal.materials or [])
    countries = {str(code) for code in proposal.countries or []}
    if not materials and not countries:
        return []
    found = []
    people = Person.objects.filter(user_id__in=list(user_ids)).select_related("organisation")
    for person in people:
        organisation = person.organisation
        theirs = {str(code) for code in organisation.countries_of_operation or []}
        if organisation.headquarters_country:
            theirs.add(str(organisation.headquarters_country))
        if materials & set(organisation.materials or []) or countries & theirs:
            found.append(person.user_id)
    return found


def electorate_representatives(ballot: Ballot) -> list[int]:
    """The representatives of the organisations in the ballot's electorate."""
    return list(
        Person.objects.filter(
            is_representative=True,
            organisation_id__in=BallotElector.objects.filter(ballot=ballot).values(
                "organisation_id"
            ),
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def organisation_people(organisation_id: int) -> list[int]:
    """The active people of one organisation."""
    return list(
        Person.objects.filter(organisation_id=organisation_id, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
