"""Admin for meetings and meeting requests: every save goes through the use cases. A meeting's
agenda is edited as lines of text; its attendance and minutes are shown under it and changed on
the meeting's own pages (or the API). A request is decided on its page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone

from alliance_portal.forms import ChoiceArrayAdminMixin
from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from governance.decision_log.models import PublishedDecision
from governance.meetings import services
from governance.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingAttendance,
    MeetingMinutes,
    MeetingRequest,
)
from governance.meetings.services.meetings import ANNOUNCED
from governance.proposals.models import Proposal

AGENDA_HELP = (
    "One item per line: its title, then optionally, separated by “|”, proposal 12, "
    "decision 3 (its number in the decision log), a document's web address, and “legal hold” "
    "to hold the item for legal review (only counsel releases it, from the agenda items list). "
    "For example: Cobalt traceability | proposal 12 | https://example.org/paper.pdf"
)


def _agenda_line(number: int, line: str) -> services.AgendaInput:
    title, *links = [part.strip() for part in line.split("|")]
    found: dict[str, Any] = {}
    for link in links:
        word, _, value = link.partition(" ")
        if word.lower() == "proposal" and value.strip().isdigit():
            found["proposal"] = Proposal.objects.filter(pk=int(value)).first()
            if found["proposal"] is None:
                raise forms.ValidationError(f"Line {number}: there is no proposal {value}.")
        elif word.lower() == "decision" and value.strip().isdigit():
            found["decision"] = PublishedDecision.objects.filter(pk=int(value)).first()
            if found["decision"] is None:
                raise forms.ValidationError(f"Line {number}: there is no decision {value}.")
        elif link.startswith(("https://", "http://")):
            found["document_url"] = link
        elif link.lower() == "legal hold":
            found["legal_hold"] = True
        else:
            raise forms.ValidationError(f"Line {number}: “{link}” is not understood.")
    return services.AgendaInput(title=title, **found)


def _form_field(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model fields as form fields; web addresses assume https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class MeetingForm(forms.ModelForm):
    agenda_text = forms.CharField(
        label="Agenda",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=AGENDA_HELP,
    )

    class Meta:
        model = Meeting
        fields = ("body", *ANNOUNCED)
        # Also when the admin derives a form without the read-only fields of a started meeting.
        formfield_callback = _form_field

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["agenda_text"].initial = "\n".join(
                " | ".join(_item_parts(item)) for item in self.instance.agenda_items.all()
            )

    def clean_agenda_text(self) -> list[services.AgendaInput]:
        lines = [line for line in self.cleaned_data["agenda_text"].splitlines() if line.strip()]
        return [_agenda_line(number, line) for number, line in enumerate(lines, start=1)]


def _item_parts(item: AgendaItem) -> list[str]:
    parts = [item.title]
    if item.proposal_id:
        parts.append(f"proposal {item.proposal_id}")
    if item.decision_id:
        parts.append(f"decision {item.decision_id}")
    if item.document_url:
        parts.append(item.document_url)
    if item.held:
        parts.append("legal hold")
    return parts


class AttendanceInline(ReadOnlyInline):
    model = MeetingAttendance
    fields = ("organisation", "chamber", "registered_at", "attended")


class MinutesInline(ReadOnlyInline):
    model = MeetingMinutes
    fields = (
        "disclosure",
        "published_at",
        "statement_read",
        "statement_version",
        "approved_at_meeting",
        "approved_at",
    )
    readonly_fields = fields
    fk_name = "meeting"


@admin.register(Meeting)
class MeetingAdmin(ChoiceArrayAdminMixin, ServiceAdmin):
    """Scheduling a meeting and changing it (before it starts) are the meeting use cases; it is
    cancelled on its page (or the API), with a reason."""

    form = MeetingForm
    list_display = ("title", "body", "starts_at", "ends_at", "held", "cancelled")
    list_filter = ("body",)
    date_hierarchy = "starts_at"
    inlines = (AttendanceInline, MinutesInline)

    def get_readonly_fields(self, request: HttpRequest, obj: Meeting | None = None) -> Any:
        if obj is None:
            return ()
        if obj.cancelled:  # cancelled on the meeting's page, with its reason
            return ("body", *ANNOUNCED, "cancelled_at", "cancel_reason")
        if obj.starts_at <= timezone.now():
            return ("body", *ANNOUNCED)
        return ("body",)

    @admin.display(boolean=True)
    def held(self, obj: Meeting) -> bool:
        return obj.held

    @admin.display(boolean=True)
    def cancelled(self, obj: Meeting) -> bool:
        return obj.cancelled

    def save_model(self, request: HttpRequest, obj: Meeting, form: ModelForm, change: bool) -> None:
        agenda = form.cleaned_data.get("agenda_text", [])
        if not change:
            created = services.meeting_schedule(
                actor=request.user,
                body=obj.body,
                agenda=agenda,
                **{name: getattr(obj, name) for name in ANNOUNCED},
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        services.meeting_update(
            actor=request.user,
            meeting=obj,
            changes={
                name: form.cleaned_data[name] for name in ANNOUNCED if name in form.cleaned_data
            },
            agenda=agenda if "agenda_text" in form.changed_data else None,
        )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        """The inlines are read-only and the agenda was saved by the use case."""


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """Agenda items, to find those held for legal review; they change with their meeting's
    agenda. Holding and releasing go through the hold use cases (counsel releases)."""

    list_display = ("title", "meeting", "position", "legal_hold", "legal_hold_released_at")
    list_filter = ("legal_hold",)
    search_fields = ("title", "meeting__title")
    list_select_related = ("meeting",)
    actions = ("hold_for_legal_review", "release_legal_hold")
    readonly_fields = (
        "meeting",
        "position",
        "title",
        "description",
        "proposal",
        "decision",
        "document_title",
        "document_url",
        "legal_hold",
        "legal_hold_released_by",
        "legal_hold_released_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Hold for legal review")
    def hold_for_legal_review(self, request: HttpRequest, queryset: Any) -> None:
        self._each(request, queryset, services.agenda_item_hold, held=False)

    @admin.action(description="Release from legal review (counsel)")
    def release_legal_hold(self, request: HttpRequest, queryset: Any) -> None:
        self._each(request, queryset, services.agenda_item_release_hold, held=True)

    def _each(self, request: HttpRequest, queryset: Any, use_case: Any, *, held: bool) -> None:
        done = 0
        for item in queryset:
            if item.held == held:
                use_case(actor=request.user, item=item)
                done += 1
        self.message_user(request, f"{done} agenda item{'s' if done != 1 else ''} changed.")


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ServiceAdmin):
    """The secretariat records a request received by phone, letter or in person for the
    requester's account; it is decided on its page, through the request use cases."""

    list_display = ("topic", "body", "chamber", "status", "requested_at", "meeting")
    list_filter = ("status", "body", "chamber")
    raw_id_fields = ("requester",)
    fields = (
        "requester",
        "body",
        "meet_with",
        "topic",
        "details",
        "chamber",
        "on_behalf_of",
        "preferred_language",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: MeetingRequest | None = None) -> Any:
        return (*self.fields, "status", "meeting", "decline_reason") if obj else ()

    def get_fields(self, request: HttpRequest, obj: MeetingRequest | None = None) -> Any:
        return (*self.fields, "status", "meeting", "decline_reason") if obj else self.fields

    def save_model(
        self, request: HttpRequest, obj: MeetingRequest, form: ModelForm, change: bool
    ) -> None:
        if change:
            return  # nothing is editable here: decisions are made on the request's page
        created = services.meeting_request_create(
            actor=request.user,
            requester=obj.requester,
            body=obj.body,
            meet_with=obj.meet_with,
            topic=obj.topic,
            details=obj.details,
            chamber=obj.chamber,
            on_behalf_of=obj.on_behalf_of,
            preferred_language=obj.preferred_language,
        )
        obj.pk = created.pk
        obj._state.adding = False
