"""Pages of RS performance reports: reporting cycles (the secretariat opens and closes them;
members see their report's state), the organisation's report form (drafts, submission,
corrections with a reason, history), a report as others may read it, and the public
aggregates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.policy import principal
from alliance_portal.sharing_protocol import sharing_summary
from members.models import Organisation
from standards import services
from standards.forms_reports import AnswerForm, CorrectionForm, CycleForm, answer_forms
from standards.models import AnswerStatus, ReportVersion
from standards.selectors import reports as selectors
from standards.selectors.tiers import tier_commitment_of, tier_progress
from standards.services.reports import protocol_problem

PAGE_SIZE = 25


def _errors(form: Any, error: ValidationError) -> None:
    """A service's problems on the form: field problems by their field, the rest on top."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.cycle_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    own = {}
    organisation_id = principal(request.user).organisation_id
    if organisation_id is not None:
        own = {
            report.cycle_id: report
            for report in selectors.report_list(user=request.user).filter(
                organisation_id=organisation_id, cycle__in=list(page.object_list)
            )
        }
    rows = [(cycle, own.get(cycle.pk)) for cycle in page.object_list]
    return render(
        request,
        "standards/cycle_list.html",
        {
            "page": page,
            "rows": rows,
            "has_organisation": organisation_id is not None,
            "may_open": policy.may(request.user, "reporting_cycle.open"),
        },
    )


@require_http_methods(["GET", "POST"])
def cycle_open(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "reporting_cycle.open")
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.reporting_cycle_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"The cycle “{cycle.title}” is open.")
            return redirect(cycle)
    return render(request, "standards/cycle_form.html", {"form": form})


@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get(pk=pk)
    reports = Paginator(selectors.submitted_reports(cycle=cycle), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    own = selectors.own_report(user=request.user, cycle=cycle)
    organisation_id = principal(request.user).organisation_id
    return render(
        request,
        "standards/cycle_detail.html",
        {
            "cycle": cycle,
            "questions": selectors.cycle_questions(cycle=cycle),
            "page": reports,
            "own": own,
            "own_draft": selectors.draft_of(own) if own else None,
            "may_file": organisation_id is not None
            and policy.may(request.user, "rs_report.edit", Organisation(pk=organisation_id)),
            "may_close": cycle.is_open and policy.may(request.user, "reporting_cycle.close", cycle),
        },
    )


@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get(pk=pk)
    policy.require(request.user, "reporting_cycle.close", cycle)
    try:
        services.reporting_cycle_close(actor=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The cycle “{cycle.title}” is closed.")
    return redirect(cycle)


@require_GET
def cycle_aggregates(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get(pk=pk)
    aggregates = selectors.report_aggregates(cycle=cycle)
    return render(
        request,
        "standards/cycle_aggregates.html",
        {
            "cycle": cycle,
            "aggregates": aggregates,
            "tables": [aggregates.by_chamber, aggregates.by_stage],
        },
    )


def _own_organisation(request: HttpRequest) -> Organisation:
    organisation_id = principal(request.user).organisation_id
    organisation = (
        Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    )
    policy.require(request.user, "rs_report.edit", organisation)
    if organisation is None:  # pragma: no cover (the policy refused already)
        raise Http404
    return organisation


@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation's report in a cycle: save the draft, or submit it."""
    cycle = selectors.cycle_get(pk=pk)
    organisation = _own_organisation(request)
    report = selectors.own_report(user=request.user, cycle=cycle)
    draft = selectors.draft_of(report) if report else None
    if report is not None and draft is None and report.first_submitted_at is not None:
        messages.info(request, "This report is submitted: correct it to change an answer.")
        return redirect(report)
    requirements = selectors.cycle_questions(cycle=cycle)
    forms = answer_forms(requirements, draft, request.POST if request.method == "POST" else None)
    submitting = request.POST.get("action") == "submit"
    if request.method == "POST":
        for form in forms:  # every form, so each shows its problems
            form.is_valid()
            if submitting and not form.cleaned_data.get("status"):
                form.add_error("status", "Choose a status: a report is submitted complete.")
        if all(not form.errors for form in forms):
            version = None
            try:
                version = services.report_save_draft(
                    actor=request.user,
                    cycle=cycle,
                    organisation=organisation,
                    answers=[form.fields_value() for form in forms],
                )
                if submitting:
                    services.report_submit(actor=request.user, report=version.report)
            except ValidationError as error:
                problems = list(error.messages)
                if version is not None:
                    problems.append("Your answers are saved as a draft; nothing is submitted.")
                return _render_report_form(request, cycle, organisation, forms, problems)
            if submitting:
                messages.success(request, "The report is submitted. Thank you.")
                return redirect(version.report)
            messages.success(request, "The draft is saved. Submit it when it is complete.")
            return redirect("standards:report-form", pk=cycle.pk)
    return _render_report_form(request, cycle, organisation, forms, [])


def _render_report_form(
    request: HttpRequest,
    cycle: Any,
    organisation: Organisation,
    forms: list[AnswerForm],
    problems: list[str],
) -> HttpResponse:
    levels = [
        (form.data.get(form.add_prefix("disclosure")) if form.is_bound else None)
        or form.initial.get("disclosure")
        or form.fields["disclosure"].initial
        for form in forms
    ]
    field_errors = [
        (form, field) for form in forms for field in form.visible_fields() if field.errors
    ]
    return render(
        request,
        "standards/report_form.html",
        {
            "cycle": cycle,
            "organisation": organisation,
            "forms": forms,
            "problems": problems,
            "field_errors": field_errors,
            "has_errors": bool(problems or field_errors),
            "sharing": sharing_summary(levels, item="answer", organisation_name=organisation.name),
            "protocol_problem": protocol_problem(request.user),
        },
        status=400 if problems or field_errors else 200,
    )


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    versions = selectors.readable_versions(user=request.user, report=report)
    if not versions:
        raise Http404("No version of this report may be read.")
    wanted = request.GET.get("version")
    chosen: ReportVersion | None = versions[0]
    if wanted:
        chosen = next((item for item in versions if str(item.number) == wanted), None)
    if chosen is None:
        raise Http404("No such version.")
    version = chosen
    answers = selectors.visible_answers(user=request.user, version=version)
    commitment = tier_commitment_of(organisation=report.organisation, user=request.user)
    return render(
        request,
        "standards/report_detail.html",
        {
            "report": report,
            "commitment": commitment,
            # How far the answers this reader may read go towards the tier it committed to.
            "tier_progress": tier_progress(
                tier=commitment.tier,
                implemented={
                    answer.requirement_id
                    for answer in answers
                    if answer.status == AnswerStatus.IMPLEMENTED
                },
            )
            if commitment
            else None,
            "version": version,
            "versions": versions,
            "answers": answers,
            "question_count": len(selectors.cycle_questions(cycle=report.cycle)),
            "may_edit": version.is_draft
            and policy.may(request.user, "rs_report.edit", report.organisation),
            "may_correct": report.first_submitted_at is not None
            and not any(item.is_draft for item in versions)
            and policy.may(request.user, "rs_report.correct", report.organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    policy.require(request.user, "rs_report.correct", report.organisation)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_correct(
                actor=request.user, report=report, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request, "A correction is started: change the answers, then submit it."
            )
            return redirect("standards:report-form", pk=report.cycle_id)
    return render(request, "standards/report_correct.html", {"report": report, "form": form})
