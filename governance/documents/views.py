"""Pages of the documents library: the list (search, filters, pages), a document with its
versions and shares, adding a document or a new version (the body's size is refused before it
is read; the file is checked by the service), downloading (only after the access check, as an
attachment that is never sniffed), sharing, and the legal hold. Thin: forms parse, selectors
read, services write, the access policy decides."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.body_limit import body_limit
from alliance_portal.forms import apply_service_error
from alliance_portal.uploads import names_a_path
from governance.documents import selectors, services
from governance.documents.forms import DocumentFilterForm, DocumentForm, ShareForm, VersionForm
from governance.documents.models import DocumentShare, DocumentVersion

PAGE_SIZE = 25
FORM_ROOM = 1024 * 1024  # the form's other fields beside the file


def _megabytes() -> int:
    return services.max_bytes() // (1024 * 1024)


def too_large(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "413.html",
        {"message": services.messages().too_large},
        status=413,
    )


def upload_limit() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD_BYTES) + FORM_ROOM


def path_name_refused(request: HttpRequest, form: Any) -> bool:
    """After ``form.is_valid()``: True (with the form's error) when a file was sent with a name
    naming a path; nothing is stored then."""
    if names_a_path(request):
        form.add_error("file", services.NAME_REFUSED)
        return True
    return False


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    body = data.get("body")
    documents = selectors.document_list(
        user=request.user,
        filters=selectors.DocumentFilters(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            language=data.get("language") or "",
            body=body.slug if body else "",
            year=data.get("year"),
        ),
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/documents/document_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_upload": policy.may(request.user, "document.upload"),
        },
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "governance/documents/document_detail.html",
        {
            "document": document,
            "versions": selectors.document_versions(document=document),
            "shares": selectors.document_shares(user=user, document=document),
            "may_edit": policy.may(user, "document.edit", document),
            "may_share": policy.may(user, "document.share", document),
            "may_hold": not document.legal_hold and policy.may(user, "document.hold", document),
            "may_release": document.legal_hold
            and policy.may(user, "document.release_hold", document),
        },
    )


@login_required
@body_limit(upload_limit(), too_large, keep_body=True)
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "document.upload")
    staff = policy.may(request.user, "document.for_any_organisation")
    form = DocumentForm(staff=staff, megabytes=_megabytes())
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, staff=staff, megabytes=_megabytes())
        if form.is_valid() and not path_name_refused(request, form):
            try:
                document = services.document_add(
                    actor=request.user,
                    fields=form.fields_value(),
                    file=form.cleaned_data.get("file"),
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, "The document is in the library.")
                return redirect(document)
    return render(request, "governance/documents/document_form.html", {"form": form})


@login_required
@body_limit(upload_limit(), too_large, keep_body=True)
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    policy.require(request.user, "document.edit", document)
    form = VersionForm(megabytes=_megabytes())
    if request.method == "POST":
        form = VersionForm(request.POST, request.FILES, megabytes=_megabytes())
        if form.is_valid() and not path_name_refused(request, form):
            try:
                services.document_add_version(
                    actor=request.user, document=document, file=form.cleaned_data["file"]
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, "The new version is uploaded; the old ones are kept.")
                return redirect(document)
    return render(
        request, "governance/documents/version_form.html", {"form": form, "document": document}
    )


def attachment(version: DocumentVersion) -> FileResponse:
    """A version's file as a download: after the access check (the caller's), with its
    detected type, never shown inline, never sniffed as another type, never cached by others."""
    name = slugify(version.document.title)[:80] or "document"
    response = FileResponse(
        version.file.open("rb"),
        content_type=version.content_type,
        as_attachment=True,
        filename=f"{name}-v{version.number}.{version.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def document_download(request: HttpRequest, pk: int, number: int | None = None) -> FileResponse:
    version = selectors.document_version_get(user=request.user, pk=pk, number=number)
    return attachment(version)


@login_required
@require_http_methods(["GET", "POST"])
def document_share(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    policy.require(request.user, "document.share", document)
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_share(
                actor=request.user,
                document=document,
                organisation=form.cleaned_data.get("organisation"),
                body=form.cleaned_data.get("body"),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The document is shared.")
            return redirect(document)
    return render(
        request, "governance/documents/share_form.html", {"form": form, "document": document}
    )


@login_required
@require_POST
def document_unshare(request: HttpRequest, pk: int, share: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    found = get_object_or_404(DocumentShare, pk=share, document=document)
    services.document_unshare(actor=request.user, share=found)
    messages.success(request, "The share is taken back.")
    return redirect(document)


@login_required
@require_POST
def document_hold(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    try:
        if request.POST.get("release") == "yes":
            services.document_release_hold(actor=request.user, document=document)
            messages.success(request, "The document is released: it is read at its level again.")
        else:
            services.document_hold(actor=request.user, document=document)
            messages.success(request, "The document is held for legal review.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(document)
