"""Pages: a proposal's versions, one version with its hash, the redline between two, and
the secretariat's forms to publish a revised version, name what an accepted response changed
and open a further consultation round. Thin: forms parse, selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.consultations.models import CommentResponse
from governance.paragraphs import split_paragraphs
from governance.proposals import selectors as proposal_selectors
from governance.proposals.models import ProposalStatus
from governance.versions import selectors, services
from governance.versions.forms import (
    CompareForm,
    ReopenForm,
    ResponseChangesForm,
    VersionPublishForm,
)

PAGE_SIZE = 25


@require_GET
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    page = Paginator(selectors.version_list(proposal=proposal), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    checks = selectors.response_checks_by_version(proposal=proposal)
    rows = [(version, checks.get(version.number, [])) for version in page]
    numbers = list(proposal.versions.order_by("number").values_list("number", flat=True))
    return render(
        request,
        "governance/versions/version_list.html",
        {
            "proposal": proposal,
            "page": page,
            "rows": rows,
            "compare_form": CompareForm(
                initial={"old": numbers[-2], "new": numbers[-1]}, numbers=numbers
            )
            if len(numbers) > 1
            else None,
            "may_publish": proposal.status == ProposalStatus.DELIBERATION
            and policy.may(request.user, "proposal.publish_version", proposal),
            "may_submit": proposal.status == ProposalStatus.DELIBERATION
            and policy.may(request.user, "proposal.submit_version", proposal),
            "submissions_count": selectors.submission_list(
                user=request.user, proposal=proposal
            ).count()
            if proposal.proposed_by_id and request.user.is_authenticated
            else 0,
            "may_reopen": proposal.status == ProposalStatus.DELIBERATION
            and len(numbers) > 1
            and policy.may(request.user, "proposal.advance", proposal),
            "may_link": proposal.status
            in (ProposalStatus.CONSULTATION, ProposalStatus.DELIBERATION)
            and policy.may(request.user, "comment.respond"),
        },
    )


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    version = selectors.version_get(proposal=proposal, number=number)
    latest = selectors.latest_version(proposal=proposal)
    return render(
        request,
        "governance/versions/version_detail.html",
        {
            "proposal": proposal,
            "version": version,
            "latest": latest,
            "paragraphs": [(p, 0) for p in split_paragraphs(version.text)],
            "printable": True,
        },
    )


@require_GET
def version_text(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The exact text the version's sha256 is computed over (UTF-8, LF line ends)."""
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    version = selectors.version_get(proposal=proposal, number=number)
    response = HttpResponse(version.text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="proposal-{proposal.pk}-version-{version.number}.md"'
    )
    return response


@require_GET
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    numbers = list(proposal.versions.order_by("number").values_list("number", flat=True))
    if not numbers:
        raise Http404("The proposal has no versions yet.")
    default = {"old": numbers[-2] if len(numbers) > 1 else numbers[-1], "new": numbers[-1]}
    asked = "old" in request.GET or "new" in request.GET
    form = CompareForm(request.GET if asked else None, numbers=numbers, initial=default)
    chosen = form.cleaned_data if asked and form.is_valid() else default
    old = selectors.version_get(proposal=proposal, number=chosen["old"])
    new = selectors.version_get(proposal=proposal, number=chosen["new"])
    return render(
        request,
        "governance/versions/version_compare.html",
        {
            "proposal": proposal,
            "form": form,
            "comparison": selectors.version_compare(old=old, new=new),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.publish_version", proposal)
    current = selectors.latest_version(proposal=proposal)
    responses = selectors.pending_responses(proposal=proposal, current=current)
    form = VersionPublishForm(
        request.POST or None,
        responses=responses,
        member_tabled=proposal.proposed_by_id is not None,
        initial={"title": proposal.title, "summary": proposal.summary, "text": proposal.text},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.version_publish(
                actor=request.user,
                proposal=proposal,
                title=data["title"],
                summary=data["summary"],
                text=data["text"],
                note=data["note"],
                author_agreed=bool(data.get("author_agreed")),
                changes=form.changes(),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Version {version.number} is published.")
            url = reverse("governance:version-compare", kwargs={"pk": proposal.pk})
            return redirect(f"{url}?old={version.number - 1}&new={version.number}")
    return render(
        request,
        "governance/versions/version_publish.html",
        {"proposal": proposal, "form": form, "current": current},
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_changes(request: HttpRequest, pk: int, number: int, comment: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    version = selectors.version_get(proposal=proposal, number=number)
    answer = get_object_or_404(
        CommentResponse.objects.select_related("comment"),
        comment_id=comment,
        comment__proposal=proposal,
    )
    policy.require(request.user, "comment.respond", answer.comment)
    named = list(
        answer.changes.filter(version=version)
        .order_by("paragraph")
        .values_list("paragraph", flat=True)
    )
    form = ResponseChangesForm(
        request.POST or None, initial={"paragraphs": ", ".join(str(n) for n in named)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_changes_set(
                actor=request.user,
                response=answer,
                version=version,
                paragraphs=form.cleaned_data["paragraphs"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "What the response changed is saved.")
            return redirect("governance:version-list", pk=proposal.pk)
    return render(
        request,
        "governance/versions/response_changes.html",
        {"proposal": proposal, "version": version, "answer": answer, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.advance", proposal)
    current = selectors.latest_version(proposal=proposal)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_reopen(
                actor=request.user, proposal=proposal, closes_at=form.cleaned_data["closes_at"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The consultation is open again, on the revised text.")
            return redirect(proposal)
    return render(
        request,
        "governance/versions/consultation_reopen.html",
        {"proposal": proposal, "form": form, "current": current},
    )
