"""Pages of the transparency reports: the archive (and, for the secretariat, the form that asks
for a report), a report's page (live progress while it is built, its content once ready),
building a failed one again, publishing a corrected edition of a published one, and its files. Thin: forms parse, selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.api.throttles import throttled
from alliance_portal.forms import apply_service_error
from governance.reports import display, selectors, services
from governance.reports.forms import ReportFilterForm, ReportRequestForm
from governance.reports.models import ReportState

PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
@throttled("report-create")
def report_list(request: HttpRequest) -> HttpResponse:
    request_form = None
    if request.method == "POST":
        policy.require(request.user, "report.request")
        request_form = ReportRequestForm(request.POST)
        if request_form.is_valid():
            try:
                report, created = services.report_request(
                    actor=request.user, **request_form.request_arguments()
                )
            except ValidationError as error:
                apply_service_error(request_form, error)
            else:
                if created:
                    messages.success(request, f"{report} is queued: a worker builds it now.")
                elif report.state == ReportState.QUEUED:
                    messages.success(request, f"{report} is queued to be built.")
                elif report.state == ReportState.READY:
                    messages.info(
                        request,
                        f"{report} is published already. To change it, publish a corrected "
                        "edition from its page.",
                    )
                else:
                    messages.info(request, f"{report} is being built already.")
                return redirect(report)
    elif policy.may(request.user, "report.request"):
        request_form = ReportRequestForm()
    filters = ReportFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    reports = selectors.report_list(
        user=request.user,
        kind=chosen.get("kind") or None,
        edition=chosen.get("edition") or None,
        year=chosen.get("year"),
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    headings = [(report, display.report_heading(report)) for report in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/reports/report_list.html",
        {
            "page": page,
            "headings": headings,
            "filters": filters,
            "query": query.urlencode(),
            "request_form": request_form,
        },
        status=400 if request_form is not None and request_form.errors else 200,
    )


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    content = selectors.report_content(report=report) if report.is_ready else None
    context: dict[str, Any] = {
        "report": report,
        "content": content,
        "heading": display.report_heading(report),
        "sections": display.report_sections(content) if content else [],
        "log_head": display.log_head(content) if content else None,
        "files": {file.kind: file for file in report.files.all()},
        "may_rebuild": policy.may(request.user, "report.rebuild", report),
        "may_correct": policy.may(request.user, "report.correct", report),
        "corrected_by": getattr(report, "corrected_by", None),
    }
    return render(request, "governance/reports/report_detail.html", context)


@require_POST
@throttled("report-create")
def report_rebuild(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    policy.require(request.user, "report.rebuild", report)
    try:
        report = services.report_rebuild(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The report is queued to be built again.")
    return redirect(report)


@require_POST
@throttled("report-create")
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    policy.require(request.user, "report.correct", report)
    try:
        correction, created = services.report_correct(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    if created:
        messages.success(
            request,
            f"{correction.edition_label} is queued: a worker builds it now. "
            f"{report.edition_label} stays published, marked as corrected.",
        )
    else:
        messages.info(request, f"{correction.edition_label} is already on its way.")
    return redirect(correction)


@require_GET
@throttled("export", methods=("GET",))
def report_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    file = selectors.report_file(report=report, kind=kind)
    response = FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.download_name,
        content_type=file.content_type,
    )
    response["ETag"] = f'"{file.sha256}"'
    return response
