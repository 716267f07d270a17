"""Pages of the glossary. Thin: forms parse, selectors read, services write, the access policy
decides. The content language (``?lang=``) is chosen apart from the interface language."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.api.throttles import throttled
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import apply_service_error
from glossary import exports, selectors, services
from glossary.content import ConceptContent, content_of
from glossary.forms import (
    ConceptTextForm,
    GlossarySearchForm,
    RejectForm,
    RetireForm,
    UsageNoteForm,
)
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage, content_language
from glossary.models import ConceptStatus, RevisionStatus, UsageNote
from glossary.services.notes import NOTE_STATUSES

VIEWS = ("az", "hierarchy", "changes")


def _language(request: HttpRequest) -> str:
    return content_language(request.GET.get("lang"))


def _language_links(request: HttpRequest, language: str) -> list[dict[str, Any]]:
    """The content-language switch: this page in every content language."""
    links = []
    for code, name in ContentLanguage.choices:
        query = request.GET.copy()
        query.pop("page", None)
        if code == SOURCE_LANGUAGE:
            query.pop("lang", None)
        else:
            query["lang"] = code
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"{request.path}?{query.urlencode()}" if query else request.path,
                "current": code == language,
            }
        )
    return links


@require_GET
@throttled("search", methods=("GET",), only_with=("q",))
def concept_list(request: HttpRequest) -> HttpResponse:
    """/glossary/: the A–Z index, the hierarchy, "new and changed", and search (``?q=``)."""
    language = _language(request)
    form = GlossarySearchForm(request.GET or None)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    view = request.GET.get("view", "az")
    view = view if view in VIEWS else "az"
    include_retired = request.GET.get("retired") == "1"
    status = request.GET.get("status")
    if status not in ConceptStatus.values:
        status = None
    context: dict[str, Any] = {
        "form": form,
        "query": query,
        "view": view,
        "language": language,
        "languages": _language_links(request, language),
        "include_retired": include_retired,
        "status": status,
        "statuses": ConceptStatus.choices,
        "shows_proposals": policy.reaches(request.user, DisclosureLevel.MEMBERS),
        "can_propose": policy.may(request.user, "concept.propose"),
    }
    if query:
        context["hits"] = selectors.concept_search(
            user=request.user, query=query, language=language
        )
    elif view == "hierarchy":
        context["tree"] = selectors.concept_hierarchy(user=request.user, language=language)
    elif view == "changes":
        context["changes"] = selectors.concept_changes(user=request.user, language=language)
    else:
        context["letters"] = selectors.concept_index(
            user=request.user,
            language=language,
            include_retired=include_retired,
            status=status,
        )
    return render(request, "glossary/concept_list.html", context)


@require_GET
def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = _language(request)
    page = selectors.concept_page(user=request.user, slug=slug, language=language)
    concept = page.concept
    return render(
        request,
        "glossary/concept_detail.html",
        {
            "page": page,
            "concept": concept,
            "language": language,
            "languages": _language_links(request, language),
            "can_revise": concept.status == ConceptStatus.AGREED
            and policy.may(request.user, "revision.propose", concept),
            "can_write_note": concept.status in NOTE_STATUSES
            and policy.may(request.user, "usage_note.write"),
            "can_retire": concept.status in (ConceptStatus.AGREED, ConceptStatus.DEPRECATED)
            and policy.may(request.user, "concept.deprecate", concept),
            "shows_members_material": policy.reaches(request.user, DisclosureLevel.MEMBERS),
        },
    )


@require_http_methods(["GET", "POST"])
def concept_propose(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "concept.propose")
    form = ConceptTextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concept = services.concept_propose(
                actor=request.user,
                content=form.content(ConceptContent()),
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, "Thank you: your proposal is recorded; the secretariat will review it."
            )
            return redirect(concept)
    return render(
        request,
        "glossary/concept_form.html",
        {"form": form, "concept": None, "language": SOURCE_LANGUAGE},
    )


@require_http_methods(["GET", "POST"])
def concept_revise(request: HttpRequest, slug: str) -> HttpResponse:
    """Propose a revision of an agreed concept, one content language at a time (a
    translation is a revision in another language)."""
    concept = selectors.concept_get(user=request.user, slug=slug)
    policy.require(request.user, "revision.propose", concept)
    if concept.status != ConceptStatus.AGREED:
        raise Http404("Only an agreed concept is revised.")
    language = _language(request)
    current = content_of(concept.current_text)
    form = ConceptTextForm(
        request.POST or None,
        initial=ConceptTextForm.initial_from(current, language),
        language=language,
        concept=concept,
    )
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.revision_propose(
                actor=request.user,
                concept=concept,
                content=form.content(current),
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                f"Revision {revision.number} is proposed; it becomes the text once agreed.",
            )
            return redirect(revision)
    return render(
        request,
        "glossary/concept_form.html",
        {
            "form": form,
            "concept": concept,
            "label": current.pref_label(SOURCE_LANGUAGE),
            "language": language,
            "languages": _language_links(request, language),
        },
    )


@require_http_methods(["GET", "POST"])
def concept_retire(request: HttpRequest, slug: str) -> HttpResponse:
    """The secretariat deprecates a concept or marks it superseded."""
    concept = selectors.concept_get(user=request.user, slug=slug)
    policy.require(request.user, "concept.deprecate", concept)
    form = RetireForm(request.POST or None, concept=concept)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == RetireForm.SUPERSEDE:
                replacement = form.replacement()
                if replacement is None:
                    raise ValidationError({"replaced_by": "Name the concept that supersedes it."})
                services.concept_supersede(
                    actor=request.user,
                    concept=concept,
                    replaced_by=replacement,
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.concept_deprecate(
                    actor=request.user,
                    concept=concept,
                    reason=form.cleaned_data["reason"],
                    replaced_by=form.replacement(),
                )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The concept is retired; its page says what to use instead.")
            return redirect(concept)
    label = (
        content_of(concept.current_revision).pref_label(SOURCE_LANGUAGE)
        if concept.current_revision
        else concept.slug
    )
    return render(
        request, "glossary/retire_form.html", {"form": form, "concept": concept, "label": label}
    )


@require_http_methods(["GET", "POST"])
def usage_note_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Write (or remove) your organisation's usage note on a concept. Readers of members-level
    material who belong to no chamber (reviewers, the secretariat) see the notes and why they
    cannot write one; the secretariat may remove a note."""
    concept = selectors.concept_get(user=request.user, slug=slug)
    policy.require(request.user, "usage_note.follow", concept)
    who = policy.principal(request.user)
    writes = policy.may(request.user, "usage_note.write") and concept.status in NOTE_STATUSES
    own = (
        UsageNote.objects.filter(concept=concept, organisation_id=who.organisation_id).first()
        if writes and who.organisation_id is not None
        else None
    )
    # The removal button is "remove_note": a field named "remove" would hide the form's own
    # remove() method from scripts.
    form = UsageNoteForm(
        request.POST if request.method == "POST" and "remove_note" not in request.POST else None,
        initial={"text": own.text, "disclosure": own.disclosure} if own else None,
    )
    if request.method == "POST":
        if "remove_note" in request.POST:
            note_id = request.POST.get("remove_note", "")
            if not note_id.isdigit():
                raise Http404("No such usage note.")
            note = get_object_or_404(UsageNote, pk=int(note_id), concept=concept)
            services.usage_note_remove(actor=request.user, note=note)
            messages.success(request, "The usage note is removed.")
            return redirect("glossary:usage-note-edit", slug=concept.slug)
        if not writes:
            policy.require(request.user, "usage_note.write")
            raise PermissionDenied("This concept takes no new usage notes.")
        if form.is_valid():
            try:
                services.usage_note_write(
                    actor=request.user,
                    concept=concept,
                    text=form.cleaned_data["text"],
                    disclosure=form.cleaned_data["disclosure"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, "Your chamber's usage note is published.")
                return redirect(f"{concept.get_absolute_url()}#usage-notes")
    page = selectors.concept_page(user=request.user, slug=slug, language=SOURCE_LANGUAGE)
    return render(
        request,
        "glossary/usage_note_form.html",
        {
            "page": page,
            "concept": concept,
            "form": form if writes else None,
            "own": own,
        },
    )


@require_GET
def revision_list(request: HttpRequest) -> HttpResponse:
    """Proposals and revisions waiting for a decision, and the latest decisions."""
    policy.require(request.user, "revision.follow")
    open_revisions = list(selectors.open_revision_list(user=request.user))
    decided = list(
        selectors.revision_list(user=request.user)
        .exclude(status__in=(RevisionStatus.PROPOSED, RevisionStatus.UNDER_REVIEW))
        .order_by("-decided_at")[:20]
    )
    labels = selectors.revision_labels(open_revisions + decided, SOURCE_LANGUAGE)
    return render(
        request,
        "glossary/revision_list.html",
        {
            "open_revisions": [(r, labels.get(r.pk, r.concept.slug)) for r in open_revisions],
            "decided": [(r, labels.get(r.pk, r.concept.slug)) for r in decided],
        },
    )


@require_GET
def revision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    revision = selectors.revision_get(user=request.user, pk=pk)
    diff = selectors.revision_diff(revision)
    content = content_of(revision)
    return render(
        request,
        "glossary/revision_detail.html",
        {
            "revision": revision,
            "concept": revision.concept,
            "label": content.pref_label(SOURCE_LANGUAGE) or revision.concept.slug,
            "diff": diff,
            "shows_author": policy.reaches(request.user, DisclosureLevel.MEMBERS),
        },
    )


def _decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    revision = selectors.revision_get(user=request.user, pk=pk)
    try:
        if action == "submit":
            services.revision_submit_for_review(actor=request.user, revision=revision)
            messages.success(request, f"Revision {revision.number} is under review.")
        else:
            services.revision_agree(actor=request.user, revision=revision)
            messages.success(request, f"Revision {revision.number} is agreed: it is the text now.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(revision)


@require_POST
def revision_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "submit")


@require_POST
def revision_agree(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "agree")


@require_http_methods(["GET", "POST"])
def revision_reject(request: HttpRequest, pk: int) -> HttpResponse:
    revision = selectors.revision_get(user=request.user, pk=pk)
    policy.require(request.user, "revision.reject", revision)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revision_reject(
                actor=request.user, revision=revision, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Revision {revision.number} is rejected.")
            return redirect(revision)
    label = content_of(revision).pref_label(SOURCE_LANGUAGE) or revision.concept.slug
    return render(
        request,
        "glossary/revision_reject.html",
        {"form": form, "revision": revision, "label": label},
    )


def _download(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@throttled("export", methods=("GET",))
def export_turtle(request: HttpRequest) -> HttpResponse:
    return _download(exports.turtle(), "text/turtle; charset=utf-8", "glossary.ttl")


@require_GET
@throttled("export", methods=("GET",))
def export_jsonld(request: HttpRequest) -> HttpResponse:
    return _download(exports.json_ld(), "application/ld+json; charset=utf-8", "glossary.jsonld")


@require_GET
@throttled("export", methods=("GET",))
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(exports.csv_text(), "text/csv; charset=utf-8", "glossary.csv")


@require_GET
@throttled("export", methods=("GET",))
def export_tbx(request: HttpRequest) -> HttpResponse:
    return _download(exports.tbx_document(), "application/x-tbx+xml; charset=utf-8", "glossary.tbx")


@require_GET
@throttled("search", methods=("GET",))
def autocomplete(request: HttpRequest) -> JsonResponse:
    """JSON for a search field's suggestions: ``?q=`` (two characters or more), ``?lang=``."""
    language = _language(request)
    suggestions = selectors.concept_suggestions(
        user=request.user, query=request.GET.get("q", ""), language=language
    )
    return JsonResponse(
        {
            "results": [
                {
                    "label": suggestion.label,
                    "preferred_label": suggestion.preferred.text,
                    "language": suggestion.preferred.language,
                    "slug": suggestion.slug,
                    "url": reverse("glossary:concept-detail", kwargs={"slug": suggestion.slug}),
                }
                for suggestion in suggestions
            ]
        }
    )
