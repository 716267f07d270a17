"""Pages of the governance app. Thin: forms parse, selectors read, services write, the access
policy decides what each reader sees."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance import selectors, services
from governance.forms import (
    CommentForm,
    ImpactAssessmentForms,
    ModerationForm,
    ProposalFilterForm,
    ResponseForm,
    TransitionForm,
)
from governance.models import (
    RESULT_STATUSES,
    TRANSITIONS,
    Comment,
    CommentStatus,
    Proposal,
    ProposalStatus,
)
from governance.paragraphs import split_paragraphs
from governance.rules import comment_is_closed, comment_refusal, initial_comment_status
from governance.selectors.ballots import ballots_needing
from governance.views_ballots import ballot_dashboard_context, proposal_ballot_context

PAGE_SIZE = 25


def _require_secretariat(request: HttpRequest) -> None:
    if not policy.principal(request.user).is_staff_role:
        raise PermissionDenied("This page is the secretariat's.")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/dashboard.html",
        {
            "dashboard": selectors.dashboard(user=request.user),
            **ballot_dashboard_context(request),
        },
    )


@require_GET
def objective_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/objective_list.html",
        {
            "objectives": selectors.objective_list(),
            "issues": selectors.issue_register(),
        },
    )


@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/body_list.html", {"bodies": selectors.body_list()})


@require_GET
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = selectors.body_get(slug=slug)
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "composition": selectors.body_composition(user=request.user, body=body),
            "proposals": selectors.proposal_list(user=request.user, body=body.slug)[:20],
        },
    )


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    body, objective = filters.get("body"), filters.get("objective")
    proposals = selectors.proposal_list(
        user=request.user,
        body=body.slug if body else None,
        status=filters.get("status") or None,
        objective=objective.slug if objective else None,
        country=filters.get("country") or None,
        material=filters.get("material") or None,
        search=filters.get("q") or None,
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/proposal_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _proposal_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """Everything the proposal page and its printable view show: its whole story."""
    comments = list(selectors.comment_list(user=request.user, proposal=proposal))
    names = selectors.comment_author_names(user=request.user, comments=comments)
    for comment in comments:
        comment.author_name = names.get(comment.pk, "")  # type: ignore[attr-defined]
    paragraphs = split_paragraphs(proposal.text)
    on_paragraph: dict[int, int] = {}
    for comment in comments:
        if comment.paragraph:
            on_paragraph[comment.paragraph] = on_paragraph.get(comment.paragraph, 0) + 1
    who = policy.principal(request.user)
    is_staff = who.is_staff_role
    refusal = comment_refusal(request.user, proposal) if who.is_authenticated else None
    may_comment = who.is_authenticated and refusal is None and not comment_is_closed(proposal)
    awaiting = 0
    if who.is_authenticated and not is_staff:
        awaiting = Comment.objects.filter(
            proposal=proposal, author_id=request.user.pk, status=CommentStatus.HELD
        ).count()
    return {
        "proposal": proposal,
        "paragraphs": [(p, on_paragraph.get(p.number, 0)) for p in paragraphs],
        "threads": selectors.comment_threads(comments),
        "comment_count": len(comments),
        "participation": selectors.consultation_participation(proposal=proposal),
        "story": selectors.proposal_story(proposal=proposal),
        "responses": selectors.response_table(proposal=proposal),
        "assessment": selectors.impact_assessment_of(proposal=proposal),
        "blockers": selectors.ballot_blockers(proposal=proposal)
        if is_staff and proposal.status == ProposalStatus.DELIBERATION
        else [],
        "is_staff": is_staff,
        "may_comment": may_comment,
        "comment_refusal": refusal,
        "awaiting_moderation": awaiting,
        "comment_form": CommentForm(paragraphs=paragraphs) if may_comment else None,
        **proposal_ballot_context(request, proposal),
    }


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    return render(request, "governance/proposal_detail.html", _proposal_context(request, proposal))


@require_GET
def proposal_print(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    return render(request, "governance/proposal_print.html", _proposal_context(request, proposal))


@login_required
@require_http_methods(["GET", "POST"])
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    refusal = comment_refusal(request.user, proposal)
    if refusal:
        raise PermissionDenied(refusal)
    paragraphs = split_paragraphs(proposal.text)
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    if parent_id and str(parent_id).isdigit():
        parent = (
            selectors.comment_list(user=request.user, proposal=proposal)
            .filter(pk=int(parent_id))
            .first()
        )
    initial = {"paragraph": request.GET.get("paragraph"), "parent": parent.pk if parent else None}
    form = CommentForm(request.POST or None, initial=initial, paragraphs=paragraphs)
    closed = comment_is_closed(proposal)
    if request.method == "POST" and form.is_valid() and not closed:
        try:
            comment = services.comment_post(
                actor=request.user,
                proposal=proposal,
                text=form.cleaned_data["text"],
                paragraph=form.cleaned_data["paragraph"],
                parent=parent,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            if comment.status == CommentStatus.HELD:
                messages.success(
                    request,
                    "Thank you: your comment is received. It will be shown once the "
                    "secretariat has approved it.",
                )
                return redirect(proposal)
            messages.success(request, "Your comment is published.")
            return redirect(f"{proposal.get_absolute_url()}#comment-{comment.pk}")
    return render(
        request,
        "governance/comment_form.html",
        {
            "proposal": proposal,
            "form": form,
            "parent": parent,
            "closed": closed,
            "paragraphs": paragraphs,
            "held_for_moderation": initial_comment_status(request.user) == CommentStatus.HELD,
        },
    )


def _moderation_page(
    request: HttpRequest, proposal: Proposal, bound: tuple[Comment, ModerationForm] | None = None
) -> HttpResponse:
    forms = []
    for comment in selectors.held_comment_list(proposal=proposal):
        if bound is not None and bound[0].pk == comment.pk:
            forms.append(bound)
        else:
            forms.append((comment, ModerationForm(auto_id=f"id_c{comment.pk}_%s")))
    if bound is not None and all(comment.pk != bound[0].pk for comment, _ in forms):
        forms.append(bound)  # revisiting a decision taken already
    return render(request, "governance/moderation.html", {"proposal": proposal, "forms": forms})


@login_required
@require_GET
def comment_moderation(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    _require_secretariat(request)
    return _moderation_page(request, proposal)


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    _require_secretariat(request)
    comment = get_object_or_404(
        Comment.objects.select_related("author"), pk=comment_pk, proposal=proposal
    )
    form = ModerationForm(request.POST, auto_id=f"id_c{comment.pk}_%s")
    if form.is_valid():
        try:
            services.comment_moderate(
                actor=request.user,
                comment=comment,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Comment #{comment.pk}: decision recorded.")
            return redirect("governance:comment-moderation", pk=proposal.pk)
    return _moderation_page(request, proposal, bound=(comment, form))


@login_required
@require_http_methods(["GET", "POST"])
def comment_response(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    _require_secretariat(request)
    comment = get_object_or_404(
        Comment.objects.select_related("organisation__chamber", "response"),
        pk=comment_pk,
        proposal=proposal,
    )
    existing = getattr(comment, "response", None)
    initial = {"outcome": existing.outcome, "reason": existing.reason} if existing else None
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_respond(
                actor=request.user,
                comment=comment,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"The response to comment #{comment.pk} is recorded.")
            return redirect(f"{proposal.get_absolute_url()}#responses")
    return render(
        request,
        "governance/response_form.html",
        {"proposal": proposal, "comment": comment, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def impact_assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    _require_secretariat(request)
    assessment = selectors.impact_assessment_of(proposal=proposal)
    forms = ImpactAssessmentForms(request.POST or None, assessment=assessment)
    if request.method == "POST" and forms.is_valid():
        options, costs = forms.inputs()
        try:
            services.impact_assessment_save(
                actor=request.user,
                proposal=proposal,
                rationale=forms.main.cleaned_data["rationale"],
                trade_offs=forms.main.cleaned_data["trade_offs"],
                options=options,
                costs=costs,
            )
        except ValidationError as error:
            apply_service_error(forms.main, error)
        else:
            messages.success(request, "The impact assessment is saved.")
            return redirect(f"{proposal.get_absolute_url()}#impact")
    return render(
        request,
        "governance/impact_assessment_form.html",
        {"proposal": proposal, "forms": forms},
    )


def _transition_choices(proposal: Proposal) -> list[tuple[str, str]]:
    allowed = TRANSITIONS[proposal.status] - RESULT_STATUSES
    return [(status.value, status.label) for status in ProposalStatus if status.value in allowed]


@login_required
@require_http_methods(["GET", "POST"])
def proposal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    _require_secretariat(request)
    form = TransitionForm(request.POST or None, choices=_transition_choices(proposal))
    to_status = request.POST.get("to_status", "")
    if request.method == "POST" and not to_status:
        form.is_valid()  # "This field is required."
    elif request.method == "POST":
        # A status no longer on offer (the proposal moved on) still reaches the service,
        # which says why it is refused.
        reason = request.POST.get("reason", "")
        try:
            services.proposal_transition(
                actor=request.user, proposal=proposal, to_status=to_status, reason=reason
            )
        except ValidationError as error:
            form.is_valid()
            form.errors.pop("to_status", None)
            apply_service_error(form, error)
        else:
            messages.success(
                request, f"The proposal is now {ProposalStatus(proposal.status).label.lower()}."
            )
            return redirect(proposal)
    return render(
        request,
        "governance/transition_form.html",
        {
            "proposal": proposal,
            "form": form,
            "blockers": selectors.ballot_blockers(proposal=proposal)
            if ProposalStatus.VOTING in TRANSITIONS[proposal.status]
            else [],
        },
    )


@login_required
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/my_actions.html",
        {
            "actions": selectors.actions_for(user=request.user),
            "ballots_to_vote": ballots_needing(user=request.user),
        },
    )
