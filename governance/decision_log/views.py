"""Pages of the public decision log: readable and verifiable by anyone, no login."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.api.throttles import throttled
from alliance_portal.forms import apply_service_error
from governance.actions.views import decision_actions_context
from governance.decision_log import caching, selectors
from governance.decision_log.forms import (
    DecisionChangeForm,
    DecisionFilterForm,
    filter_choices,
)
from governance.decision_log.models import DecisionLogEntry, LogEntryKind
from governance.decision_log.paging import DecisionPaginator
from governance.decision_log.services import decision_log_change
from governance.log_heads.selectors import (
    cosignatures_mark,
    head_covering,
    head_summary,
    latest_cosigned_head,
)
from governance.reviews.views import decision_review_context

PAGE_SIZE = 25


@require_GET
@throttled("search", methods=("GET",), only_with=("q",))
def decision_list(request: HttpRequest) -> HttpResponse:
    """The log's decisions, filtered by the names people use; a filter that names nothing
    known is left out and says why, above the form."""
    head = selectors.decision_log_head()
    facts = selectors.decision_list_facts(head, choices=filter_choices)
    form = DecisionFilterForm(request.GET or None, facets=facts.facets, choices=facts.choices)
    form.is_valid()
    search = (form.cleaned_data.get("q") or None) if form.is_bound else None
    filters = form.filters()
    decisions = selectors.published_decision_list(search=search, **filters).only(
        *selectors.LISTED_FIELDS
    )
    paginator = DecisionPaginator(
        decisions,
        PAGE_SIZE,
        count=None if search or filters else facts.count,
        fields=selectors.LISTED_FIELDS,
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/decision_log/decision_list.html",
        {
            "form": form,
            "page": page,
            "rows": selectors.listed_decisions(page.object_list),
            "query": query.urlencode(),
            "filtered": bool(search or filters),
            "head": head,
            "form_key": _form_key(form, facts),
            "fragment_ttl": caching.LONG,
        },
    )


def _form_key(form: DecisionFilterForm, facts: selectors.ListFacts) -> str:
    """The cache key of the rendered filter form ("" when it is not to be cached): the
    reading of the choices it lists and the values asked for. A form with errors, or one
    that names an organisation (whose name may be looked up outside the choices), is
    rendered every time."""
    if not facts.token or form.errors or (form.is_bound and form.data.get("organisation")):
        return ""
    asked = "\x1f".join(f"{name}={form.data.get(name, '')}" for name in form.fields)
    digest = hashlib.sha256(f"{form.is_bound}\x1e{asked}".encode()).hexdigest()
    return f"{facts.token}:{digest}"


@require_GET
def decision_detail(request: HttpRequest, seq: int) -> HttpResponse:
    """One entry. The sections that come from the log alone are cached (``caching``): on a
    hit, no canonical text is parsed; the reviews, actions and controls are the reader's."""
    entry_page = selectors.log_entry_page(seq=seq)
    if entry_page.entry.kind in (LogEntryKind.LOG_KEY, LogEntryKind.WITNESS):
        # The log's own trust (a signing key, a witness): no decision to read about.
        return render(
            request,
            "governance/log_heads/trust_entry.html",
            {
                "page": entry_page,
                "record": entry_page.content.get("record", {}),
                "head": selectors.decision_log_head(),
                "signed_head": head_covering(seq),
            },
        )
    return render(
        request,
        "governance/decision_log/decision_detail.html",
        {
            "page": entry_page,
            "record": SimpleLazyObject(lambda: entry_page.record),
            "fragment_ttl": caching.LONG,
            "head": selectors.decision_log_head(),
            "signed_head": head_covering(seq),
            "can_change": policy.may(request.user, "decision.correct"),
            **decision_review_context(request, entry_page.decision),
            **(
                decision_actions_context(request, entry_page.decision)
                if entry_page.is_decision
                else {}
            ),
        },
    )


@require_GET
def decision_canonical(request: HttpRequest, seq: int) -> HttpResponse:
    """The exact stored text that was hashed, byte for byte."""
    entry = DecisionLogEntry.objects.filter(seq=seq).only("canonical").first()
    if entry is None:
        return HttpResponse(status=404)
    return HttpResponse(
        entry.canonical.encode("utf-8"), content_type="application/json; charset=utf-8"
    )


@require_http_methods(["GET", "POST"])
def decision_change(request: HttpRequest, seq: int) -> HttpResponse:
    """Secretariat: correct an error of fact in a published decision (a new entry). Amending
    or withdrawing it is a decision's effect, never this page's."""
    policy.require(request.user, "decision.correct")
    entry_page = selectors.log_entry_page(seq=seq)
    form = DecisionChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = decision_log_change(
                actor=request.user,
                decision_seq=seq,
                reason=form.cleaned_data["reason"],
                changes=form.changes(),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"The correction is published as entry {entry.seq}.")
            return redirect("governance:decision-detail", seq=seq)
    return render(
        request,
        "governance/decision_log/decision_change.html",
        {"page": entry_page, "form": form},
    )


class CheckpointAtomFeed(Atom1Feed):
    """Atom 1.0 with the latest cosigned head of the log as one extra element:
    ``<log:checkpoint size="N">`` holding the C2SP checkpoint with its signatures."""

    NAMESPACE = "https://c2sp.org/tlog-checkpoint"

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:log": self.NAMESPACE}

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        head = self.feed.get("checkpoint")
        if head:
            handler.addQuickElement(
                "log:checkpoint",
                head["note"],
                {"size": str(head["size"]), "cosignatures": str(len(head["cosigners"]))},
            )


class DecisionLogFeed(Feed):
    """Atom 1.0: the newest 50 entries of the public decision log, and the latest head the
    witnesses cosigned (``log:checkpoint``). The feed changes only when an entry is appended
    or a head is cosigned, so it is served from the cache under both (one query for each);
    each item's title and summary come from its own entry's record, read once."""

    feed_type = CheckpointAtomFeed

    def feed_extra_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"checkpoint": head_summary(latest_cosigned_head())}

    title = "Alliance Portal: public decision log"
    subtitle = "Every decision of the alliance, with its amendments, statements and endorsements."

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        head = selectors.decision_log_head()
        if head is None:
            return super().__call__(request, *args, **kwargs)
        name = caching.key(
            "feed", head["hash"], str(cosignatures_mark()), request.scheme, request.get_host()
        )
        found = caching.get_many([name]).get(name)
        if found is not None:
            content, headers = found
            response = HttpResponse(content)
            for header, value in headers.items():
                response[header] = value
            return response
        response = super().__call__(request, *args, **kwargs)
        if response.status_code == 200:
            headers = {h: response[h] for h in ("Content-Type", "Last-Modified") if h in response}
            caching.set_many({name: (response.content, headers)})
        return response

    def link(self) -> str:
        return reverse("governance:decision-list")

    def items(self) -> list[DecisionLogEntry]:
        entries = list(DecisionLogEntry.objects.order_by("-seq")[:50])
        for entry in entries:
            entry.shown_record = selectors.entry_record(entry)  # type: ignore[attr-defined]
        return entries

    def item_title(self, item: DecisionLogEntry) -> str:
        title = selectors.entry_title(item, item.shown_record)  # type: ignore[attr-defined]
        return f"{item.seq}. {item.get_kind_display()}: {title}"

    def item_description(self, item: DecisionLogEntry) -> str:
        return selectors.entry_summary(item, item.shown_record)  # type: ignore[attr-defined]

    def item_link(self, item: DecisionLogEntry) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: DecisionLogEntry) -> str:
        return f"decision-log:{item.seq}:{item.hash}"

    def item_pubdate(self, item: DecisionLogEntry) -> Any:
        return item.published_at

    def item_updateddate(self, item: DecisionLogEntry) -> Any:
        return item.published_at
