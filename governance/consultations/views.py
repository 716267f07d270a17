"""Pages: consultations — posting comments, moderation and responses. Thin: forms parse,
selectors read, services write, the access policy decides what each reader sees."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from alliance_portal.markdown import render_markdown
from governance.consultations import selectors as consultation_selectors
from governance.consultations import services
from governance.consultations.forms import CommentForm, ModerationForm, ResponseForm
from governance.consultations.models import Comment, CommentStatus
from governance.paragraphs import split_paragraphs
from governance.proposals import selectors as proposal_selectors
from governance.proposals.models import Proposal
from governance.rules import comment_is_closed, initial_comment_status


@login_required
@require_http_methods(["GET", "POST"])
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "comment.post", proposal)
    paragraphs = split_paragraphs(proposal.text)
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    if parent_id and str(parent_id).isdigit():
        parent = (
            consultation_selectors.comment_list(user=request.user, proposal=proposal)
            .filter(pk=int(parent_id))
            .first()
        )
    initial = {"paragraph": request.GET.get("paragraph"), "parent": parent.pk if parent else None}
    form = CommentForm(request.POST or None, initial=initial, paragraphs=paragraphs)
    closed = comment_is_closed(proposal)
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        if form.is_valid():
            preview = render_markdown(form.cleaned_data["text"])
    elif request.method == "POST" and form.is_valid() and not closed:
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
            else:
                messages.success(
                    request,
                    format_html(
                        'Your comment is published: <a href="#comment-{}">read it among the '
                        "comments</a>.",
                        comment.pk,
                    ),
                )
            # The reader lands on base.html's messages box (static/js/menu.js focuses it).
            return redirect(f"{proposal.get_absolute_url()}#messages")
    return render(
        request,
        "governance/comment_form.html",
        {
            "proposal": proposal,
            "form": form,
            "parent": parent,
            "closed": closed,
            "paragraphs": paragraphs,
            "preview": preview,
            "voice": consultation_selectors.comment_voice(user=request.user),
            "held_for_moderation": initial_comment_status(request.user) == CommentStatus.HELD,
        },
    )


def _moderation_page(
    request: HttpRequest, proposal: Proposal, bound: tuple[Comment, ModerationForm] | None = None
) -> HttpResponse:
    forms = []
    for comment in consultation_selectors.held_comment_list(proposal=proposal):
        if bound is not None and bound[0].pk == comment.pk:
            forms.append(bound)
        else:
            forms.append((comment, ModerationForm(auto_id=f"id_c{comment.pk}_%s")))
    if bound is not None and all(comment.pk != bound[0].pk for comment, _ in forms):
        forms.append(bound)  # revisiting a decision taken already
    policy.record_reads(request.user, [comment for comment, _ in forms])
    return render(request, "governance/moderation.html", {"proposal": proposal, "forms": forms})


@login_required
@require_GET
def comment_moderation(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "comment.moderate")
    return _moderation_page(request, proposal)


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "comment.moderate")
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
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "comment.respond")
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
