"""Reads of the documents library, for the pages, the API and the forms that attach a document.
Every read goes through the disclosure policy (level, own organisation, guardian shares) and
leaves out documents held for legal review unless the reader may read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, Prefetch, QuerySet
from django.http import Http404

from alliance_portal import policy
from governance.documents.models import Document, DocumentShare, DocumentVersion


def readable(user: Any) -> QuerySet[Document]:
    """The documents ``user`` may read: by the disclosure rule, and those held for legal review
    only for whom ``document.read_held`` admits. Two queries at most (the guardian shares are
    a subquery)."""
    documents = policy.visible(user, Document.objects.all())
    if not policy.may(user, "document.read_held"):
        documents = documents.filter(legal_hold=False)
    return documents


@dataclass(frozen=True)
class DocumentFilters:
    q: str = ""
    kind: str = ""
    language: str = ""
    body: str = ""  # a body's slug
    organisation: str = ""  # an organisation's slug
    year: int | None = None


def document_list(*, user: Any, filters: DocumentFilters) -> QuerySet[Document]:
    """The documents ``user`` may read matching ``filters``, with their body, organisation and
    number of versions: one query per page whatever its rows (plus the count). A search ranks
    by relevance over the stored vector (titles, descriptions, the text of PDFs)."""
    documents = (
        readable(user)
        .select_related("body", "organisation")
        .annotate(version_count=Count("versions"))
    )
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.language:
        documents = documents.filter(language=filters.language)
    if filters.body:
        documents = documents.filter(body__slug=filters.body)
    if filters.organisation:
        documents = documents.filter(organisation__slug=filters.organisation)
    if filters.year:
        documents = documents.filter(document_date__year=filters.year)
    if filters.q.strip():
        query = SearchQuery(filters.q.strip(), config="simple", search_type="websearch")
        return (
            documents.filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", "-document_date", "-pk")
        )
    return documents.order_by("-document_date", "-pk")


def document_get(*, user: Any, pk: int) -> Document:
    """The document if ``user`` may read it (404 otherwise; an anonymous visitor is asked to
    sign in); a read of secretariat-level or held material is recorded in the access log."""
    if not policy.may(user, "document.read_held") and (
        Document.objects.filter(pk=pk, legal_hold=True).exists()
    ):
        # Held: refused before the read is logged, as if it were secretariat-level.
        policy.note_denial("view governance.Document")
        if not policy.principal(user).is_authenticated:
            raise policy.SignInRequired
        raise Http404("No document matches the given query.")
    queryset = Document.objects.select_related("body", "organisation", "uploaded_by")
    return policy.get_visible_or_404(user, queryset, pk=pk)


def document_versions(*, document: Document) -> list[DocumentVersion]:
    """The versions of a document, newest first (one query)."""
    return list(
        DocumentVersion.objects.filter(document=document)
        .select_related("uploaded_by")
        .order_by("-number")
    )


def document_version_get(*, user: Any, pk: int, number: int | None = None) -> DocumentVersion:
    """A version (the latest when ``number`` is None) of a document ``user`` may read."""
    document = document_get(user=user, pk=pk)
    versions = DocumentVersion.objects.filter(document=document)
    version = (
        versions.order_by("-number").first()
        if number is None
        else versions.filter(number=number).first()
    )
    if version is None:
        raise Http404("This document has no such file.")
    version.document = document
    return version


def document_shares(*, user: Any, document: Document) -> list[DocumentShare]:
    """Whom the document was shared with: shown to those who may share it (the secretariat,
    its organisation's representative); others see nothing of it."""
    if not policy.may(user, "document.share", document):
        return []
    return list(
        DocumentShare.objects.filter(document=document).select_related("organisation", "body")
    )


def attachable(*, user: Any) -> QuerySet[Document]:
    """The documents a form may offer ``user`` to attach: those they may read."""
    return readable(user).prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
    )
