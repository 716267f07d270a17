"""An organisation's access log: who at the secretariat read its confidential material, when
and why (``/members/<slug>/access-log/``, its CSV; issue 20, item 1). Its own people and the
secretariat only: anyone else is refused (403), an organisation they may not see is a 404."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance_portal import policy
from alliance_portal.access_log import access_log_list, access_log_rows, write_csv
from alliance_portal.access_log_forms import AccessLogFilterForm
from alliance_portal.api.throttles import throttled
from members import selectors
from members.models import Organisation

PAGE_SIZE = 25


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "access_log.read_organisation", organisation)
    return organisation


@require_GET
def organisation_access_log(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    form = AccessLogFilterForm(request.GET or None)
    entries = access_log_list(filters=form.filters(organisation_id=organisation.pk))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/access_log.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "rows": access_log_rows(page.object_list),
            "query": query.urlencode(),
        },
    )


@require_GET
@throttled("export", methods=("GET",))
def organisation_access_log_csv(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    form = AccessLogFilterForm(request.GET or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{organisation.slug}.csv"'
    write_csv(response, access_log_list(filters=form.filters(organisation_id=organisation.pk)))
    return response
