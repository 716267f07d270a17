"""The secretariat's own pages over the records the portal keeps: the whole access log and the
audit trail (issue 20, item 1). Thin: the forms parse the filters, the selectors read, the
policy decides who may look."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance_portal import policy
from alliance_portal.access_log import access_log_list, access_log_rows
from alliance_portal.access_log_forms import WholeAccessLogFilterForm
from alliance_portal.audit_trail import AuditFilters, audit_trail_page, object_type_choices
from alliance_portal.forms import GuidedForm
from alliance_portal.models import User
from alliance_portal.organisations import organisation_lookup

PAGE_SIZE = 50


@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "access_log.read_all")
    form = WholeAccessLogFilterForm(request.GET or None)
    page = Paginator(access_log_list(filters=form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "secretariat/access_log.html",
        {
            "form": form,
            "page": page,
            "rows": access_log_rows(page.object_list),
            "query": query.urlencode(),
        },
    )


class AuditTrailFilterForm(GuidedForm):
    object_type = forms.ChoiceField(
        label="Kind of record",
        help_text="The trail is read one kind of record at a time.",
    )
    object_id = forms.CharField(
        label="Record number", required=False, max_length=64, help_text="Its id, from its page."
    )
    person = forms.TypedChoiceField(label="Who acted", required=False, coerce=int, empty_value=None)
    use_case = forms.SlugField(
        label="Use case",
        required=False,
        max_length=100,
        help_text="The service's name, for example organisation_edit.",
    )
    organisation = forms.ChoiceField(label="Records of organisation", required=False)
    on_or_after = forms.DateField(label="Changed on or after", required=False)
    on_or_before = forms.DateField(label="Changed on or before", required=False)
    # The keyset cursor ("older than this event"); not named "before", which would hide the
    # form element's own before() method from every script.
    older_than = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["object_type"].choices = object_type_choices()
        people = User.objects.filter(is_active=True).order_by("email")
        fields["person"].choices = [
            ("", "Anyone"),
            *((user.pk, f"{user} ({user.email})") for user in people),
        ]
        fields["organisation"].choices = [("", "Any"), *organisation_lookup().choices()]

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        slug = data.get("organisation")
        return AuditFilters(
            object_type=data["object_type"],
            object_id=data.get("object_id") or "",
            user_id=data.get("person"),
            use_case=data.get("use_case") or "",
            organisation_id=organisation_lookup().id_of(slug) if slug else None,
            on_or_after=data.get("on_or_after"),
            on_or_before=data.get("on_or_before"),
        )


@require_GET
def audit_trail(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "audit_trail.read")
    given = request.GET.copy()
    given.setdefault("object_type", "members.organisation")
    form = AuditTrailFilterForm(given)
    page = None
    if form.is_valid():
        page = audit_trail_page(filters=form.filters(), before=form.cleaned_data.get("older_than"))
    query = given.copy()
    query.pop("older_than", None)
    return render(
        request,
        "secretariat/audit_trail.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
