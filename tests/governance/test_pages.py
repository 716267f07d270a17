"""Governance pages: what people read, in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.bodies import services as body_services
from governance.consultations import services as consultation_services
from governance.consultations.models import Comment
from governance.objectives import services as objective_services
from governance.objectives.models import Objective
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.factories import assembly, make_proposal, member_comment

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _many_proposals(count: int, organisation) -> None:
    """``count`` proposals, a third of them in consultation with a comment each."""
    body = assembly()
    objective = Objective.objects.create(slug="cobalt", title="Cobalt")
    now = timezone.now()
    proposals = Proposal.objects.bulk_create(
        Proposal(
            body=body,
            title=f"Proposal {number:03d}",
            summary="Summary.",
            text="Text.",
            disclosure=DisclosureLevel.PUBLIC if number % 2 else DisclosureLevel.MEMBERS,
            status=S.CONSULTATION if number % 3 == 0 else S.DRAFT,
            consultation_opens_at=now - timedelta(days=1),
            consultation_opened_at=now - timedelta(days=1) if number % 3 == 0 else None,
            consultation_closes_at=now + timedelta(days=number + 1),
            countries=["CD"],
            materials=["cobalt"],
        )
        for number in range(count)
    )
    Proposal.objectives.through.objects.bulk_create(
        Proposal.objectives.through(proposal_id=p.pk, objective_id=objective.pk) for p in proposals
    )
    Comment.objects.bulk_create(
        Comment(proposal=p, author_kind="member", organisation=organisation, text="Yes.")
        for p in proposals
        if p.status == S.CONSULTATION
    )


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.MEMBER, Role.SECRETARIAT])
def test_proposal_list_query_count_does_not_grow_with_rows(
    world, django_assert_max_num_queries, rows: int, role: Role
) -> None:
    _many_proposals(rows, world.other)
    client = world.client_for(role)
    url = "/governance/proposals/?material=cobalt&objective=cobalt"
    client.get(url)  # the process's first request fills caches (content types): not counted
    # The co-sponsors of a page's rows cost a query only when a member's proposal is among
    # them (these are the secretariat's).
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    visible = rows if role != Role.ANONYMOUS else rows // 2
    assert f"{visible} proposals" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.MEMBER, Role.SECRETARIAT])
def test_dashboard_query_count_does_not_grow_with_rows(
    world, django_assert_max_num_queries, rows: int, role: Role
) -> None:
    _many_proposals(rows, world.other)
    client = world.client_for(role)
    client.get("/governance/")  # fills process caches (content types): not counted
    # 13 for the dashboard's lists, 7 for the consultation and participation figures, 2 for the
    # action figures and 2 for the funding figures (governance.balance).
    with django_assert_max_num_queries(24):
        response = client.get("/governance/")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_api_proposal_list_query_count_does_not_grow_with_rows(
    world, django_assert_max_num_queries, rows: int
) -> None:
    _many_proposals(rows, world.other)
    with django_assert_max_num_queries(8):
        response = Client().get("/api/v1/proposals/?page_size=200")
    assert response.json()["count"] == rows // 2


@pytest.mark.parametrize("comments", [10, 100])
def test_proposal_page_query_count_does_not_grow_with_comments(
    world, django_assert_max_num_queries, make_organisation, comments: int
) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    organisations = [make_organisation(f"Commenter {n}") for n in range(5)]
    for number in range(comments):
        consultation_services.comment_post(
            actor=world.users[Role.MEMBER], proposal=proposal, text=f"Member {number}."
        )
        member_comment(proposal, organisations[number % 5], f"Comment {number}.", paragraph=2)
    client = world.client_for(Role.MEMBER)
    client.get(proposal.get_absolute_url())  # fills process caches (content types): not counted
    # Object permissions cost one query per object and request (not two per check); the
    # co-sponsors one only for a member's proposal; "you said, we did" reuses the comments.
    with django_assert_max_num_queries(20):
        response = client.get(proposal.get_absolute_url())
    assert response.content.decode().count('class="comment"') == 2 * comments


def test_open_consultations_come_first_closing_soonest_first(world) -> None:
    make_proposal(status=S.DRAFT, title="A draft")
    late = make_proposal(status=S.CONSULTATION, title="Closes late")
    soon = make_proposal(status=S.CONSULTATION, title="Closes soon")
    proposal_services.proposal_update(
        actor=world.users[Role.SECRETARIAT],
        proposal=soon,
        # Sooner than the others' 30 days, and no shorter than the constitution allows.
        changes={"consultation_closes_at": timezone.now() + timedelta(days=20)},
    )
    make_proposal(status=S.ADOPTED, title="Decided")
    html = Client().get("/governance/proposals/").content.decode()
    order = [html.index(title) for title in ("Closes soon", "Closes late", "A draft")]
    assert order == sorted(order)
    assert late.pk


def test_proposal_list_filters(world) -> None:
    objective = Objective.objects.create(slug="water", title="Water")
    make_proposal(
        title="Lithium water network",
        countries=["CL"],
        materials=["lithium"],
        objectives=[objective],
    )
    make_proposal(title="Cobalt remediation", countries=["CD"], materials=["cobalt"])
    make_proposal(title="Members-only tin", disclosure=DisclosureLevel.MEMBERS, materials=["tin"])

    def titles(query: str, role: Role = Role.ANONYMOUS) -> set[str]:
        html = world.client_for(role).get(f"/governance/proposals/?{query}").content.decode()
        return {
            t
            for t in ("Lithium water network", "Cobalt remediation", "Members-only tin")
            if t in html
        }

    assert titles("country=CL") == {"Lithium water network"}
    assert titles("material=cobalt") == {"Cobalt remediation"}
    assert titles("objective=water") == {"Lithium water network"}
    assert titles("q=remediation") == {"Cobalt remediation"}
    assert titles("status=draft") == {"Lithium water network", "Cobalt remediation"}
    assert titles("material=tin") == set()
    assert titles("material=tin", Role.MEMBER) == {"Members-only tin"}
    assert titles("body=general-assembly", Role.MEMBER) == {
        "Lithium water network",
        "Cobalt remediation",
        "Members-only tin",
    }


def test_the_proposal_page_tells_the_whole_story_with_numbered_paragraphs(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    member_comment(proposal, world.other, "On the list.", paragraph=3)
    html = Client().get(proposal.get_absolute_url()).content.decode()
    for number in (1, 2, 3, 4):
        assert f'id="p{number}"' in html
        assert f"¶{number}" in html
    assert html.count("<h1") == 1
    for heading in ("Proposal text", "Consultation", "You said, we did", "Impact assessment"):
        assert f">{heading}</h2>" in html
    assert "<caption>Participation by chamber" in html
    assert '<th scope="row">Other Organisation' not in html  # organisations are cells, not heads
    assert "Draft → <strong>In consultation</strong>" in html
    assert f'href="/governance/proposals/{proposal.pk}/print/"' in html


def test_the_printable_view_has_no_forms_and_a_print_stylesheet(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    member_comment(proposal, world.other, "On the list.", paragraph=3)
    html = world.client_for(Role.MEMBER).get(f"/governance/proposals/{proposal.pk}/print/")
    content = html.content.decode()
    assert 'media="print"' in content
    assert "governance-print.css" in content
    main = content[content.index("<main") :]
    assert "<form" not in main
    assert "On the list." in content
    assert "Comment on ¶" not in content


def test_members_only_proposals_ask_anonymous_visitors_to_sign_in(world) -> None:
    proposal = make_proposal(disclosure=DisclosureLevel.MEMBERS)
    response = Client().get(proposal.get_absolute_url())
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")
    assert (
        world.client_for(Role.EXTERNAL_STAKEHOLDER).get(proposal.get_absolute_url()).status_code
        == 404
    )
    assert world.client_for(Role.MEMBER).get(proposal.get_absolute_url()).status_code == 200
    assert proposal.title not in Client().get("/governance/proposals/").content.decode()


def test_home_and_dashboard_show_objectives_and_open_consultations(world) -> None:
    from datetime import date
    from decimal import Decimal

    from governance.objectives.models import Indicator

    objective = Objective.objects.create(slug="cobalt", title="Traceable cobalt")
    indicator = Indicator.objects.create(
        objective=objective,
        name="Volumes traced",
        unit="%",
        baseline_value=Decimal("20"),
        baseline_date=date(2022, 1, 1),
        target_value=Decimal("80"),
        target_date=date(2027, 12, 31),
    )
    objective_services.indicator_record_measurement(
        actor=SYSTEM, indicator=indicator, measured_on=date(2024, 1, 1), value=Decimal("50")
    )
    make_proposal(status=S.CONSULTATION, title="Open to all")
    make_proposal(
        status=S.CONSULTATION, title="Members' consultation", disclosure=DisclosureLevel.MEMBERS
    )
    home = Client().get("/").content.decode()
    assert 'id="section-objectives"' in home
    assert "Traceable cobalt" in home
    assert "50 % (Jan 2024), target 80 by 2027: 50% of the way" in home
    assert 'id="section-open-consultations"' in home
    assert "Open to all" in home
    assert "Members&#x27; consultation" not in home
    dashboard = world.client_for(Role.MEMBER).get("/governance/").content.decode()
    assert "Open consultations (2)" in dashboard
    assert "Members&#x27; consultation" in dashboard
    assert "<caption>Indicators of “Traceable cobalt”</caption>" in dashboard


def test_objectives_page_shows_indicators_and_the_issue_register_with_history(world) -> None:
    issue = objective_services.issue_create(
        actor=SYSTEM, title="Deep-sea mining", status="contentious", reason="Raised by NGOs."
    )
    objective_services.issue_set_status(
        actor=SYSTEM, issue=issue, status="parked", reason="Until the scientific review."
    )
    html = Client().get("/governance/objectives/").content.decode()
    assert "<caption>Parked issues (1)</caption>" in html
    assert "Contentious → <strong>Parked</strong>. Until the scientific review." in html
    assert "Raised by NGOs." in html


def test_body_page_lists_composition_by_chamber(world, make_organisation) -> None:
    from datetime import date

    from governance.bodies.models import Body, BodySeat

    board = Body.objects.create(slug="board", name="Executive Board", kind="executive_board")
    BodySeat.objects.create(body=board, chamber=world.own.chamber, seats=2)
    body_services.seat_holder_add(
        actor=SYSTEM,
        body=board,
        organisation=world.own,
        person=world.people["own-public"],
        position="Chair",
        term_start=date(2024, 1, 1),
    )
    body_services.seat_holder_add(
        actor=SYSTEM,
        body=board,
        organisation=world.other,
        person=world.people["other-members"],
        term_start=date(2024, 1, 1),
    )
    html = Client().get("/governance/bodies/board/").content.decode()
    assert '<tr data-chamber="civil-society">' in html
    assert "(0 vacant)" not in html
    assert "Own Organisation</a>, own public person" in html
    assert "other members person" not in html  # that person is members-level
    member_html = world.client_for(Role.MEMBER).get("/governance/bodies/board/").content.decode()
    assert "other members person" in member_html
    with pytest.raises(Exception, match="seats on Executive Board are taken"):
        body_services.seat_holder_add(
            actor=SYSTEM,
            body=board,
            organisation=make_organisation("Third Organisation"),
            term_start=date(2024, 1, 1),
        )


def test_needs_my_action_for_a_member_and_the_secretariat(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True, title="Speak up")
    member_html = world.client_for(Role.MEMBER).get("/governance/my-actions/").content.decode()
    assert "Speak up" in member_html
    assert "Your organisation has not commented yet" in member_html
    consultation_services.comment_post(
        actor=world.users[Role.MEMBER], proposal=proposal, text="Done."
    )
    rep_html = (
        world.client_for(Role.ORGANISATION_REPRESENTATIVE)
        .get("/governance/my-actions/")
        .content.decode()
    )
    assert "Nothing needs your action now." in rep_html  # the organisation has spoken
    consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text="Mine."
    )
    staff_html = world.client_for(Role.SECRETARIAT).get("/governance/my-actions/").content.decode()
    assert "1 comment to moderate." in staff_html
    assert "1 shown comment without a response." in staff_html
    assert Client().get("/governance/my-actions/").status_code == 302


def test_the_secretariat_moderates_and_answers_through_the_pages(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER], proposal=proposal, text="Please listen."
    )
    comment = Comment.objects.get()
    staff = world.client_for(Role.SECRETARIAT)
    page = staff.get(f"/governance/proposals/{proposal.pk}/moderation/").content.decode()
    assert "Please listen." in page
    url = f"/governance/proposals/{proposal.pk}/moderation/{comment.pk}/"
    refused = staff.post(url, {"decision": "reject"})
    assert refused.status_code == 200
    assert "Say why the comment is rejected." in refused.content.decode()
    assert staff.post(url, {"decision": "approve"}).status_code == 302
    answer = staff.post(
        f"/governance/proposals/{proposal.pk}/comments/{comment.pk}/response/",
        {"outcome": "accepted", "reason": "We will."},
    )
    assert answer.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "shown"
    assert comment.response.outcome == "accepted"


def test_the_secretariat_records_the_impact_assessment_through_the_page(world) -> None:
    proposal = make_proposal(status=S.DELIBERATION)
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/proposals/{proposal.pk}/impact-assessment/"
    form = staff.get(url).content.decode()
    assert "<legend>Cost of inaction: social</legend>" in form
    data = {
        "rationale": "It works.",
        "trade_offs": "Members pay.",
        "chosen": "1",
        "option-TOTAL_FORMS": "6",
        "option-INITIAL_FORMS": "0",
        "option-0-title": "Adopt",
        "option-1-title": "Do nothing",
    }
    for kind in ("action", "inaction"):
        for dimension in ("economic", "social", "environmental"):
            prefix = f"{kind}-{dimension}"
            data |= {
                f"{prefix}-borne_by": "Members",
                f"{prefix}-magnitude": "low",
                f"{prefix}-horizon": "short",
                f"{prefix}-confidence": "medium",
            }
    incomplete = dict(data, **{"inaction-social-borne_by": "", "action-economic-amount": "12"})
    refused = staff.post(url, incomplete)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Cost of inaction, social: say who bears it." in body
    assert "give the amount&#x27;s ISO 4217 currency code" in body
    saved = staff.post(
        url, dict(data, **{"action-economic-amount": "12", "action-economic-currency": "eur"})
    )
    assert saved.status_code == 302
    html = Client().get(proposal.get_absolute_url()).content.decode()
    assert "<caption>Cost of inaction</caption>" in html
    assert "12 EUR" in html
