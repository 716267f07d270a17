"""Demo data of action items (issue 17, items 1 and 7): on every adopted demo decision, actions
owned by member organisations, some done on time, some overdue, one blocked with its reason,
one measured by milestones, with progress updates linking their evidence; the secretariat's
statement in the decision log that one decision was carried out. Idempotent (a decision that
has actions is left alone); everything goes through the use cases, as the system. Evidence
is a link: the portal has no upload of public documents to reuse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.actions import services
from governance.actions.models import ActionItem, ActionStatus, ProgressMode
from governance.decision_log.models import DecisionOutcome, DecisionState, PublishedDecision
from members.models import MembershipStatus, Organisation, Person

DAY = timedelta(days=1)
EVIDENCE = "https://example.org/alliance/evidence/"


@dataclass(frozen=True)
class Plan:
    """How a demo action goes: its title (after the decision's), and what happened to it."""

    title: str
    story: str  # done_on_time, done_late, overdue, blocked, milestones, planned
    update: str


PLANS = (
    Plan(
        "Publish guidance for members",
        "done_on_time",
        "Guidance drafted with the working group and **published** in English, French and "
        "Kiswahili.",
    ),
    Plan(
        "Brief site operators and cooperatives",
        "overdue",
        "Briefings held in Kolwezi and Likasi; the Kipushi sessions still have to be arranged.",
    ),
    Plan(
        "Fund and run the first verification round",
        "blocked",
        "Terms of reference agreed with two assurance providers.",
    ),
    Plan(
        "Report on uptake after six months",
        "milestones",
        "Survey sent to every member organisation of the chambers concerned.",
    ),
    Plan(
        "Update the members' reporting template",
        "done_late",
        "The reporting template now asks for the new figures; members were told by email.",
    ),
)
BLOCKED_REASON = (
    "The assurance providers' fees exceed the budget the assembly approved; the secretariat "
    "is looking for co-funding from a partner alliance."
)


def seed(now: datetime) -> None:
    """Actions on every adopted, standing demo decision that has none yet."""
    organisations = list(
        Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by("name")
    )
    if not organisations:
        return
    decisions = PublishedDecision.objects.filter(outcome=DecisionOutcome.ADOPTED).exclude(
        state=DecisionState.WITHDRAWN
    )
    turn = 0
    for decision in decisions.order_by("decided_at", "entry_id"):
        if ActionItem.objects.filter(decision=decision).exists():
            turn += 2
            continue
        for plan in (PLANS[turn % len(PLANS)], PLANS[(turn + 1) % len(PLANS)]):
            owner = organisations[turn % len(organisations)]
            _carry_out(decision, plan, owner, now, first=turn == 0)
            turn += 1


def _responsible(owner: Organisation) -> Person | None:
    return Person.objects.filter(organisation=owner).order_by("-is_representative", "pk").first()


def _carry_out(
    decision: PublishedDecision, plan: Plan, owner: Organisation, now: datetime, *, first: bool
) -> None:
    """Create one action and play its story out, with the dates it would have had."""
    decided = min(decision.decided_at, now - 4 * DAY)
    span = now - decided
    today = timezone.localdate(now)
    created = decided + DAY
    started = decided + span * 0.25
    due = {
        "done_on_time": timezone.localdate(decided + span * 0.8),
        "done_late": timezone.localdate(decided + span * 0.5),
        "overdue": today - max(1, int(span.days * 0.1)) * DAY,
        "blocked": today + 60 * DAY,
        "milestones": today + 120 * DAY,
    }[plan.story]
    milestones = []
    if plan.story == "milestones":
        milestones = [
            services.MilestoneInput("Send the survey", timezone.localdate(started)),
            services.MilestoneInput("Interview five organisations", today + 40 * DAY),
            services.MilestoneInput("Publish the report", due),
        ]
    item = services.action_item_create(
        actor=SYSTEM,
        decision=decision,
        title=plan.title,
        description=f"Part of carrying out decision {decision.seq}, “{decision.title}”.",
        owner=owner,
        responsible=_responsible(owner),
        due_date=due,
        progress_mode=ProgressMode.MILESTONES if milestones else ProgressMode.PERCENT,
        milestones=milestones,
        now=created,
    )
    evidence = f"{EVIDENCE}{decision.seq}-{item.pk}"
    first_milestone = item.milestones.order_by("position").values_list("pk", flat=True)[:1]
    services.action_progress_post(
        actor=SYSTEM,
        item=item,
        text=plan.update,
        evidence_url=evidence,
        status=ActionStatus.IN_PROGRESS,
        percent=None if milestones else 40,
        milestones_done=list(first_milestone) if milestones else None,
        now=started,
    )
    # One blocked action in the demo; the plan's later turns stay in progress.
    if plan.story == "blocked" and not ActionItem.objects.filter(status="blocked").exists():
        services.action_status_change(
            actor=SYSTEM,
            item=item,
            status=ActionStatus.BLOCKED,
            reason=BLOCKED_REASON,
            now=now - DAY,
        )
    elif plan.story in ("done_on_time", "done_late"):
        finished = decided + span * 0.7
        services.action_progress_post(
            actor=SYSTEM,
            item=item,
            text="Done: see the published result.",
            evidence_url=f"{evidence}/final",
            status=ActionStatus.DONE,
            now=finished,
        )
        if first:
            services.action_statement_publish(
                actor=SYSTEM,
                item=item,
                text=f"{owner.name} carried out “{item.title}”, as decision {decision.seq} "
                "asked, before its due date.",
                now=finished + DAY,
            )
