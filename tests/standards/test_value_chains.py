"""Common value chains (issue 18, item 7): per material, its stages with the number of active
members there, the standards recognised there and the share of those members with a current
certification; a downstream member sees the chains of its materials and their gaps. Only
counts and standards: the page names no organisation, supplier or customer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members.models import MembershipStatus, Organisation
from standards import services
from standards.selectors.value_chains import FEW_MEMBERS, NO_MEMBER, NO_STANDARD, value_chains
from tests.standards.conftest import api_for

TODAY = timezone.localdate()


def certify(organisation, version, **fields):
    return services.certification_record(
        actor=SYSTEM,
        organisation=organisation,
        fields=services.CertificationFields(
            version=version, valid_from=TODAY - timedelta(days=30), **fields
        ),
    )


def profile(organisation: Organisation, stages: list[str], materials: list[str]) -> None:
    Organisation.objects.filter(pk=organisation.pk).update(
        value_chain_stages=stages, materials=materials
    )


@pytest.fixture
def chain(world, crosswalk, make_organisation):
    """Cobalt: three miners (one certified under alpha, a cobalt extraction standard), the
    world's own organisation making products, an applicant miner that does not count."""
    from standards.models import Standard

    Standard.objects.filter(code="alpha").update(value_chain_stages=["exploration_extraction"])
    miners = [
        make_organisation(
            f"Zmkminer {n}", value_chain_stages=["exploration_extraction"], materials=["cobalt"]
        )
        for n in (1, 2, 3)
    ]
    make_organisation(
        "Zmkapplicant miner",
        value_chain_stages=["exploration_extraction"],
        materials=["cobalt"],
        membership_status=MembershipStatus.APPLICANT,
    )
    profile(world.own, ["products"], ["cobalt"])
    certify(miners[0], crosswalk.alpha, materials=["cobalt"])
    certify(miners[1], crosswalk.alpha, disclosure=DisclosureLevel.SECRETARIAT)
    return miners


def _stages(user, material="cobalt"):
    (found,) = value_chains(user=user, material=material)
    return found, {stage.stage: stage for stage in found.stages}


def test_each_stage_counts_members_standards_and_the_certified_share(world, chain):
    found, stages = _stages(world.users[Role.ANONYMOUS])
    extraction = stages["exploration_extraction"]
    assert extraction.members == 3
    assert [standard.code for standard in extraction.standards] == ["alpha", "beta"]
    assert extraction.certified == 1  # the secretariat-level certification is not counted
    assert str(extraction.share) == "33.3"
    assert extraction.gaps == []
    products = stages["products"]
    assert products.members == 1
    # One member: whether it holds a certification is not published (the >= 3 rule).
    assert products.gaps == [FEW_MEMBERS]
    assert (products.published_certified, products.share) == (None, None)
    assert stages["recycling"].gaps == [NO_MEMBER]
    assert found.members == 4
    assert list(stages) == [
        "exploration_extraction",
        "asm",
        "processing",
        "components",
        "products",
        "recycling",
    ]


def test_a_certification_counts_only_for_those_who_may_read_it(world, chain):
    _, stages = _stages(world.users[Role.SECRETARIAT])
    assert stages["exploration_extraction"].certified == 2


def test_a_standard_limited_to_other_materials_is_not_recognised_there(world, chain):
    _, stages = _stages(world.users[Role.ANONYMOUS], material="gold")
    assert [s.code for s in stages["exploration_extraction"].standards] == ["beta"]
    assert stages["exploration_extraction"].gaps == [NO_MEMBER]
    from standards.models import Standard

    Standard.objects.filter(code="beta").update(materials=["tin"])
    _, stages = _stages(world.users[Role.ANONYMOUS], material="gold")
    assert stages["exploration_extraction"].gaps == [NO_STANDARD, NO_MEMBER]


def test_the_value_chain_pages_and_api_name_no_organisation(world, chain):
    """Only counts and standards: no member, supplier or customer is named anywhere."""
    names = [
        *Organisation.objects.values_list("name", flat=True),
        *Organisation.objects.values_list("slug", flat=True),
    ]
    urls = [
        reverse("standards:value-chain-list"),
        reverse("standards:value-chain-detail", args=["cobalt"]),
        "/api/v1/value-chains/",
        "/api/v1/value-chains/cobalt/",
    ]
    for role in Role:
        client = world.client_for(role)
        for url in urls:
            response = (api_for(world, role) if "/api/" in url else client).get(url)
            assert response.status_code == 200, (role, url)
            body = response.content.decode()
            if role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE):
                # The site's header may name the reader's own organisation; nothing else does.
                body = body.replace(world.own.name, "").replace(world.own.slug, "")
            assert [name for name in names if name in body] == [], (role, url)
            assert "Zmk" not in body


def test_a_downstream_member_sees_its_materials_chains_and_their_gaps(world, chain):
    client = world.client_for(Role.MEMBER)
    index = client.get(reverse("standards:value-chain-list")).content.decode()
    assert "Your organisation's materials" in index
    assert "Cobalt</a>: 5 stages lacking coverage" in index
    page = client.get(reverse("standards:value-chain-detail", args=["cobalt"])).content.decode()
    assert "Your organisation declared cobalt: 5 stages of its chain lack coverage." in page
    assert FEW_MEMBERS in page
    assert "1 of them (33.3 %) holds a current certification" in page
    anonymous = world.client_for(Role.ANONYMOUS).get(reverse("standards:value-chain-list"))
    assert "Your organisation's materials" not in anonymous.content.decode()
    api = api_for(world, Role.MEMBER).get("/api/v1/value-chains/cobalt/").json()
    assert api["declared"] is True
    assert api["stages"][0] == {
        "stage": "exploration_extraction",
        "stage_label": "Exploration and extraction",
        "members": 3,
        "certified": 1,
        "share": "33.3",
        "standards": ["alpha", "beta"],
        "gaps": [],
    }


def test_an_unknown_material_has_no_chain(world, chain):
    client = world.client_for(Role.ANONYMOUS)
    assert client.get("/standards/value-chains/other/").status_code == 404
    assert api_for(world, Role.ANONYMOUS).get("/api/v1/value-chains/plutonium/").status_code == 404


def test_the_pages_and_the_api_read_in_a_fixed_number_of_queries(
    world, crosswalk, chain, make_organisation, django_assert_max_num_queries
):
    for n in range(10):
        organisation = make_organisation(
            f"More {n}",
            value_chain_stages=["processing", "components"],
            materials=["cobalt", "tin"],
        )
        certify(organisation, crosswalk.beta)
    client, api = world.client_for(Role.MEMBER), api_for(world, Role.MEMBER)
    urls = (
        reverse("standards:value-chain-list"),
        reverse("standards:value-chain-detail", args=["cobalt"]),
    )
    for url in urls:
        client.get(url)  # warm the process caches
    for url in urls:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/value-chains/").status_code == 200
