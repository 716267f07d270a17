"""Pages of ballots, conflicts of interest and decisions. Thin: forms parse, selectors read,
services write and refuse (the refusal comes back on the form), the access policy decides
who sees what. Every form works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from alliance_portal.roles import Role
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.forms import (
    BallotSettingsForm,
    CloseForm,
    DeclarationForm,
    EndorsementForm,
    ExemptionForm,
    InterestFilterForm,
    InterestForm,
    ReasonForm,
    StatementForm,
    VoteForm,
)
from governance.ballots.models import Ballot, ConflictDeclaration, Decision, InterestDeclaration
from governance.ballots.services import default_method
from governance.proposals import selectors
from governance.proposals.models import BEFORE_BALLOT, Proposal
from members.models import Organisation

PAGE_SIZE = 50


def _require_secretariat(request: HttpRequest) -> None:
    if not policy.principal(request.user).is_staff_role:
        raise PermissionDenied("This page is the secretariat's.")


def _require_representative(request: HttpRequest) -> Organisation:
    who = policy.principal(request.user)
    if who.role != Role.ORGANISATION_REPRESENTATIVE or who.organisation_id is None:
        raise PermissionDenied(
            "This page is for organisation representatives: they declare conflicts of "
            "interest and vote for their organisation."
        )
    return Organisation.objects.get(pk=who.organisation_id)


def _ballot(proposal: Proposal) -> Ballot:
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    if ballot is None or ballot.opened_at is None:
        raise Http404("This proposal has no ballot yet.")
    return ballot


def _decision(proposal: Proposal) -> Decision:
    decision = ballot_selectors.decision_of(proposal=proposal)
    if decision is None:
        raise Http404("This proposal has no decision yet.")
    return decision


def proposal_ballot_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """What the proposal page (and its printable view) shows of the ballot and the decision,
    for this reader: the ballot's rules and times, the conflict declarations, the reader's
    organisation's place in it (a representative), the secretariat's view of who has declared
    and voted (never how), and after the count the decision record with its statements and
    endorsements."""
    who = policy.principal(request.user)
    setup_open = who.is_staff_role and proposal.status in BEFORE_BALLOT
    if proposal.status in BEFORE_BALLOT and not setup_open:
        return {"ballot": None, "ballot_setup_open": False}  # no ballot has opened yet
    ballot = ballot_selectors.ballot_of(proposal=proposal)
    context: dict[str, Any] = {"ballot": ballot, "ballot_setup_open": setup_open}
    if ballot is None or ballot.opened_at is None:
        return context
    is_representative = (
        who.role == Role.ORGANISATION_REPRESENTATIVE and who.organisation_id is not None
    )
    organisation = (
        Organisation.objects.filter(pk=who.organisation_id or 0).first()
        if is_representative
        else None
    )
    context["declarations"] = list(ballot_selectors.declaration_list(ballot=ballot))
    if ballot.is_open:
        if is_representative:
            context["voter"] = ballot_selectors.voter_status(
                ballot=ballot, organisation=organisation
            )
        if who.is_staff_role:
            context["turnout"] = ballot_selectors.ballot_turnout(ballot=ballot)
        return context
    decision = ballot_selectors.decision_of(proposal=proposal)
    if decision is None:
        return context
    context["decision_view"] = ballot_selectors.decision_view(decision=decision)
    context["may_dissent"] = is_representative and ballot_selectors.may_dissent(
        decision=decision, organisation_id=who.organisation_id, now=timezone.now()
    )
    context["dissent_deadline"] = ballot_selectors.dissent_deadline(decision)
    context["is_reviewer"] = who.role == Role.CIVIL_SOCIETY_REVIEWER
    context["is_ballot_staff"] = who.is_staff_role
    return context


# --- representatives: declare and vote ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    organisation = _require_representative(request)
    ballot = _ballot(proposal)
    voter = ballot_selectors.voter_status(ballot=ballot, organisation=organisation)
    initial = {}
    if voter.vote is not None:
        initial = {"choice": voter.vote.choice, "reason": voter.vote.reason}
    form = VoteForm(request.POST or None, initial=initial, choices=ballot.choices)
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
    return render(
        request,
        "governance/ballots/vote.html",
        {
            "proposal": proposal,
            "ballot": ballot,
            "organisation": organisation,
            "voter": voter,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_declaration(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    organisation = _require_representative(request)
    ballot = _ballot(proposal)
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


# --- the secretariat: set up, exempt, close, record endorsements, publish -----------------------


@login_required
@require_http_methods(["GET", "POST"])
def ballot_settings(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    _require_secretariat(request)
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
    _require_secretariat(request)
    ballot = _ballot(proposal)
    conflicted = Organisation.objects.filter(
        pk__in=ConflictDeclaration.objects.filter(
            ballot=ballot, has_conflict=True, exemption__isnull=True
        ).values("organisation_id")
    ).order_by("name")
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
    _require_secretariat(request)
    ballot = _ballot(proposal)
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
    _require_secretariat(request)
    decision = _decision(proposal)
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
    _require_secretariat(request)
    decision = _decision(proposal)
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
    organisation = _require_representative(request)
    decision = _decision(proposal)
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
    if policy.principal(request.user).role != Role.CIVIL_SOCIETY_REVIEWER:
        raise PermissionDenied("This page is for civil-society reviewers.")
    decision = _decision(proposal)
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


# --- the register of interests ------------------------------------------------------------------


@require_GET
def interest_list(request: HttpRequest) -> HttpResponse:
    form = InterestFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    organisation = filters.get("organisation")
    interests = ballot_selectors.interest_register(
        organisation=organisation.slug if organisation else None,
        current_only=bool(filters.get("current")),
    )
    page = Paginator(interests, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    names = ballot_selectors.declarer_names(user=request.user, interests=page.object_list)
    for interest in page.object_list:
        interest.declarer_name = names.get(interest.pk, "")  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    who = policy.principal(request.user)
    return render(
        request,
        "governance/ballots/interest_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_declare": who.is_staff_role or who.role == Role.ORGANISATION_REPRESENTATIVE,
            "is_staff": who.is_staff_role,
            "own_organisation_id": who.organisation_id,
        },
    )


def _require_register_writer(request: HttpRequest) -> bool:
    """The representative (own organisation) or the secretariat (any); True for the latter."""
    who = policy.principal(request.user)
    if who.is_staff_role:
        return True
    _require_representative(request)
    return False


@login_required
@require_http_methods(["GET", "POST"])
def interest_declare(request: HttpRequest) -> HttpResponse:
    staff = _require_register_writer(request)
    form = InterestForm(request.POST or None, choose_organisation=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_declare(
                actor=request.user,
                organisation=form.cleaned_data.get("organisation"),
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The interest is in the register.")
            return redirect("governance:interest-list")
    return render(request, "governance/ballots/interest_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def interest_end(request: HttpRequest, pk: int) -> HttpResponse:
    staff = _require_register_writer(request)
    interest = get_object_or_404(InterestDeclaration.objects.select_related("organisation"), pk=pk)
    if not staff and interest.organisation_id != policy.principal(request.user).organisation_id:
        raise PermissionDenied("You may end your own organisation's interests only.")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_end(
                actor=request.user, interest=interest, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The interest is marked as ended; it stays in the register.")
            return redirect("governance:interest-list")
    return render(
        request, "governance/ballots/interest_end.html", {"form": form, "interest": interest}
    )


def ballot_dashboard_context(request: HttpRequest) -> dict[str, Any]:
    """What the governance dashboard shows of ballots and decisions for this reader."""
    return {"ballots": ballot_selectors.ballot_dashboard(user=request.user)}
