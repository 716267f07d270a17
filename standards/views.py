"""Pages of the standards app: the registry, a version's element tree, the crosswalk matrix,
mapping sets and crosswalk mappings. Thin: forms parse, selectors read, services write."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.api.throttles import throttled
from alliance_portal.generations import kept_while_unchanged
from standards import exports, services
from standards.csv_io import CsvImportError
from standards.forms import (
    CsvUploadForm,
    ElementSearchForm,
    MappingFilterForm,
    MappingForm,
    MappingJudgementForm,
    StandardFilterForm,
)
from standards.models import Mapping, MappingStatus
from standards.models.registry import CROSSWALK_GENERATION
from standards.selectors import certifications, coverage, crosswalk, registry
from standards.services.crosswalk import FROZEN_MESSAGE

PAGE_SIZE = 25
MAPPINGS_PAGE_SIZE = 50


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@throttled("search", methods=("GET",), only_with=("q",))
def standard_list(request: HttpRequest) -> HttpResponse:
    form = StandardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    standards = registry.standard_list(
        user=request.user,
        kind=filters.get("kind") or None,
        material=filters.get("material") or None,
        stage=filters.get("stage") or None,
        search=filters.get("q") or None,
    )
    page = Paginator(standards, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/standard_list.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


@require_GET
def standard_detail(request: HttpRequest, code: str) -> HttpResponse:
    standard = registry.standard_get(user=request.user, code=code)
    return render(request, "standards/standard_detail.html", {"standard": standard})


@require_GET
@throttled("search", methods=("GET",), only_with=("q",))
def version_detail(request: HttpRequest, code: str, version: str) -> HttpResponse:
    found = registry.version_get(user=request.user, code=code, label=version)
    form = ElementSearchForm(request.GET or None)
    search = form.cleaned_data.get("q") if form.is_valid() else None
    expand = request.GET.get("open") == "all"
    tree = registry.version_tree(user=request.user, version=found, search=search, expand=expand)
    return render(
        request,
        "standards/version_detail.html",
        {
            "version": found,
            "standard": found.standard,
            "form": form,
            "tree": tree,
            "expand": expand,
            "mapping_sets": registry.version_mapping_sets(user=request.user, version=found),
            "recognised": certifications.recognised_organisations(user=request.user, version=found),
        },
    )


@require_GET
@throttled("export", methods=("GET",))
def version_elements_csv(request: HttpRequest, code: str, version: str) -> HttpResponse:
    found = registry.version_get(user=request.user, code=code, label=version)
    elements = registry.element_list(user=request.user, version=found)
    return _download(
        exports.elements_csv(elements), f"{found.standard.code}-{found.label}-elements.csv"
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_import(request: HttpRequest, code: str, version: str) -> HttpResponse:
    found = registry.version_get(user=request.user, code=code, label=version)
    policy.require(request.user, "version.import_elements", found)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.version_import_elements_csv(
                actor=request.user, version=found, csv_text=form.cleaned_data["file"]
            )
        except CsvImportError as error:
            row_errors = error.row_errors
        else:
            messages.success(
                request,
                f"Imported: {result.created} added, {result.updated} updated, "
                f"{result.unchanged} unchanged.",
            )
            return redirect(found)
    return render(
        request,
        "standards/csv_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "title": f"Import the elements of {found}",
            "back": found.get_absolute_url(),
            "columns": "ref, parent_ref, kind, title, summary, order",
            "explanation": (
                "A row whose reference code exists in this version updates that element; other "
                "rows add elements. A parent is given by its reference code. Nothing is "
                "imported when any row has a problem."
            ),
        },
    )


@require_GET
def crosswalk_matrix(request: HttpRequest) -> HttpResponse:
    # The matrix is the same for every reader (approved mappings are public) and takes seconds
    # to render at alliance scale (400 requirements × 50 standards): it is rendered once and
    # kept until a standard, version, element or mapping changes (one query to know).
    def rendered() -> SafeString:
        matrix = coverage.coverage_matrix()
        return render_to_string(
            "standards/_crosswalk_matrix.html", {"matrix": matrix, "rows": matrix.rows()}
        )

    matrix_html = kept_while_unchanged(CROSSWALK_GENERATION, (get_language() or "",), rendered)
    return render(
        request,
        "standards/crosswalk.html",
        {
            "matrix_html": matrix_html,  # safe: rendered by the template engine
            "mapping_sets": crosswalk.mapping_set_list(user=request.user),
        },
    )


@require_GET
@throttled("export", methods=("GET",))
def coverage_csv(request: HttpRequest) -> HttpResponse:
    return _download(exports.coverage_csv(coverage.coverage_matrix()), "baseline-coverage.csv")


@require_GET
def mapping_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
    form = MappingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    mappings = crosswalk.mapping_list(
        user=request.user,
        mapping_set=mapping_set,
        status=filters.get("status") or None,
        relationship=filters.get("relationship") or None,
    )
    page = Paginator(mappings, MAPPINGS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/mapping_set_detail.html",
        {
            "mapping_set": mapping_set,
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "status_counts": crosswalk.mapping_status_counts(
                user=request.user, mapping_set=mapping_set
            ),
            "unmapped": crosswalk.unmapped_focal_elements(
                user=request.user, mapping_set=mapping_set
            ),
            "show_people": crosswalk.shows_people(user=request.user),
        },
    )


@require_GET
@throttled("export", methods=("GET",))
def mapping_set_csv(request: HttpRequest, pk: int) -> HttpResponse:
    mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
    mappings = crosswalk.mapping_list(
        user=request.user, mapping_set=mapping_set, status=MappingStatus.APPROVED
    )
    return _download(exports.mapping_set_csv(mappings), f"mapping-set-{mapping_set.pk}.csv")


@require_GET
@throttled("export", methods=("GET",))
def mapping_set_json(request: HttpRequest, pk: int) -> HttpResponse:
    mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
    data = exports.mapping_set_json(
        mapping_set,
        mappings=crosswalk.mapping_list(user=request.user, mapping_set=mapping_set),
        status_counts=crosswalk.mapping_status_counts(user=request.user, mapping_set=mapping_set),
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="mapping-set-{mapping_set.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def mapping_set_import(request: HttpRequest, pk: int) -> HttpResponse:
    mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
    policy.require(request.user, "mapping.propose", mapping_set)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.mapping_set_import_csv(
                actor=request.user, mapping_set=mapping_set, csv_text=form.cleaned_data["file"]
            )
        except CsvImportError as error:
            row_errors = error.row_errors
        else:
            messages.success(request, f"{len(created)} mappings proposed as drafts.")
            return redirect(mapping_set)
    return render(
        request,
        "standards/csv_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "title": f"Propose mappings from CSV: {mapping_set}",
            "back": mapping_set.get_absolute_url(),
            "columns": (
                "Focal Document Element, Focal Document Element Description, Rationale, "
                "Relationship, Reference Document Element, Reference Document Element "
                "Description, Strength of Relationship, Comments"
            ),
            "explanation": (
                "The columns of the NIST IR 8278A rev. 1 mapping template; elements by their "
                "reference codes. Every row becomes a draft mapping in your name. Nothing is "
                "imported when any row has a problem."
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mapping_create(request: HttpRequest, pk: int) -> HttpResponse:
    mapping_set = crosswalk.mapping_set_get(user=request.user, pk=pk)
    policy.require(request.user, "mapping.propose", mapping_set)
    form = MappingForm(request.POST or None, mapping_set=mapping_set)
    if request.method == "POST" and form.is_valid():
        try:
            mapping = services.mapping_create(
                actor=request.user, mapping_set=mapping_set, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your mapping is saved as a draft for review.")
            return redirect(mapping)
    return render(
        request,
        "standards/mapping_form.html",
        {
            "form": form,
            "mapping_set": mapping_set,
            "title": "Propose a crosswalk mapping",
            "submit": "Propose mapping",
        },
    )


@require_GET
def mapping_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = crosswalk.mapping_get(user=request.user, pk=pk)
    return render(
        request,
        "standards/mapping_detail.html",
        {
            "mapping": mapping,
            "replacements": crosswalk.mapping_replacements(user=request.user, mapping=mapping),
            "show_people": crosswalk.shows_people(user=request.user),
        },
    )


def _judgement_initial(mapping: Mapping) -> dict[str, Any]:
    return {
        "relationship": mapping.relationship,
        "rationale": mapping.rationale,
        "strength": mapping.strength,
        "explanation": mapping.explanation,
    }


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = crosswalk.mapping_get(user=request.user, pk=pk)
    if mapping.is_frozen:
        messages.error(request, FROZEN_MESSAGE)
        return redirect(mapping)
    policy.require(request.user, "mapping.edit", mapping)
    form = MappingJudgementForm(request.POST or None, initial=_judgement_initial(mapping))
    if request.method == "POST" and form.is_valid():
        try:
            services.mapping_update(
                actor=request.user,
                mapping=mapping,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The mapping is saved.")
            return redirect(mapping)
    return render(
        request,
        "standards/mapping_form.html",
        {
            "form": form,
            "mapping": mapping,
            "mapping_set": mapping.mapping_set,
            "title": f"Edit mapping {mapping.pk}",
            "submit": "Save mapping",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mapping_supersede(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = crosswalk.mapping_get(user=request.user, pk=pk)
    policy.require(request.user, "mapping.propose", mapping.mapping_set)
    form = MappingJudgementForm(request.POST or None, initial=_judgement_initial(mapping))
    if request.method == "POST" and form.is_valid():
        try:
            replacement = services.mapping_supersede(
                actor=request.user, mapping=mapping, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Your replacement is saved as a draft; the approved mapping stays in force "
                "until the replacement is approved.",
            )
            return redirect(replacement)
    return render(
        request,
        "standards/mapping_form.html",
        {
            "form": form,
            "mapping": mapping,
            "mapping_set": mapping.mapping_set,
            "title": f"Propose a replacement for mapping {mapping.pk}",
            "submit": "Propose replacement",
        },
    )


def _transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    mapping = crosswalk.mapping_get(user=request.user, pk=pk)
    service = services.mapping_review if action == "review" else services.mapping_approve
    try:
        service(actor=request.user, mapping=mapping)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        done = "reviewed" if action == "review" else "approved"
        messages.success(request, f"Mapping {mapping.pk} is {done}.")
    return redirect(mapping)


@login_required
@require_POST
def mapping_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "review")


@login_required
@require_POST
def mapping_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "approve")


def _download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
