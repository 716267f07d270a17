"""Pages: the list of actions, an action with its timeline, the secretariat's forms (create,
change, publish a statement) and the owner's progress form. Thin: forms parse, selectors read,
services write, the access policy decides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.body_limit import body_limit
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import apply_service_error
from governance.actions import selectors, services
from governance.actions.forms import (
    ActionFilterForm,
    ActionItemForm,
    ProgressForm,
    StatementForm,
    milestones_text,
)
from governance.actions.models import ActionItem, StatementOccasion
from governance.decision_log.models import DecisionOutcome, DecisionState, PublishedDecision
from governance.documents.selectors import attachable
from governance.documents.views import path_name_refused, too_large, upload_limit

PAGE_SIZE = 25


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, facets=selectors.action_facets(user=request.user))
    filters = form.filters()
    actions = selectors.action_list(user=request.user, **filters)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    policy.record_reads(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/actions/action_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(filters)},
    )


@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.action_get(user=request.user, pk=pk)
    return render(
        request,
        "governance/actions/action_detail.html",
        {
            "item": item,
            "page": selectors.action_page(user=request.user, item=item),
            "may_manage": policy.may(request.user, "action_item.manage", item),
            "may_report": policy.may(request.user, "action_item.report", item),
            "may_publish": policy.may(request.user, "action_item.publish_statement", item)
            and services.statement_occasion(item) is not None
            and item.disclosure == DisclosureLevel.PUBLIC,
        },
    )


def decision_actions_context(
    request: HttpRequest, decision: PublishedDecision | None
) -> dict[str, Any]:
    """What the decision page shows about the actions carrying the decision out."""
    if decision is None:
        return {"actions": [], "may_add_action": False}
    return {
        "actions": selectors.decision_actions(user=request.user, decision=decision),
        "may_add_action": decision.outcome == DecisionOutcome.ADOPTED
        and decision.state != DecisionState.WITHDRAWN
        and policy.may(request.user, "action_item.manage"),
    }


def _item_arguments(form: ActionItemForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data.get("description") or "",
        "owner": data["owner"],
        "responsible": data.get("responsible"),
        "due_date": data["due_date"],
        "disclosure": data["disclosure"],
        "countries": data.get("countries") or [],
        "progress_mode": data["progress_mode"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, seq: int) -> HttpResponse:
    """Secretariat: a new action on an adopted decision."""
    policy.require(request.user, "action_item.manage")
    decision = get_object_or_404(PublishedDecision, entry_id=seq)
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.action_item_create(
                actor=request.user,
                decision=decision,
                milestones=form.cleaned_data["milestones"],
                **_item_arguments(form),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"The action “{item.title}” is assigned to {item.owner}.")
            return redirect(item.get_absolute_url())
    return render(
        request,
        "governance/actions/action_form.html",
        {"form": form, "decision": decision, "item": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Secretariat: change an action: reassign it, move its due date, its milestones."""
    item = selectors.action_get(user=request.user, pk=pk)
    policy.require(request.user, "action_item.manage", item)
    initial = {
        **{name: getattr(item, name) for name in services.EDITABLE},
        "milestones": milestones_text(list(item.milestones.all())),
    }
    form = ActionItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_update(
                actor=request.user,
                item=item,
                changes=_item_arguments(form),
                milestones=form.cleaned_data["milestones"]
                if "milestones" in form.changed_data
                else None,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The action is changed.")
            return redirect(item.get_absolute_url())
    return render(
        request,
        "governance/actions/action_form.html",
        {"form": form, "decision": item.decision, "item": item},
    )


@login_required
@require_http_methods(["GET", "POST"])
@body_limit(upload_limit(), too_large, keep_body=True)
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's people: post a progress update, with the status and progress it leaves."""
    item = selectors.action_get(user=request.user, pk=pk)
    policy.require(request.user, "action_item.report", item)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        item=item,
        documents=attachable(user=request.user),
    )
    if request.method == "POST" and form.is_valid() and not path_name_refused(request, form):
        try:
            services.action_progress_post(actor=request.user, item=item, **form.service_arguments())
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Your update is on the action's timeline.")
            return redirect(f"{item.get_absolute_url()}#timeline")
    return render(request, "governance/actions/progress_form.html", {"form": form, "item": item})


STATEMENT_DRAFTS = {
    StatementOccasion.DONE: "{owner} carried out “{title}” on {done}, as decision {seq} asked.",
    StatementOccasion.CANCELLED: "“{title}” will not be carried out: {reason}",
    StatementOccasion.RESCHEDULED: "“{title}”, which {owner} carries out under decision {seq}, "
    "is now due on {due} (first due on {first}).",
}


def _draft(item: ActionItem, occasion: str) -> str:
    done = item.done_at.strftime("%d %B %Y") if item.done_at else ""
    return STATEMENT_DRAFTS[StatementOccasion(occasion)].format(
        owner=item.owner.name,
        title=item.title,
        done=done,
        seq=item.decision_id,
        reason=item.status_reason,
        due=item.due_date.strftime("%d %B %Y"),
        first=item.original_due_date.strftime("%d %B %Y"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """Secretariat: publish in the decision log what came of the action."""
    item = selectors.action_get(user=request.user, pk=pk)
    policy.require(request.user, "action_item.publish_statement", item)
    occasion = services.statement_occasion(item)
    initial = {"text": _draft(item, occasion)} if occasion else {}
    form = StatementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.action_statement_publish(
                actor=request.user, item=item, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, f"The statement is published as entry {statement.entry_id} of the log."
            )
            return redirect(f"{item.get_absolute_url()}#statements")
    return render(
        request,
        "governance/actions/statement_form.html",
        {
            "form": form,
            "item": item,
            "occasion": StatementOccasion(occasion).label if occasion else None,
        },
    )
