"""Pages: a member author's revised version. The author organisation's representative
submits it; the author organisation and the secretariat read what was submitted with its
redline; the secretariat publishes it or returns it with a reason. Thin: forms parse,
selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.proposals import selectors as proposal_selectors
from governance.versions import selectors, services
from governance.versions.forms import SubmissionReturnForm, VersionPublishForm

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.submit_version", proposal)
    current = selectors.latest_version(proposal=proposal)
    responses = selectors.pending_responses(proposal=proposal, current=current)
    form = VersionPublishForm(
        request.POST or None,
        responses=responses,
        member_tabled=False,
        initial={"title": proposal.title, "summary": proposal.summary, "text": proposal.text},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.version_submit(
                actor=request.user,
                proposal=proposal,
                title=data["title"],
                summary=data["summary"],
                text=data["text"],
                note=data["note"],
                changes=form.changes(),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, "Your revised version is submitted: the secretariat publishes it."
            )
            return redirect(submission)
    return render(
        request,
        "governance/versions/version_submit.html",
        {"proposal": proposal, "form": form, "current": current},
    )


@login_required
@require_GET
def submission_list(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    page = Paginator(
        selectors.submission_list(user=request.user, proposal=proposal), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/versions/submission_list.html",
        {"proposal": proposal, "page": page},
    )


@login_required
@require_GET
def submission_detail(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    submission = selectors.submission_get(user=request.user, proposal=proposal, pk=sid)
    policy.record_access(request.user, submission)
    return render(
        request,
        "governance/versions/submission_detail.html",
        {
            "proposal": proposal,
            "submission": submission,
            "comparison": selectors.submission_compare(submission=submission),
            "may_decide": submission.is_pending
            and policy.may(request.user, "version_submission.decide", submission),
        },
    )


@login_required
@require_POST
def submission_publish(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    submission = selectors.submission_get(user=request.user, proposal=proposal, pk=sid)
    policy.require(request.user, "version_submission.decide", submission)
    try:
        version = services.version_submission_publish(actor=request.user, submission=submission)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(submission)
    messages.success(request, f"Version {version.number} is published.")
    url = reverse("governance:version-compare", kwargs={"pk": proposal.pk})
    return redirect(f"{url}?old={version.number - 1}&new={version.number}")


@login_required
@require_http_methods(["GET", "POST"])
def submission_return(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    submission = selectors.submission_get(user=request.user, proposal=proposal, pk=sid)
    policy.require(request.user, "version_submission.decide", submission)
    form = SubmissionReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_submission_return(
                actor=request.user, submission=submission, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The revision is returned to its author.")
            return redirect(submission)
    return render(
        request,
        "governance/versions/submission_return.html",
        {"proposal": proposal, "submission": submission, "form": form},
    )
