"""Pages of member-tabled proposals: drafting and editing a draft, co-sponsoring, asking for
co-sponsors, tabling, and the secretariat's admission and decline. Thin: forms parse, services
decide, the policy says who may."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.proposals import selectors, services
from governance.proposals.forms import (
    AdmitForm,
    DeclineForm,
    ProposalDraftForm,
    SponsorRequestForm,
    WithdrawOwnForm,
)
from governance.proposals.models import Proposal


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"governance/{template}", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_draft(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "proposal.draft")
    form = ProposalDraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_draft(actor=request.user, **form.values())
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                "Your draft is saved. Ask other member organisations to co-sponsor it, then "
                "table it.",
            )
            return redirect(proposal)
    organisation = policy.principal(request.user).organisation_name
    return _render(
        request,
        "proposal_draft_form.html",
        {"form": form, "proposal": None, "organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.edit_draft", proposal)
    form = ProposalDraftForm(request.POST or None, instance=Proposal.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            _, released = services.proposal_draft_update(
                actor=request.user, proposal=proposal, changes=form.values()
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            note = (
                f" The wording changed, so its {released} co-sponsorship"
                f"{'s were' if released != 1 else ' was'} released: ask again."
                if released
                else ""
            )
            messages.success(request, f"The draft is saved.{note}")
            return redirect(proposal)
    return _render(
        request,
        "proposal_draft_form.html",
        {
            "form": form,
            "proposal": proposal,
            "organisation": proposal.proposed_by.name if proposal.proposed_by else "",
        },
    )


def _step(request: HttpRequest, pk: int, service: Any, done: str) -> HttpResponse:
    """A one-button step on a proposal: the service decides; a refusal is shown on the page."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    try:
        service(actor=request.user, proposal=proposal)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(f"{proposal.get_absolute_url()}#tabling")


@login_required
@require_POST
def proposal_sponsor(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, services.proposal_sponsor, "Your organisation co-sponsors this proposal."
    )


@login_required
@require_POST
def proposal_sponsor_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.proposal_sponsor_withdraw,
        "Your organisation no longer co-sponsors this proposal.",
    )


@login_required
@require_POST
def proposal_table(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.proposal_table,
        "The proposal is tabled: the secretariat will admit it to consultation or decline it.",
    )


@login_required
@require_POST
def proposal_revise(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.proposal_revise,
        "The proposal is a draft again: revise it and table it again.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_sponsors_request(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.table", proposal)
    assert proposal.proposed_by is not None  # noqa: S101 (the policy passed: a member's draft)
    form = SponsorRequestForm(request.POST or None, author=proposal.proposed_by)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.proposal_sponsors_request(
                actor=request.user,
                proposal=proposal,
                organisations=list(form.cleaned_data["organisations"]),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                f"Asked: {sent} email{'s' if sent != 1 else ''} to representatives queued.",
            )
            return redirect(f"{proposal.get_absolute_url()}#tabling")
    return _render(request, "proposal_sponsor_request.html", {"proposal": proposal, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_admit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.admit", proposal)
    form = AdmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            admitted = services.proposal_admit(
                actor=request.user, proposal=proposal, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                "The proposal is admitted: its consultation is open."
                if admitted.status == "consultation"
                else "The proposal is admitted: its consultation opens on "
                f"{admitted.consultation_opens_at:%d %B %Y, %H:%M} UTC.",
            )
            return redirect(proposal)
    return _render(
        request, "proposal_admission.html", {"proposal": proposal, "form": form, "admit": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.decline", proposal)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decline(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The proposal is declined; the reason is published.")
            return redirect(proposal)
    return _render(
        request, "proposal_admission.html", {"proposal": proposal, "form": form, "admit": False}
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw_own(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.withdraw_own", proposal)
    form = WithdrawOwnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_withdraw_own(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The proposal is withdrawn; its co-sponsors are told.")
            return redirect(proposal)
    return _render(request, "proposal_withdraw_own.html", {"proposal": proposal, "form": form})


def tabling_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """What the proposal page shows about a member's proposal: its co-sponsors by chamber,
    where it stands against the tabling rule, the published reason it was declined, and the
    buttons this person may use."""
    if not proposal.is_member_drafted:
        return {"tabling": None}
    user = request.user
    own = policy.principal(user).organisation_id
    sponsors = list(proposal.sponsors.all())
    decline = None
    if proposal.status in ("declined", "draft"):
        decline = (
            proposal.status_changes.filter(to_status="declined").order_by("-changed_at").first()
        )
    return {
        "tabling": {
            "count": selectors.tabling_count_of(proposal=proposal),
            "decline": decline,
            "own_sponsors": own is not None and any(s.organisation_id == own for s in sponsors),
            "may_edit": policy.may(user, "proposal.edit_draft", proposal),
            "may_table": policy.may(user, "proposal.table", proposal),
            "may_sponsor": policy.may(user, "proposal.sponsor", proposal),
            "may_admit": policy.may(user, "proposal.admit", proposal),
            "may_decline": policy.may(user, "proposal.decline", proposal),
            "may_withdraw": proposal.status in ("draft", "tabled", "declined")
            and policy.may(user, "proposal.withdraw_own", proposal),
        }
    }
