"""Pages: proposals, their impact assessment and lifecycle transitions. Thin: forms parse,
selectors read, services write, the access policy decides what each reader sees."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.api.throttles import throttled
from alliance_portal.forms import apply_service_error
from governance.ballots.views import proposal_ballot_context
from governance.consultations import selectors as consultation_selectors
from governance.consultations.forms import CommentForm
from governance.consultations.models import Comment, CommentStatus
from governance.consultations.views import proposal_input_context
from governance.effects import selectors as effect_selectors
from governance.paragraphs import split_paragraphs
from governance.proposals import selectors as proposal_selectors
from governance.proposals import services
from governance.proposals.forms import ImpactAssessmentForms, ProposalFilterForm, TransitionForm
from governance.proposals.models import (
    RESULT_STATUSES,
    TABLING_STEPS,
    TRANSITIONS,
    Proposal,
    ProposalStatus,
)
from governance.proposals.views_tabling import tabling_context
from governance.rules import comment_is_closed

PAGE_SIZE = 25


@require_GET
@throttled("search", methods=("GET",), only_with=("q",))
def proposal_list(request: HttpRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    body, objective = filters.get("body"), filters.get("objective")
    proposals = proposal_selectors.proposal_list(
        user=request.user,
        body=body.slug if body else None,
        status=filters.get("status") or None,
        objective=objective.slug if objective else None,
        country=filters.get("country") or None,
        material=filters.get("material") or None,
        search=filters.get("q") or None,
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    proposal_selectors.with_sponsors(page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/proposal_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_draft": policy.may(request.user, "proposal.draft"),
        },
    )


def _proposal_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """Everything the proposal page and its printable view show: its whole story."""
    comments = list(consultation_selectors.comment_list(user=request.user, proposal=proposal))
    policy.record_reads(request.user, comments)  # held and rejected ones, for the secretariat
    names = consultation_selectors.comment_author_names(user=request.user, comments=comments)
    for comment in comments:
        comment.author_name = names.get(comment.pk, "")  # type: ignore[attr-defined]
    paragraphs = split_paragraphs(proposal.text)
    on_paragraph: dict[int, int] = {}
    for comment in comments:
        if comment.paragraph:
            on_paragraph[comment.paragraph] = on_paragraph.get(comment.paragraph, 0) + 1
    input_context = proposal_input_context(request, proposal)
    signed_in = request.user.is_authenticated
    refusal = policy.refusal(request.user, "comment.post", proposal) if signed_in else None
    may_comment = signed_in and refusal is None and not comment_is_closed(proposal)
    may_advance = policy.may(request.user, "proposal.advance", proposal)
    may_moderate = policy.may(request.user, "comment.moderate")
    awaiting = 0
    if signed_in and not may_moderate:
        awaiting = Comment.objects.filter(
            proposal=proposal, author_id=request.user.pk, status=CommentStatus.HELD
        ).count()
    return {
        "proposal": proposal,
        "paragraphs": [(p, on_paragraph.get(p.number, 0)) for p in paragraphs],
        "threads": consultation_selectors.comment_threads(comments),
        "comment_count": len(comments),
        "participation": consultation_selectors.consultation_participation(proposal=proposal),
        "story": proposal_selectors.proposal_story(proposal=proposal),
        "responses": consultation_selectors.response_rows(comments),
        "assessment": proposal_selectors.impact_assessment_of(proposal=proposal),
        "effect": effect_selectors.effect_of(proposal=proposal),
        "may_set_effect": proposal.is_before_ballot
        and policy.may(request.user, "proposal.set_effect", proposal),
        "blockers": proposal_selectors.ballot_blockers(proposal=proposal)
        if may_advance and proposal.status == ProposalStatus.DELIBERATION
        else [],
        "may_advance": may_advance,
        "may_assess": policy.may(request.user, "impact_assessment.save", proposal),
        "may_moderate": may_moderate,
        "may_respond": policy.may(request.user, "comment.respond"),
        "may_comment": may_comment,
        "comment_refusal": refusal,
        "awaiting_moderation": awaiting,
        "comment_form": CommentForm(
            paragraphs=paragraphs, initial={"language": input_context["reading"].language}
        )
        if may_comment
        else None,
        "comment_voice": consultation_selectors.comment_voice(user=request.user)
        if may_comment
        else "",
        **proposal_ballot_context(request, proposal),
        **tabling_context(request, proposal),
        **input_context,
    }


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    return render(request, "governance/proposal_detail.html", _proposal_context(request, proposal))


@require_GET
def proposal_print(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    return render(request, "governance/proposal_print.html", _proposal_context(request, proposal))


@login_required
@require_http_methods(["GET", "POST"])
def impact_assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "impact_assessment.save", proposal)
    assessment = proposal_selectors.impact_assessment_of(proposal=proposal)
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
    """The steps offered on the "change the status" page: not results (the ballot's), not the
    steps of a member's proposal that have their own pages (tabling, admission, decline,
    revision), and no consultation for a member's draft that is not admitted."""
    allowed = {
        status
        for status in TRANSITIONS[proposal.status] - RESULT_STATUSES
        if (proposal.status, status) not in TABLING_STEPS
    }
    if proposal.is_member_drafted and proposal.status == ProposalStatus.DRAFT:
        allowed.discard(ProposalStatus.CONSULTATION)
    if proposal.status == ProposalStatus.DELIBERATION:
        # A further round opens with its own closing time, from the versions page.
        allowed.discard(ProposalStatus.CONSULTATION)
    return [(status.value, status.label) for status in ProposalStatus if status.value in allowed]


@login_required
@require_http_methods(["GET", "POST"])
def proposal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.advance", proposal)
    form = TransitionForm(request.POST or None, choices=_transition_choices(proposal))
    to_status = request.POST.get("to_status", "")
    if request.method == "POST" and not to_status:
        form.is_valid()  # "This field is required."
    elif request.method == "POST" and "reason" in form.errors:
        form.errors.pop("to_status", None)  # a reason over its length: say so, change nothing
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
            "blockers": proposal_selectors.ballot_blockers(proposal=proposal)
            if ProposalStatus.VOTING in TRANSITIONS[proposal.status]
            else [],
        },
    )
