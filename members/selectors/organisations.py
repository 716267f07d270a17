"""Organisations, people, chambers and the agreements their people accept."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.competition_law import Statement
from alliance_portal.directory import apply_directory_filters
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.organisations import OrganisationLookup
from alliance_portal.roles import Membership
from alliance_portal.types import Actor
from members.models import (
    AgreementAcceptance,
    AgreementKind,
    AgreementVersion,
    Chamber,
    MembershipStatus,
    Organisation,
    Person,
)


def membership_lookup(user: User) -> Membership | None:
    """The user's place in a member organisation, for the role of DESIGN.md §2: a member is a
    person of an active member organisation who accepted the current version of the charter
    and of the information-sharing protocol. Asked for signed-in accounts only."""
    person = (
        Person.objects.filter(user_id=user.pk)
        .select_related("organisation")
        .only("is_representative", "organisation__membership_status", "organisation__name")
        .first()
    )
    if person is None:
        return None
    active = person.organisation.membership_status == MembershipStatus.ACTIVE
    pending = active and bool(agreements_to_accept(person=person))
    return Membership(
        organisation_id=person.organisation_id,
        is_member=active and not pending,
        is_representative=person.is_representative,
        must_accept_agreements=pending,
        organisation_name=person.organisation.name,
    )


def current_agreements() -> list[AgreementVersion]:
    """The newest published version of each agreement kind (charter, protocol, competition-law
    statement)."""
    return list(
        AgreementVersion.objects.filter(published_at__lte=timezone.now())
        .order_by("kind", "-version")
        .distinct("kind")
    )


def competition_statement() -> Statement | None:
    """The competition-law statement in force (its newest published version), for the forms'
    panel and the meeting pages. One query."""
    version = (
        AgreementVersion.objects.filter(
            kind=AgreementKind.COMPETITION, published_at__lte=timezone.now()
        )
        .order_by("-version")
        .only("title", "version", "text")
        .first()
    )
    if version is None:
        return None
    return Statement(
        title=version.title,
        version=version.version,
        text=version.text,
        url=reverse("members:agreements"),
    )


def agreements_to_accept(*, person: Person) -> list[AgreementVersion]:
    """The current agreement versions this person has not accepted yet."""
    current = current_agreements()
    accepted = set(
        AgreementAcceptance.objects.filter(person=person, agreement__in=current).values_list(
            "agreement_id", flat=True
        )
    )
    return [agreement for agreement in current if agreement.pk not in accepted]


def chamber_list() -> QuerySet[Chamber]:
    """All chambers in their fixed order, with the number of active member organisations."""
    return Chamber.objects.annotate(
        active_members=Count(
            "organisations", filter=Q(organisations__membership_status=MembershipStatus.ACTIVE)
        )
    ).order_by("order", "name")


def in_country_q(code: str, *, prefix: str = "") -> Q:
    """Organisations headquartered or operating in the country ``code`` (ISO alpha-2)."""
    code = code.upper()
    return Q(**{f"{prefix}headquarters_country": code}) | Q(
        **{f"{prefix}countries_of_operation__contains": code}
    )


def organisation_list(
    *,
    user: Actor,
    chamber: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    stage: str | None = None,
    sector: str | None = None,
    material: str | None = None,
    status: str | None = None,
    search: str | None = None,
    extra: dict[str, str] | None = None,
) -> QuerySet[Organisation]:
    """Organisations this user may see, with their chamber loaded, filtered by chamber slug,
    kind, country (headquarters or operations), value-chain stage, sector, material,
    membership status, a text search over name and description, and the filters higher apps
    register (``extra``, by key: ``alliance_portal.directory``); ordered by name."""
    queryset = policy.visible(user, Organisation.objects.select_related("chamber"))
    if extra:
        queryset = apply_directory_filters(queryset, extra, user)
    if chamber:
        queryset = queryset.filter(chamber__slug=chamber)
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(in_country_q(country))
    if stage:
        queryset = queryset.filter(value_chain_stages__contains=[stage])
    if sector:
        queryset = queryset.filter(sectors__contains=[sector])
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if status:
        queryset = queryset.filter(membership_status=status)
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    return queryset.order_by("name")


def organisation_get(*, user: Actor, slug: str) -> Organisation:
    """One organisation this user may see (404 otherwise)."""
    return policy.get_visible_or_404(
        user, Organisation.objects.select_related("chamber"), slug=slug
    )


def organisation_shows_contacts(*, user: Actor, organisation: Organisation) -> bool:
    """Contacts are members-level: members, reviewers, staff, and the organisation's own people."""
    who = policy.principal(user)
    return policy.reaches(user, DisclosureLevel.MEMBERS) or who.organisation_id == organisation.pk


def organisation_people(*, user: Actor, organisation: Organisation) -> QuerySet[Person]:
    """The organisation's people this user may see (each person's own disclosure level)."""
    return (
        policy.visible(user, Person.objects.filter(organisation=organisation))
        .select_related("user")
        .order_by("-is_representative", "user__display_name", "user__email")
    )


def organisation_lookup_for_shared_layer() -> OrganisationLookup:
    """How the shared layer names organisations by id (alliance_portal.organisations)."""

    def choices() -> list[tuple[str, str]]:
        return list(Organisation.objects.order_by("name").values_list("slug", "name"))

    def id_of(slug: str) -> int | None:
        return Organisation.objects.filter(slug=slug).values_list("pk", flat=True).first()

    def names(ids: Iterable[int]) -> dict[int, str]:
        wanted = list(ids)
        if not wanted:
            return {}
        return dict(Organisation.objects.filter(pk__in=wanted).values_list("pk", "name"))

    return OrganisationLookup(choices=choices, id_of=id_of, names=names)
