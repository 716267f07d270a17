"""Pages: a proposal's ballot, and the secretariat setting it up, exempting, closing it,
recording endorsements and publishing the decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.forms import (
    BallotSettingsForm,
    CloseForm,
    EndorsementForm,
    ExemptionForm,
)
from governance.ballots.models import Ballot, Decision
from governance.ballots.services import default_method
from governance.proposals import selectors
from governance.proposals.models import BEFORE_BALLOT, Proposal
from members.models import Organisation


def _representative(request: HttpRequest, action: str, obj: object) -> Organisation:
    """The organisation the signed-in representative acts for, once the policy lets them do
    ``action`` (vote, declare a conflict, file a dissent) to ``obj``."""
    policy.require(request.user, action, obj)
    own = policy.represented_organisation_id(request.user)
    assert own is not None  # noqa: S101 (the policy admits representatives only)
    return Organisation.objects.get(pk=own)


def _opened(ballot: Ballot | None) -> Ballot:
    if ballot is None or ballot.opened_at is None:
        raise Http404("This proposal has no ballot yet.")
    return ballot


def _decided(decision: Decision | None) -> Decision:
    if decision is None:
        raise Http404("This proposal has no decision yet.")
    return decision


def proposal_ballot_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """What the proposal page (and its printable view) shows of the ballot and the decision,
    for this reader: the ballot's rules and times, the conflict declarations, the reader's
    organisation's place in it (a representative), the secretariat's view of who has declared
    and voted (never how), and after the count the decision record with its statements and
    endorsements. Which controls to show, the template asks the policy (``{% may %}``)."""
    user = request.user
    setup_open = proposal.status in BEFORE_BALLOT and policy.may(user, "ballot.configure", proposal)
    if proposal.status in BEFORE_BALLOT and not setup_open:
        return {"ballot": None, "ballot_setup_open": False}  # no ballot has opened yet
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    context: dict[str, Any] = {"ballot": ballot, "ballot_setup_open": setup_open}
    if ballot is None or ballot.opened_at is None:
        return context
    context["declarations"] = list(ballot_selectors.declaration_list(ballot=ballot))
    if ballot.is_open:
        # Who votes, and if not this reader, why and who votes for their organisation.
        position = ballot_selectors.voting_position(user=user, ballot=ballot)
        context["position"] = position
        if position.votes_here:
            context["voter"] = position.status
        if policy.may(user, "ballot.follow_turnout", ballot):
            context["turnout"] = ballot_selectors.ballot_turnout(ballot=ballot)
        return context
    decision = ballot_selectors.decision_of(proposal=proposal)
    if decision is None:
        return context
    view = ballot_selectors.decision_view(decision=decision)
    context["decision_view"] = view
    context["roll_call"] = ballot_selectors.roll_call_rows(view.record)
    context["conflicts"] = ballot_selectors.conflict_summary(view.record)
    context["dissent_open"] = ballot_selectors.dissent_open_to(
        decision=decision,
        organisation_id=policy.represented_organisation_id(user),
        now=timezone.now(),
    )
    context["dissent_deadline"] = ballot_selectors.dissent_deadline(decision)
    return context


# --- the secretariat: set up, exempt, close, record endorsements, publish -----------------------


@login_required
@require_http_methods(["GET", "POST"])
def ballot_settings(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "ballot.configure", proposal)
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    initial: dict[str, Any] = {"method": default_method(proposal)}
    if ballot is not None:
        initial = {
            "method": ballot.method,
            "quorum": f"{ballot.quorum_numerator}/{ballot.quorum_denominator}",
            "threshold": f"{ballot.threshold_numerator}/{ballot.threshold_denominator}",
            "concurrent_majority": ballot.concurrent_majority,
            "secret": ballot.secret,
            "closes_at": ballot.closes_at,
            "effective_date": ballot.effective_date,
        }
    form = BallotSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ballot_configure(
                actor=request.user,
                proposal=proposal,
                method=data["method"],
                quorum=data["quorum"],
                threshold=data["threshold"],
                concurrent_majority=data["concurrent_majority"],
                secret=data["secret"],
                closes_at=data["closes_at"],
                effective_date=data["effective_date"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The ballot's settings are saved.")
            return redirect(f"{proposal.get_absolute_url()}#ballot")
    return render(
        request,
        "governance/ballots/settings.html",
        {"proposal": proposal, "ballot": ballot, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_exemption(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    policy.require(request.user, "recusal.exempt", ballot)
    ballot = _opened(ballot)
    conflicted = ballot_selectors.recused_organisations(ballot=ballot)
    form = ExemptionForm(request.POST or None, organisations=conflicted)
    if request.method == "POST" and form.is_valid():
        try:
            services.recusal_exempt(
                actor=request.user,
                ballot=ballot,
                organisation=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The exemption is recorded: the organisation may vote.")
            return redirect(f"{proposal.get_absolute_url()}#ballot")
    return render(
        request,
        "governance/ballots/exemption.html",
        {"proposal": proposal, "ballot": ballot, "form": form, "conflicted": conflicted},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_close(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    policy.require(request.user, "ballot.close", ballot)
    ballot = _opened(ballot)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_close(
                actor=request.user, ballot=ballot, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The ballot is closed and its decision recorded.")
            return redirect(f"{proposal.get_absolute_url()}#decision")
    return render(
        request,
        "governance/ballots/close.html",
        {"proposal": proposal, "ballot": ballot, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_endorsement(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    decision = ballot_selectors.decision_of(proposal=proposal)
    policy.require(request.user, "endorsement.record", decision)
    decision = _decided(decision)
    form = EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.endorsement_record(
                actor=request.user,
                decision=decision,
                organisation=data["organisation"],
                endorser_name=data["endorser_name"],
                endorser_kind=data["endorser_kind"],
                country=data["country"],
                statement=data["statement"],
                evidence_url=data["evidence_url"],
                evidence_note=data["evidence_note"],
                endorsed_on=data["endorsed_on"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The endorsement is recorded.")
            return redirect(f"{proposal.get_absolute_url()}#endorsements")
    return render(
        request,
        "governance/ballots/endorsement.html",
        {"proposal": proposal, "decision": decision, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_publish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    decision = ballot_selectors.decision_of(proposal=proposal)
    policy.require(request.user, "decision.publish", decision)
    decision = _decided(decision)
    error = None
    if request.method == "POST":
        try:
            services.decision_publish(actor=request.user, decision=decision)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, "The decision is public and in the decision log.")
            return redirect(f"{proposal.get_absolute_url()}#decision")
    return render(
        request,
        "governance/ballots/publish.html",
        {"proposal": proposal, "decision": decision, "error": error},
    )


def ballot_dashboard_context(request: HttpRequest) -> dict[str, Any]:
    """What the governance dashboard shows of ballots and decisions for this reader."""
    return {"ballots": ballot_selectors.ballot_dashboard(user=request.user)}
