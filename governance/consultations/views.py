"""Pages: consultations — posting comments, moderation and responses. Thin: forms parse,
selectors read, services write, the access policy decides what each reader sees."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from alliance_portal.markdown import render_markdown
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage, content_language
from governance.consultations import selectors as consultation_selectors
from governance.consultations import services
from governance.consultations.forms import (
    CommentForm,
    ModerationForm,
    ReceivedInputForm,
    ResponseForm,
    TranslationForm,
)
from governance.consultations.models import Comment, CommentStatus, ProposalTranslation
from governance.paragraphs import split_paragraphs
from governance.proposals import selectors as proposal_selectors
from governance.proposals.models import Proposal
from governance.reviews import selectors as review_selectors
from governance.rules import comment_is_closed, initial_comment_status
from members.models import Organisation


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
    initial = {
        "paragraph": request.GET.get("paragraph"),
        "parent": parent.pk if parent else None,
        # The language the reader reads the proposal in, unless they choose another.
        "language": content_language(request.GET.get("lang")),
    }
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
                language=form.cleaned_data["language"],
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
        Comment.objects.select_related("organisation__chamber", "group__chamber", "response"),
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
def received_input_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat records input received outside the portal (at a meeting, by phone,
    letter, radio, email or through an interpreter) on someone's behalf."""
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "comment.record_received", proposal)
    paragraphs = split_paragraphs(proposal.text)
    form = ReceivedInputForm(request.POST or None, paragraphs=paragraphs)
    closed = comment_is_closed(proposal)
    if request.method == "POST" and form.is_valid() and not closed:
        data = form.cleaned_data
        organisation = None
        if data["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        received_at = None
        if data["received_on"] is not None:
            received_at = timezone.make_aware(datetime.combine(data["received_on"], time(12)))
        try:
            comment = services.comment_record_received(
                actor=request.user,
                proposal=proposal,
                text=data["text"],
                author_kind=data["author_kind"],
                organisation=organisation,
                group_name=data["group_name"],
                group_chamber=data["group_chamber"],
                channel=data["channel"],
                language=data["language"],
                paragraph=data["paragraph"],
                received_at=received_at,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                format_html(
                    '{}: <a href="#comment-{}">read it among the comments</a>.',
                    comment.received_as,
                    comment.pk,
                ),
            )
            return redirect(f"{proposal.get_absolute_url()}#posted")
    return render(
        request,
        "governance/received_input_form.html",
        {"proposal": proposal, "form": form, "closed": closed, "paragraphs": paragraphs},
    )


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The secretariat adds or replaces the proposal's translation into one language."""
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.translate", proposal)
    if language == SOURCE_LANGUAGE or language not in ContentLanguage.values:
        raise Http404("The alliance has no such language to translate into.")
    existing = ProposalTranslation.objects.filter(proposal=proposal, language=language).first()
    initial = (
        {"title": existing.title, "summary": existing.summary, "text": existing.text}
        if existing
        else None
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_translation_save(
                actor=request.user, proposal=proposal, language=language, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            name = ContentLanguage(language).label
            messages.success(request, f"The translation into {name} is saved.")
            return redirect(f"{proposal.get_absolute_url()}?lang={language}#text")
    return render(
        request,
        "governance/translation_form.html",
        {
            "proposal": proposal,
            "form": form,
            "language": language,
            "language_name": ContentLanguage(language).label,
            "existing": existing,
            "paragraphs": split_paragraphs(proposal.text),
            "other_languages": [
                (code, name)
                for code, name in ContentLanguage.choices
                if code not in (SOURCE_LANGUAGE, language)
            ],
        },
    )


def proposal_input_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """What the proposal page shows of multilingual consultations, input received outside
    the portal and the planned review: the language the reader reads in (``?lang=``) and the
    staff's links."""
    return {
        "reading": consultation_selectors.proposal_reading(
            proposal=proposal, language=request.GET.get("lang")
        ),
        "may_translate": policy.may(request.user, "proposal.translate", proposal),
        "may_record_input": policy.may(request.user, "comment.record_received", proposal),
        "may_set_review": policy.may(request.user, "decision_review.set", proposal),
        "planned_review": review_selectors.proposal_review(proposal=proposal),
    }
