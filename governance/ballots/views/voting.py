"""Pages: a representative declares conflicts of interest, votes, and files statements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from alliance_portal.policy import SignInRequired
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.forms import (
    DeclarationForm,
    StatementForm,
    VoteForm,
)
from governance.ballots.models import Ballot, Decision, InterestDeclaration
from governance.ballots.views.ballots import _decided, _opened, _representative
from governance.proposals import selectors
from governance.proposals.models import Proposal
from members.models import Organisation

# --- representatives: declare and vote ----------------------------------------------------------


def _refused(
    request: HttpRequest,
    proposal: Proposal,
    ballot: Ballot | None,
    refused: PermissionDenied,
    heading: str,
) -> HttpResponse:
    """The vote or declaration page for someone who may not act on it: still a refusal
    (403), but saying why (the policy's reason) and who votes for their organisation."""
    if isinstance(refused, SignInRequired):
        raise refused
    if ballot is not None and ballot.opened_at is not None:
        position = ballot_selectors.voting_position(user=request.user, ballot=ballot)
    else:
        position = ballot_selectors.VotingPosition(refusal=str(refused))
    return render(
        request,
        "governance/ballots/refused.html",
        {
            "proposal": proposal,
            "ballot": ballot,
            "position": position,
            "refusal": str(refused),
            "heading": heading,
        },
        status=403,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1, the conflict declaration, comes first (its form is on this page until it is
    made); step 2, the vote, is shown disabled, saying why, until the organisation may vote."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    try:
        organisation = _representative(request, "ballot.vote", ballot)
    except PermissionDenied as refused:
        return _refused(request, proposal, ballot, refused, "You cannot vote in this ballot")
    ballot = _opened(ballot)
    voter = ballot_selectors.voter_status(ballot=ballot, organisation=organisation)
    initial = {}
    if voter.vote is not None:
        initial = {"choice": voter.vote.choice, "reason": voter.vote.reason}
    ready = ballot.is_open and voter.is_elector and voter.has_declared and not voter.is_recused
    form = VoteForm(request.POST or None, initial=initial, ballot=ballot, locked=not ready)
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_cast(
                actor=request.user,
                ballot=ballot,
                organisation=organisation,
                choice=form.cleaned_data["choice"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                f"{organisation.name}'s vote is recorded. You may change it until the ballot "
                "closes.",
            )
            return redirect("governance:ballot-vote", pk=proposal.pk)
    declare = ballot.is_open and voter.is_elector and not voter.has_declared
    return render(
        request,
        "governance/ballots/vote.html",
        {
            "proposal": proposal,
            "ballot": ballot,
            "organisation": organisation,
            "voter": voter,
            "form": form,
            "ready": ready,
            "declaration_form": DeclarationForm() if declare else None,
            "interests": _current_interests(organisation) if declare else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_declaration(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    try:
        organisation = _representative(request, "conflict.declare", ballot)
    except PermissionDenied as refused:
        heading = "You cannot declare conflicts of interest in this ballot"
        return _refused(request, proposal, ballot, refused, heading)
    ballot = _opened(ballot)
    voter = ballot_selectors.voter_status(ballot=ballot, organisation=organisation)
    initial = {}
    if voter.declaration is not None:
        initial = {
            "has_conflict": "yes" if voter.declaration.has_conflict else "no",
            "nature": voter.declaration.nature,
        }
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.conflict_declare(
                actor=request.user,
                ballot=ballot,
                organisation=organisation,
                has_conflict=form.cleaned_data["has_conflict"],
                nature=form.cleaned_data["nature"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            if declaration.has_conflict:
                messages.success(
                    request,
                    f"The conflict of interest is declared: {organisation.name} is recused "
                    "from this ballot unless the secretariat records an exemption.",
                )
                return redirect(f"{proposal.get_absolute_url()}#ballot")
            messages.success(request, "No conflict of interest declared. You may now vote.")
            return redirect("governance:ballot-vote", pk=proposal.pk)
    interests = _current_interests(organisation)
    return render(
        request,
        "governance/ballots/declaration.html",
        {
            "proposal": proposal,
            "ballot": ballot,
            "organisation": organisation,
            "voter": voter,
            "form": form,
            "interests": interests,
        },
    )


def _current_interests(organisation: Organisation) -> list[InterestDeclaration]:
    """The organisation's current interests in the register, as a reminder when declaring."""
    return list(
        ballot_selectors.interest_register(organisation=organisation.slug, current_only=True)
    )


# --- statements ---------------------------------------------------------------------------------


def _statement_page(
    request: HttpRequest, proposal: Proposal, decision: Decision, form: StatementForm, kind: str
) -> HttpResponse:
    return render(
        request,
        "governance/ballots/statement.html",
        {
            "proposal": proposal,
            "decision": decision,
            "form": form,
            "kind": kind,
            "deadline": ballot_selectors.dissent_deadline(decision),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_dissent(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    decision = ballot_selectors.decision_of(proposal=proposal)
    organisation = _representative(request, "dissent.file", decision)
    decision = _decided(decision)
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dissent_file(
                actor=request.user,
                decision=decision,
                organisation=organisation,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Your organisation's dissenting statement is published.")
            return redirect(f"{proposal.get_absolute_url()}#dissents")
    return _statement_page(request, proposal, decision, form, "dissent")


@login_required
@require_http_methods(["GET", "POST"])
def ballot_reviewer_statement(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    decision = ballot_selectors.decision_of(proposal=proposal)
    policy.require(request.user, "reviewer_statement.file", decision)
    decision = _decided(decision)
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reviewer_statement_file(
                actor=request.user, decision=decision, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Your reviewer statement is published.")
            return redirect(f"{proposal.get_absolute_url()}#reviewer-statements")
    return _statement_page(request, proposal, decision, form, "reviewer")
