"""Demo data of the governance app: the General Assembly, the Executive Board with seats per
chamber and seat holders, two working groups, objectives with indicators and measurements, RS
issues in every status with their history, and thirteen proposals across every status of the
lifecycle with realistic consultations (comments from several chambers, a public consultation
with external comments, some rejected in moderation), responses and impact assessments.

Runs after the members app's seed (chambers, organisations, demo people). Idempotent: what
exists already is left alone. Everything goes through the services, as the system
(``actor=None``) or, in development, as the demo logins where they may act. Under test
settings there are no demo logins: comments are then recorded on behalf of organisations."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from alliance_portal import policy
from alliance_portal.demo import DemoLogin, demo_logins_enabled
from alliance_portal.models import User
from alliance_portal.roles import Role
from governance import demo_ballots, services
from governance.demo_content import (
    BODIES,
    ISSUES,
    OBJECTIVES,
    PROPOSALS,
    SEAT_HOLDERS,
    DemoComment,
    DemoProposal,
)
from governance.models import (
    AuthorKind,
    Body,
    BodySeat,
    Comment,
    Indicator,
    Issue,
    Objective,
    Proposal,
    ProposalStatus,
    SeatHolder,
)
from members.models import Chamber, MembershipStatus, Organisation, Person

S = ProposalStatus
DAY = timedelta(days=1)
MEMBER_ROLES = (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE)


def seed() -> list[DemoLogin]:
    now = timezone.now()
    organisations = {o.name: o for o in Organisation.objects.select_related("chamber")}
    _seed_bodies(organisations)
    _seed_objectives()
    _seed_issues(now)
    for spec in PROPOSALS:
        if not Proposal.objects.filter(title=spec.title).exists():
            _seed_proposal(spec, now, organisations)
    demo_ballots.seed(now, organisations, seed_proposal=_seed_proposal)
    return []  # no logins of its own


def _seed_bodies(organisations: dict[str, Organisation]) -> None:
    chambers = {chamber.slug: chamber for chamber in Chamber.objects.all()}
    for slug, name, kind, electorate, mandate, order, seats in BODIES:
        body, created = Body.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "electorate": electorate,
                "mandate": mandate,
                "order": order,
            },
        )
        if not created:
            continue
        for chamber_slug, number in seats.items():
            if chamber_slug in chambers:
                BodySeat.objects.create(body=body, chamber=chambers[chamber_slug], seats=number)
    for body_slug, organisation_name, position, start, end in SEAT_HOLDERS:
        body = Body.objects.get(slug=body_slug)
        organisation = organisations.get(organisation_name)
        if organisation is None or organisation.membership_status != MembershipStatus.ACTIVE:
            continue
        if SeatHolder.objects.filter(
            body=body, organisation=organisation, term_start=date.fromisoformat(start)
        ).exists():
            continue
        services.seat_holder_add(
            actor=None,
            body=body,
            organisation=organisation,
            person=_representative(organisation),
            position=position,
            term_start=date.fromisoformat(start),
            term_end=date.fromisoformat(end) if end else None,
        )


def _representative(organisation: Organisation) -> Person | None:
    """The organisation's demo representative, when the demo logins exist."""
    if not demo_logins_enabled():
        return None
    return Person.objects.filter(organisation=organisation, is_representative=True).first()


def _seed_objectives() -> None:
    today = timezone.localdate()
    for order, spec in enumerate(OBJECTIVES, start=1):
        objective, _ = Objective.objects.get_or_create(
            slug=spec.slug,
            defaults={"title": spec.title, "description": spec.description, "order": order},
        )
        for position, item in enumerate(spec.indicators, start=1):
            indicator, _ = Indicator.objects.get_or_create(
                objective=objective,
                name=item.name,
                defaults={
                    "unit": item.unit,
                    "baseline_value": Decimal(item.baseline[0]),
                    "baseline_date": date.fromisoformat(item.baseline[1]),
                    "target_value": Decimal(item.target[0]),
                    "target_date": date.fromisoformat(item.target[1]),
                    "order": position,
                },
            )
            for day, value, source in item.measurements:
                measured_on = date.fromisoformat(day)
                if measured_on > today:
                    continue
                services.indicator_record_measurement(
                    actor=None,
                    indicator=indicator,
                    measured_on=measured_on,
                    value=Decimal(value),
                    source=source,
                )


def _seed_issues(now: datetime) -> None:
    for title, objective_slug, history in ISSUES:
        if Issue.objects.filter(title=title).exists():
            continue
        (first_status, first_reason, first_days), *later = history
        issue = services.issue_create(
            actor=None,
            title=title,
            status=first_status,
            reason=first_reason,
            objective=Objective.objects.filter(slug=objective_slug).first(),
            now=now - first_days * DAY,
        )
        for status, reason, days in later:
            services.issue_set_status(
                actor=None, issue=issue, status=status, reason=reason, now=now - days * DAY
            )


def _seed_proposal(
    spec: DemoProposal, now: datetime, organisations: dict[str, Organisation]
) -> None:
    opened = now - spec.opened_days_ago * DAY
    closes = opened + spec.consultation_days * DAY
    scheduled = spec.status != S.DRAFT or spec.opened_days_ago < 0
    proposal = services.proposal_create(
        actor=None,
        body=Body.objects.get(slug=spec.body),
        title=spec.title,
        summary=spec.summary,
        text=spec.text,
        disclosure=spec.disclosure,
        countries=spec.countries,
        materials=spec.materials,
        objectives=Objective.objects.filter(slug__in=spec.objectives),
        issues=Issue.objects.filter(title__in=spec.issues),
        proposed_by=organisations.get(spec.proposed_by),
        consultation_opens_at=opened if scheduled else None,
        consultation_closes_at=closes if scheduled else None,
        consultation_public=spec.public_consultation,
        created_at=min(opened, now) - 10 * DAY,
    )
    if spec.status == S.DRAFT:
        return
    services.consultation_open(actor=None, proposal=proposal, now=opened)
    comments = _seed_comments(spec, proposal, opened, min(closes, now), organisations)
    if spec.status == S.CONSULTATION:
        return
    services.consultation_close(actor=None, proposal=proposal, now=closes)
    for item, comment in comments:
        if item.response is not None and comment.status == "shown":
            outcome, reason = item.response
            services.comment_respond(
                actor=None, comment=comment, outcome=outcome, reason=reason, now=closes + 2 * DAY
            )
    if spec.impact is not None:
        services.impact_assessment_save(
            actor=None,
            proposal=proposal,
            rationale=spec.impact.rationale,
            trade_offs=spec.impact.trade_offs,
            options=[
                services.OptionInput(title=title, description=text, is_chosen=number == 0)
                for number, (title, text) in enumerate(spec.impact.options)
            ],
            costs=[
                services.CostInput(
                    kind=cost.kind,
                    dimension=cost.dimension,
                    borne_by=cost.borne_by,
                    magnitude=cost.magnitude,
                    horizon=cost.horizon,
                    confidence=cost.confidence,
                    amount=cost.amount,
                    currency=cost.currency,
                    description=cost.description,
                )
                for cost in spec.impact.costs
            ],
        )
    if spec.status == S.WITHDRAWN:
        services.proposal_transition(
            actor=None,
            proposal=proposal,
            to_status=S.WITHDRAWN,
            reason=spec.closing_reason,
            now=closes + 5 * DAY,
        )
        return
    if spec.status == S.DELIBERATION:
        return
    # The ballot (Governance II): opened, voted on and, for a result, closed by the count.
    demo_ballots.take_to_ballot(proposal, status=spec.status, opens=closes + 7 * DAY, now=now)


def _seed_comments(
    spec: DemoProposal,
    proposal: Proposal,
    start: datetime,
    end: datetime,
    organisations: dict[str, Organisation],
) -> list[tuple[DemoComment, Comment]]:
    """Post the spec's comments spread over the consultation; moderate external ones."""
    created: dict[int, Comment] = {}
    result = []
    step = (end - start) / (len(spec.comments) + 1)
    for index, item in enumerate(spec.comments):
        when = start + step * (index + 1)
        parent = created.get(item.reply_to) if item.reply_to is not None else None
        if item.reply_to is not None and parent is None:
            continue
        comment = _post(item, proposal, parent, when, organisations)
        if comment is None:
            continue
        if item.organisation is None and item.moderation:
            decision, _, reason = item.moderation.partition(":")
            comment = services.comment_moderate(
                actor=None,
                comment=comment,
                decision=decision.strip(),
                reason=reason.strip(),
                now=when + DAY,
            )
        created[index] = comment
        result.append((item, comment))
    return result


def _post(
    item: DemoComment,
    proposal: Proposal,
    parent: Comment | None,
    when: datetime,
    organisations: dict[str, Organisation],
) -> Comment | None:
    organisation = organisations.get(item.organisation) if item.organisation else None
    if item.organisation is not None and organisation is None:
        return None  # the members app's demo no longer has this organisation
    user = _demo_user(item.login, organisation)
    if user is not None:
        return services.comment_post(
            actor=user,
            proposal=proposal,
            text=item.text,
            paragraph=item.paragraph,
            parent=parent,
            now=when,
        )
    return services.comment_record_received(
        actor=None,
        proposal=proposal,
        text=item.text,
        author_kind=AuthorKind.MEMBER if organisation is not None else AuthorKind.EXTERNAL,
        organisation=organisation,
        paragraph=item.paragraph,
        parent=parent,
        received_at=when,
    )


def _demo_user(email: str, organisation: Organisation | None) -> User | None:
    """The demo login to comment as, when it exists and speaks for ``organisation``."""
    if not email or not demo_logins_enabled() or organisation is None:
        return None
    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    who = policy.principal(user)
    if who.role not in MEMBER_ROLES or who.organisation_id != organisation.pk:
        return None
    return user
