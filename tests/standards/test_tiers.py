"""Commitment tiers (issue 18, item 6): the secretariat drafts tiers (read by it alone); nobody
adopts one by hand (only a decision's effect, tests/governance/test_tier_effects.py); an
organisation's representative declares, changes and withdraws its commitment, history kept;
commitments are read by their disclosure level; the directory filters by tier and shows it on
each row without hiding anyone; progress against a tier is a pure function."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from standards import services
from standards.models import CommitmentEnd, Tier, TierCommitment, TierStatus
from standards.selectors.tiers import tier_commitment_of, tier_progress
from tests.guided import guided
from tests.standards.conftest import api_for

TODAY = timezone.localdate()
LATER = TODAY + timedelta(days=700)


def draft(crosswalk, name: str = "Advanced", rank: int = 2, refs=("B-1.1", "B-1.2")) -> Tier:
    return services.tier_draft(
        actor=SYSTEM,
        fields=services.TierFields(
            name=name,
            rank=rank,
            description=f"{name} tier.",
            baseline_requirements=[crosswalk.element(crosswalk.baseline, ref) for ref in refs],
            further_requirements=["Publish a grievance summary.", "Fund a community programme."],
        ),
    )


def adopted(crosswalk, name: str = "Advanced", rank: int = 2, **kwargs) -> Tier:
    """A tier adopted as a decision's effect adopts it (the system, with a reference)."""
    from django.db import transaction

    tier = draft(crosswalk, name, rank, **kwargs)
    with transaction.atomic():
        return services.tier_adopt(
            actor=SYSTEM,
            tier=tier,
            decision_ref="Decision 7 of the General Assembly",
            decision_url="/governance/decisions/7/",
            on=TODAY,
        )


def commit(organisation, tier, **fields) -> TierCommitment:
    fields.setdefault("target_date", LATER)
    return services.tier_commitment_declare(
        actor=SYSTEM, organisation=organisation, tier=tier, **fields
    )


# --- Drafting and adoption -------------------------------------------------------------------


def test_the_secretariat_drafts_a_tier_that_only_it_reads(world, crosswalk):
    client = world.client_for(Role.SECRETARIAT)
    element = crosswalk.element(crosswalk.baseline, "B-1.3")
    response = client.post(
        reverse("standards:tier-create"),
        {
            "name": "Leading",
            "rank": 3,
            "description": "The most.",
            "baseline_requirements": [element.pk],
            "further_requirements": "Assure the report.\n\nCo-fund remediation.\n",
        },
    )
    tier = Tier.objects.get(slug="leading")
    assert response.status_code == 302
    assert tier.status == TierStatus.DRAFT
    assert [r.text for r in tier.further_requirements.all()] == [
        "Assure the report.",
        "Co-fund remediation.",
    ]
    page = client.get(tier.get_absolute_url()).content.decode()
    assert "B-1.3" in page
    assert "Leading 2" in page
    assert "Change the draft" in page
    for role in (Role.ANONYMOUS, Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE):
        other = world.client_for(role)
        assert other.get(tier.get_absolute_url()).status_code in (302, 404)  # sign in, or none
        assert "Leading" not in other.get(reverse("standards:tier-list")).content.decode()
        assert api_for(world, role).get("/api/v1/tiers/").json() == []


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE])
def test_members_do_not_draft_tiers(world, crosswalk, role):
    response = world.client_for(role).post(
        reverse("standards:tier-create"), {"name": "Mine", "rank": 1}
    )
    assert response.status_code == 403
    assert not Tier.objects.exists()


def test_the_draft_form_says_what_to_fix(world, crosswalk):
    draft(crosswalk, "Advanced", 2)
    client = world.client_for(Role.SECRETARIAT)
    response = client.post(
        reverse("standards:tier-create"), {"name": "Advanced", "rank": 2, "description": ""}
    )
    guided(
        response.content.decode(),
        {
            "Another tier has this name: choose another.": "id_name",
            "Another tier has this rank: choose another.": "id_rank",
        },
    )


def test_nobody_adopts_a_tier_by_hand(world, crosswalk):
    tier = draft(crosswalk)
    for role in (Role.SECRETARIAT, Role.SUPERUSER, Role.ORGANISATION_REPRESENTATIVE):
        with pytest.raises(PermissionDenied):
            services.tier_adopt(
                actor=world.users[role], tier=tier, decision_ref="Decision 1", on=TODAY
            )
    with pytest.raises(ValidationError):
        services.tier_adopt(actor=SYSTEM, tier=tier, decision_ref=" ", on=TODAY)
    tier.refresh_from_db()
    assert tier.status == TierStatus.DRAFT
    # The admin shows tiers but changes none.
    client = world.client_for(Role.SUPERUSER)
    change = client.post(f"/admin/standards/tier/{tier.pk}/change/", {"status": "adopted"})
    assert change.status_code in (302, 403)
    tier.refresh_from_db()
    assert tier.status == TierStatus.DRAFT


def test_an_adopted_tier_is_public_with_its_decision_and_never_edited(world, crosswalk):
    tier = adopted(crosswalk)
    commit(world.own, tier)
    page = world.client_for(Role.ANONYMOUS).get(tier.get_absolute_url()).content.decode()
    assert "Decision 7 of the General Assembly" in page
    assert 'href="/governance/decisions/7/"' in page
    assert "B-1.1" in page
    assert "Advanced 1" in page
    data = api_for(world, Role.ANONYMOUS).get(f"/api/v1/tiers/{tier.slug}/").json()
    assert data["committed"] == 1
    assert data["status"] == "adopted"
    assert [line["baseline"] for line in data["requirements"]] == [True, True, False, False]
    with pytest.raises(ValidationError):
        services.tier_update(
            actor=world.users[Role.SECRETARIAT],
            tier=tier,
            fields=services.TierFields(name="Advanced", rank=2),
        )


# --- Commitments -----------------------------------------------------------------------------


def test_the_representative_declares_changes_and_withdraws_with_history(world, crosswalk):
    advanced = adopted(crosswalk)
    leading = adopted(crosswalk, "Leading", 3, refs=("B-1.1", "B-1.2", "B-1.3"))
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:commitment-declare", args=[world.own.slug])
    first = client.post(
        url, {"tier": "advanced", "target_date": LATER.isoformat(), "disclosure": "public"}
    )
    assert first.status_code == 302
    changed = client.post(
        url, {"tier": "leading", "target_date": LATER.isoformat(), "disclosure": "public"}
    )
    assert changed.status_code == 302
    rows = list(TierCommitment.objects.filter(organisation=world.own).order_by("declared_at"))
    assert [(row.tier, row.end_reason) for row in rows] == [
        (advanced, CommitmentEnd.CHANGED),
        (leading, ""),
    ]
    assert rows[1].declared_by == world.users[Role.ORGANISATION_REPRESENTATIVE]
    profile = client.get(world.own.get_absolute_url()).content.decode()
    assert "commits to the tier" in profile
    assert "Leading" in profile
    history = client.get(url).content.decode()
    assert "Replaced by a new declaration" in history
    assert client.post(
        reverse("standards:commitment-withdraw", args=[world.own.slug])
    ).status_code == (302)
    assert tier_commitment_of(organisation=world.own) is None
    assert TierCommitment.objects.filter(organisation=world.own).count() == 2
    events = rows[1].events.order_by("pgh_id")  # type: ignore[attr-defined]
    assert [event.end_reason for event in events] == ["", "withdrawn"]  # the audit trail
    assert events.last().pgh_context.metadata["use_case"] == "tier_commitment_withdraw"


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.SECRETARIAT, Role.EXTERNAL_STAKEHOLDER, Role.ANONYMOUS]
)
def test_only_the_representative_declares(world, crosswalk, role):
    adopted(crosswalk)
    client = world.client_for(role)
    response = client.post(
        reverse("standards:commitment-declare", args=[world.own.slug]),
        {"tier": "advanced", "target_date": LATER.isoformat(), "disclosure": "public"},
    )
    assert response.status_code in (302, 403)
    if role != Role.ANONYMOUS:
        assert response.status_code == 403
    api = api_for(world, role).put(
        f"/api/v1/organisations/{world.own.slug}/tier-commitment/",
        {"tier": "advanced", "target_date": LATER.isoformat()},
        format="json",
    )
    assert api.status_code in (401, 403)
    assert not TierCommitment.objects.exists()


def test_another_organisations_representative_is_refused(world, crosswalk):
    adopted(crosswalk)
    api = api_for(world, Role.ORGANISATION_REPRESENTATIVE)
    response = api.put(
        f"/api/v1/organisations/{world.other.slug}/tier-commitment/",
        {"tier": "advanced", "target_date": LATER.isoformat()},
        format="json",
    )
    assert response.status_code == 403
    own = api.put(
        f"/api/v1/organisations/{world.own.slug}/tier-commitment/",
        {"tier": "advanced", "target_date": LATER.isoformat()},
        format="json",
    )
    assert own.status_code == 200, own.content
    assert own.json()["tier"] == "advanced"
    assert api.delete(f"/api/v1/organisations/{world.own.slug}/tier-commitment/").status_code == 204


def test_a_commitment_needs_an_adopted_tier_and_a_date_ahead(world, crosswalk):
    tier = draft(crosswalk)
    with pytest.raises(ValidationError) as refused:
        commit(world.own, tier, target_date=TODAY)
    assert set(refused.value.message_dict) == {"tier", "target_date"}
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = client.post(
        reverse("standards:commitment-declare", args=[world.own.slug]),
        {"tier": "", "target_date": "", "disclosure": "public"},
    )
    guided(
        response.content.decode(),
        {
            "Choose the tier your organisation commits to": "id_tier_0",
            "Enter the target date": "id_target_date",
        },
    )


def test_commitments_are_read_by_their_disclosure_level(world, crosswalk):
    tier = adopted(crosswalk)
    commit(world.other, tier, disclosure=DisclosureLevel.MEMBERS)
    commit(world.own, tier, disclosure=DisclosureLevel.SECRETARIAT)
    seen = {
        role: {
            row["organisation"]
            for row in api_for(world, role).get("/api/v1/tier-commitments/").json()["results"]
        }
        for role in (Role.ANONYMOUS, Role.MEMBER, Role.SECRETARIAT, Role.CIVIL_SOCIETY_REVIEWER)
    }
    assert seen[Role.ANONYMOUS] == set()
    assert seen[Role.MEMBER] == {world.own.slug, world.other.slug}  # its own, and members-level
    assert seen[Role.CIVIL_SOCIETY_REVIEWER] == {world.other.slug}
    assert seen[Role.SECRETARIAT] == {world.own.slug, world.other.slug}
    anonymous = api_for(world, Role.ANONYMOUS)
    assert anonymous.get(f"/api/v1/tiers/{tier.slug}/").json()["committed"] == 0


# --- The directory ---------------------------------------------------------------------------


def test_the_directory_filters_by_tier_and_shows_it_without_hiding_anyone(world, crosswalk):
    advanced = adopted(crosswalk)
    adopted(crosswalk, "Leading", 3)
    commit(world.other, advanced)
    client = world.client_for(Role.ANONYMOUS)
    everyone = client.get("/members/").content.decode()
    assert world.own.name in everyone
    assert world.other.name in everyone
    assert '<th scope="col">Commitment tier</th>' in everyone
    filtered = client.get("/members/?tier=advanced").content.decode()
    assert world.other.name in filtered
    assert world.own.name not in filtered
    assert "1 organisation</p>" in filtered
    assert world.other.name not in client.get("/members/?tier=leading").content.decode()
    api = api_for(world, Role.ANONYMOUS)
    slugs = [
        row["slug"] for row in api.get("/api/v1/organisations/?tier=advanced").json()["results"]
    ]
    assert slugs == [world.other.slug]
    assert api.get("/api/v1/organisations/?tier=nonsense").status_code == 400
    assert len(api.get("/api/v1/organisations/").json()["results"]) >= 2


def test_the_directory_filter_keeps_a_hidden_commitment_hidden(world, crosswalk):
    tier = adopted(crosswalk)
    commit(world.other, tier, disclosure=DisclosureLevel.SECRETARIAT)
    api = api_for(world, Role.MEMBER)
    assert api.get("/api/v1/organisations/?tier=advanced").json()["results"] == []
    page = world.client_for(Role.MEMBER).get("/members/").content.decode()
    assert "Advanced" not in page.split("<tbody>", 1)[1]


# --- Progress --------------------------------------------------------------------------------


def test_progress_against_a_tier_counts_its_baseline_requirements(world, crosswalk):
    tier = adopted(crosswalk, refs=("B-1.1", "B-1.2", "B-2.1"))
    one = crosswalk.element(crosswalk.baseline, "B-1.2")
    other = crosswalk.element(crosswalk.baseline, "B-2.2")  # not in the tier
    progress = tier_progress(tier=tier, implemented={one.pk, other.pk})
    assert (progress.done, progress.total, progress.percent) == (1, 3, 33)
    assert [element.ref for element in progress.missing] == ["B-1.1", "B-2.1"]


# --- Query budgets ---------------------------------------------------------------------------


def test_lists_read_in_a_fixed_number_of_queries(world, crosswalk, django_assert_max_num_queries):
    tiers = [adopted(crosswalk, name, rank) for name, rank in (("Baseline", 1), ("Leading", 3))]
    for index in range(6):
        organisation = world.own if index % 2 else world.other
        commit(organisation, tiers[index % 2], target_date=LATER + timedelta(days=index))
    client, api = world.client_for(Role.MEMBER), api_for(world, Role.MEMBER)
    for url in ("/members/", reverse("standards:tier-list")):
        client.get(url)  # process caches
    api.get("/api/v1/tiers/")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("standards:tier-list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/tiers/").status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/tier-commitments/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/members/?tier=baseline").status_code == 200
