"""Reads of transparency reports for pages, API and admin: which reports a person may see (the
public edition everyone, the members' edition people at the members' level), a report's files,
its content (its own ``report.json``, read back from storage; ``display`` words it for the page)."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.reports.models import ReportFile, ReportFileKind, TransparencyReport


def report_list(
    *,
    user: Actor,
    kind: str | None = None,
    edition: str | None = None,
    state: str | None = None,
    year: int | None = None,
) -> QuerySet[TransparencyReport]:
    """The reports this user may see, latest period first, with their files prefetched (two
    queries whatever the number of reports)."""
    queryset = (
        policy.visible(user, TransparencyReport.objects.all())
        .select_related("corrects", "corrected_by")
        .prefetch_related(Prefetch("files", queryset=ReportFile.objects.order_by("kind")))
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if edition:
        queryset = queryset.filter(edition=edition)
    if state:
        queryset = queryset.filter(state=state)
    if year:
        queryset = queryset.filter(period_end__year=year)
    return queryset.order_by("-period_end", "kind", "edition", "-number", "-pk")


def report_get(*, user: Actor, pk: int) -> TransparencyReport:
    """The report if this user may see it: 404 for a signed-in person who may not (and for a
    report that does not exist), sign in for an anonymous visitor."""
    return policy.get_visible_or_404(
        user,
        TransparencyReport.objects.select_related("corrects", "corrected_by").prefetch_related(
            Prefetch("files", queryset=ReportFile.objects.order_by("kind"))
        ),
        pk=pk,
    )


def report_file(*, report: TransparencyReport, kind: str) -> ReportFile:
    """One output of a ready report (404 when it has none of that kind)."""
    if kind not in ReportFileKind.values:
        raise Http404("No such file.")
    for file in report.files.all():
        if file.kind == kind:
            return file
    raise Http404("This report has no such file (yet).")


def report_content(*, report: TransparencyReport) -> dict[str, Any] | None:
    """The report's ``report.json``, read back from storage, or None before it is ready."""
    for file in report.files.all():
        if file.kind == ReportFileKind.JSON:
            with file.file.open("rb") as handle:
                content: dict[str, Any] = json.loads(handle.read().decode("utf-8"))
            return content
    return None
