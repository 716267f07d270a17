"""Pages of the decision log's signed heads and witnesses, the public key, the checkpoint."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from alliance_portal.policy.principals import principal
from governance.log_heads import selectors, services
from governance.log_heads.forms import WitnessDecisionForm, WitnessRegisterForm
from governance.log_heads.keys import verifier_key
from governance.log_heads.models import Witness
from members.models import Organisation

PAGE_SIZE = 25


@require_GET
@cache_control(public=True, max_age=300)
def decision_log_key(request: HttpRequest) -> HttpResponse:
    """The C2SP verifier key that signs the log's heads, one line of text."""
    return HttpResponse(verifier_key().text() + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=10)
def checkpoint(request: HttpRequest) -> HttpResponse:
    """The latest signed head as a C2SP checkpoint (tlog-tiles), with the witnesses'
    cosignatures after the portal's signature."""
    head = selectors.latest_head()
    if head is None:
        return HttpResponse("The log has no signed head yet.\n", status=404)
    return HttpResponse(selectors.cosigned_note(head), content_type="text/plain; charset=utf-8")


@require_GET
def head_list(request: HttpRequest) -> HttpResponse:
    """Every signed head, newest first, with who cosigned it."""
    page = Paginator(selectors.signed_heads(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/log_heads/head_list.html",
        {
            "page": page,
            "latest": selectors.latest_cosigned_head(),
            "vkey": verifier_key().text(),
            "witnesses": selectors.approved_witnesses(),
        },
    )


def _register_form(request: HttpRequest) -> WitnessRegisterForm:
    who = principal(request.user)
    staff = policy.may(request.user, "witness.approve")
    organisations = Organisation.objects.select_related("chamber").filter(
        membership_status="active"
    )
    if not staff:
        organisations = organisations.filter(pk=who.organisation_id or 0)
    return WitnessRegisterForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        staff=staff,
    )


@require_http_methods(["GET", "POST"])
def witness_list(request: HttpRequest) -> HttpResponse:
    """The witnesses of the log; a representative (or the secretariat) registers one here."""
    can_register = policy.may(request.user, "witness.register")
    form = _register_form(request) if can_register else None
    if request.method == "POST":
        policy.require(request.user, "witness.register")
        assert form is not None  # noqa: S101 (may() above)
        if form.is_valid():
            data = form.cleaned_data
            try:
                witness = services.witness_register(
                    actor=request.user,
                    vkey=data["vkey"],
                    organisation=data.get("organisation"),
                    partner_alliance=data.get("partner_alliance"),
                    url=data.get("url") or "",
                    note=data.get("note") or "",
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    f"The witness {witness.name} is registered: the secretariat approves it "
                    "before its cosignatures count.",
                )
                return redirect("governance:witness-list")
    page = Paginator(selectors.witness_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/log_heads/witness_list.html",
        {
            "page": page,
            "form": form,
            "can_decide": policy.may(request.user, "witness.approve"),
            "decision_form": WitnessDecisionForm(),
        },
    )


@require_POST
def witness_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat approves, refuses or retires a witness."""
    policy.require(request.user, "witness.approve")
    witness = get_object_or_404(Witness, pk=pk)
    form = WitnessDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose approve, refuse or retire.")
        return redirect("governance:witness-list")
    try:
        decided = services.witness_decide(
            actor=request.user,
            witness_id=witness.pk,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data.get("reason") or "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"The witness {witness.name} is {decided.get_status_display().lower()}."
        )
    return redirect("governance:witness-list")
