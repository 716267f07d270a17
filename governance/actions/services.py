"""Every write about action items, one use case per function (pages, API and admin call them):
the secretariat creates, assigns, edits and reschedules an action; the owner's people report
progress (with evidence from the documents library) and change its status; the secretariat
publishes in the decision log what came of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_countries import countries as known_countries

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.actions.models import (
    FINAL,
    NEEDS_REASON,
    ActionItem,
    ActionMilestone,
    ActionStatement,
    ActionStatus,
    ProgressMode,
    ProgressUpdate,
    StatementOccasion,
)
from governance.common.services import acting_user
from governance.decision_log.canonical import timestamp
from governance.decision_log.models import DecisionOutcome, DecisionState, PublishedDecision
from governance.decision_log.services import decision_log_append
from governance.documents.attach import action_evidence
from governance.notifications import events
from members.models import Organisation, Person


@dataclass(frozen=True)
class MilestoneInput:
    """One milestone as given: a title, its due date, and the day it was done (if it was)."""

    title: str
    due_date: date
    done_on: date | None = None


# What the secretariat may change on an action item.
EDITABLE = (
    "title",
    "description",
    "owner",
    "responsible",
    "due_date",
    "disclosure",
    "countries",
    "progress_mode",
)


def _check_decision(decision: PublishedDecision) -> None:
    if decision.outcome != DecisionOutcome.ADOPTED:
        raise ValidationError({"decision": "Actions follow an adopted decision only."})
    if decision.state == DecisionState.WITHDRAWN:
        raise ValidationError({"decision": "This decision was withdrawn: nothing carries it out."})


def _check_item(values: dict[str, Any]) -> dict[str, Any]:
    """The action's fields cleaned, or every problem at once."""
    errors: dict[str, str] = {}
    values["title"] = values["title"].strip()
    values["description"] = values["description"].strip()
    if not values["title"]:
        errors["title"] = "Enter the action's title."
    owner: Organisation | None = values["owner"]
    if owner is None:
        errors["owner"] = "Choose the organisation that carries the action out."
    responsible: Person | None = values["responsible"]
    if responsible is not None and owner is not None and responsible.organisation_id != owner.pk:
        errors["responsible"] = f"Choose a person of {owner.name}, the owner organisation."
    if values["due_date"] is None:
        errors["due_date"] = "Enter the due date."
    if values["disclosure"] not in DisclosureLevel.values:
        errors["disclosure"] = "Choose who may read the action."
    if values["progress_mode"] not in ProgressMode.values:
        errors["progress_mode"] = "Choose how progress is measured: in percent or by milestones."
    codes = [str(code).upper() for code in dict.fromkeys(values["countries"])]
    unknown = [code for code in codes if not known_countries.alpha2(code)]
    if unknown:
        errors["countries"] = "These are not country codes: " + ", ".join(unknown)
    values["countries"] = codes
    if errors:
        raise ValidationError(errors)
    return values


def _write_milestones(item: ActionItem, milestones: list[MilestoneInput]) -> None:
    """Replace the action's milestones with ``milestones``, numbered in the order given."""
    rows = []
    for position, milestone in enumerate(milestones, start=1):
        if not milestone.title.strip():
            raise ValidationError({"milestones": f"Give milestone {position} a title."})
        rows.append(
            ActionMilestone(
                action=item,
                position=position,
                title=milestone.title.strip(),
                due_date=milestone.due_date,
                done_on=milestone.done_on,
            )
        )
    if item.progress_mode == ProgressMode.MILESTONES and not rows:
        raise ValidationError({"milestones": "Give at least one milestone, or measure in percent."})
    ActionMilestone.objects.filter(action=item).delete()
    ActionMilestone.objects.bulk_create(rows)


@use_case
def action_item_create(
    *,
    actor: Actor,
    decision: PublishedDecision,
    title: str,
    owner: Organisation | None,
    due_date: date | None,
    description: str = "",
    responsible: Person | None = None,
    disclosure: str = DisclosureLevel.PUBLIC,
    countries: Iterable[str] = (),
    progress_mode: str = ProgressMode.PERCENT,
    milestones: Iterable[MilestoneInput] = (),
    now: datetime | None = None,
) -> ActionItem:
    """Create an action item on an adopted (not withdrawn) decision, assigned to an
    organisation, planned, public unless said otherwise. The secretariat. Refused: no title,
    owner or due date, a responsible person of another organisation, a decision that was not
    adopted, measuring by milestones without any."""
    policy.require(actor, "action_item.manage")
    _check_decision(decision)
    values = _check_item(
        {
            "title": title,
            "description": description,
            "owner": owner,
            "responsible": responsible,
            "due_date": due_date,
            "disclosure": disclosure,
            "countries": list(countries),
            "progress_mode": progress_mode,
        }
    )
    item = ActionItem.objects.create(
        decision=decision,
        original_due_date=values["due_date"],
        created_at=now or timezone.now(),
        **values,
    )
    _write_milestones(item, list(milestones))
    events.action_assigned(item)
    return item


@use_case
def action_item_update(
    *,
    actor: Actor,
    item: ActionItem,
    changes: dict[str, Any],
    milestones: Iterable[MilestoneInput] | None = None,
) -> ActionItem:
    """Change an action item (any of ``EDITABLE``) and, when given, its whole list of
    milestones. The secretariat. The first due date is kept: pages can say the date moved."""
    policy.require(actor, "action_item.manage", item)
    current = ActionItem.objects.select_for_update().get(pk=item.pk)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This cannot be changed here."))
    values = _check_item({name: changes.get(name, getattr(current, name)) for name in EDITABLE})
    changed = [name for name in EDITABLE if values[name] != getattr(current, name)]
    for name in changed:
        setattr(current, name, values[name])
    if changed:
        current.save(update_fields=[*changed])
    if "owner" in changed:
        events.action_assigned(current)
    if milestones is not None:
        _write_milestones(current, list(milestones))
    elif (
        "progress_mode" in changed
        and current.progress_mode == ProgressMode.MILESTONES
        and not current.milestones.exists()
    ):
        raise ValidationError({"milestones": "Give the milestones progress is measured by."})
    return current


def _apply_progress(
    item: ActionItem,
    *,
    status: str | None,
    reason: str,
    percent: int | None,
    milestones_done: Iterable[int] | None,
    now: datetime,
) -> tuple[str, int | None]:
    """Apply status and progress to ``item`` (locked): the new status ("" if unchanged) and
    the percent given. Shared by both of the owner's use cases."""
    errors: dict[str, str] = {}
    status = status or ""
    reason = reason.strip()
    if status and status not in ActionStatus.values:
        errors["status"] = "Choose the action's status from the list."
    if status and status != item.status and item.status in FINAL:
        errors["status"] = (
            f"This action is {item.get_status_display().lower()}: its status no longer changes."
        )
    if status in NEEDS_REASON and not reason:
        errors["reason"] = f"Say why the action is {ActionStatus(status).label.lower()}."
    if percent is not None and item.progress_mode != ProgressMode.PERCENT:
        errors["percent"] = "This action's progress is measured by milestones."
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = "Enter the progress from 0 to 100."
    if milestones_done is not None and item.progress_mode != ProgressMode.MILESTONES:
        errors["milestones_done"] = "This action's progress is measured in percent."
    if errors:
        raise ValidationError(errors)
    changed = status if status and status != item.status else ""
    if status in NEEDS_REASON:
        item.status_reason = reason
    if changed:
        item.status = changed
        if changed not in NEEDS_REASON:
            item.status_reason = ""
        if changed in (ActionStatus.IN_PROGRESS, ActionStatus.DONE) and item.started_at is None:
            item.started_at = now
        if changed == ActionStatus.DONE:
            item.done_at = now
            if item.progress_mode == ProgressMode.PERCENT:
                item.percent = 100
    if percent is not None and changed != ActionStatus.DONE:
        item.percent = percent
    item.save(update_fields=["status", "status_reason", "started_at", "done_at", "percent"])
    if milestones_done is not None:
        _mark_milestones(item, set(milestones_done), timezone.localdate(now))
    return changed, percent


def _mark_milestones(item: ActionItem, done_ids: set[int], today: date) -> None:
    milestones = list(ActionMilestone.objects.filter(action=item))
    unknown = done_ids - {milestone.pk for milestone in milestones}
    if unknown:
        raise ValidationError({"milestones_done": "Choose milestones of this action."})
    for milestone in milestones:
        done_on = (milestone.done_on or today) if milestone.pk in done_ids else None
        if done_on != milestone.done_on:
            milestone.done_on = done_on
            milestone.save(update_fields=["done_on"])


def _record(actor: Actor, item: ActionItem, now: datetime, **fields: Any) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        action=item,
        organisation_id=item.owner_id,
        author=acting_user(actor),
        posted_at=now,
        **fields,
    )


@use_case
def action_progress_post(
    *,
    actor: Actor,
    item: ActionItem,
    text: str,
    evidence_url: str = "",
    evidence_document: Any = None,  # from the library, or a new upload: evidence_file
    evidence_file: Any = None,
    status: str | None = None,
    reason: str = "",
    percent: int | None = None,
    milestones_done: Iterable[int] | None = None,
    now: datetime | None = None,
) -> ProgressUpdate:
    """Post a dated progress update on the timeline (what was done, in Markdown, with its
    evidence), maybe changing status and progress. The owner's people. Refused: no text, a
    reason missing for blocked or cancelled, a change of status of a final action."""
    policy.require(actor, "action_item.report", item)
    now = now or timezone.now()
    current = ActionItem.objects.select_for_update().get(pk=item.pk)
    if not text.strip():
        raise ValidationError({"text": "Say what was done since the last update."})
    changed, percent = _apply_progress(
        current,
        status=status,
        reason=reason,
        percent=percent,
        milestones_done=milestones_done,
        now=now,
    )
    return _record(
        actor,
        current,
        now,
        text=text.strip(),
        evidence_url=evidence_url.strip(),
        evidence_document=action_evidence(actor, current, evidence_document, evidence_file),
        status=changed,
        reason=reason.strip() if changed in NEEDS_REASON else "",
        percent=percent,
    )


@use_case
def action_status_change(
    *,
    actor: Actor,
    item: ActionItem,
    status: str,
    reason: str = "",
    percent: int | None = None,
    milestones_done: Iterable[int] | None = None,
    now: datetime | None = None,
) -> ActionItem:
    """Change the action's status (a reason for blocked and cancelled; done and cancelled are
    final) and, optionally, its progress; the change is dated on its timeline. The people of
    the owner organisation. The first move to in progress (or done) is when it started."""
    policy.require(actor, "action_item.report", item)
    now = now or timezone.now()
    current = ActionItem.objects.select_for_update().get(pk=item.pk)
    if not status:
        raise ValidationError({"status": "Choose the action's status from the list."})
    changed, percent = _apply_progress(
        current,
        status=status,
        reason=reason,
        percent=percent,
        milestones_done=milestones_done,
        now=now,
    )
    if changed or percent is not None or status in NEEDS_REASON:
        _record(
            actor,
            current,
            now,
            status=changed or status,
            reason=reason.strip() if status in NEEDS_REASON else "",
            percent=percent,
        )
    return current


def statement_occasion(item: ActionItem) -> str | None:
    """What a statement about ``item`` would say now: carried out, not carried out, or its new
    due date; None when there is nothing (new) to say."""
    if item.status == ActionStatus.DONE:
        occasion = StatementOccasion.DONE
    elif item.status == ActionStatus.CANCELLED:
        occasion = StatementOccasion.CANCELLED
    elif item.rescheduled:
        occasion = StatementOccasion.RESCHEDULED
    else:
        return None
    said = ActionStatement.objects.filter(action=item, occasion=occasion)
    if occasion == StatementOccasion.RESCHEDULED:
        said = said.filter(due_date=item.due_date)
    return None if said.exists() else str(occasion)


def statement_record(item: ActionItem, occasion: str, text: str, now: datetime) -> dict[str, Any]:
    """The public record of a statement about an action: organisations, never people."""
    return {
        "decision_seq": item.decision_id,
        "occasion": occasion,
        "text": text,
        "filed_at": timestamp(now),
        "action": {
            "id": item.pk,
            "title": item.title,
            "owner": {"slug": item.owner.slug, "name": item.owner.name},
            "status": item.status,
            "due_date": item.due_date.isoformat(),
            "original_due_date": item.original_due_date.isoformat(),
            "done_on": timezone.localdate(item.done_at).isoformat() if item.done_at else None,
        },
    }


@use_case
def action_statement_publish(
    *, actor: Actor, item: ActionItem, text: str, now: datetime | None = None
) -> ActionStatement:
    """Publish a ``statement`` entry in the public decision log about a public action that is
    done (the decision was carried out), cancelled (why not) or whose due date moved (the new
    date), once per occasion. The secretariat."""
    policy.require(actor, "action_item.publish_statement", item)
    now = now or timezone.now()
    current = (
        ActionItem.objects.select_for_update(of=("self",)).select_related("owner").get(pk=item.pk)
    )
    if current.disclosure != DisclosureLevel.PUBLIC:
        raise ValidationError("Only a public action is published in the public decision log.")
    if not text.strip():
        raise ValidationError({"text": "Write the statement."})
    occasion = statement_occasion(current)
    if occasion is None:
        raise ValidationError(
            "There is nothing new to publish: a statement is published once the action is done "
            "or cancelled, or when its due date has moved."
        )
    entry = decision_log_append(
        kind="statement",
        amends=current.decision_id,
        record=statement_record(current, occasion, text.strip(), now),
    )
    return ActionStatement.objects.create(
        action=current, entry=entry, occasion=occasion, due_date=current.due_date
    )
