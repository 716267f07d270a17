"""Forms of the meeting pages. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.documents.forms import AttachDocumentMixin
from governance.meetings.models import (
    Meeting,
    MeetingMinutes,
    MeetingRequest,
    MeetingWith,
    RequestStatus,
)
from governance.meetings.selectors import PAST, UPCOMING
from members.models import Chamber, MembershipStatus, Organisation


class MeetingFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label="Body",
        queryset=Body.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
    )
    # Not "when": a field of that name hides the form element's own when() from scripts.
    period = forms.ChoiceField(
        label="When",
        required=False,
        choices=[("", "Upcoming and past"), (UPCOMING, "Upcoming"), (PAST, "Past")],
    )


class AttendanceForm(GuidedForm):
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations that attended",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Registered organisations not ticked are recorded as absent.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisations"]
        field.queryset = (
            Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
            .select_related("chamber")
            .order_by("chamber__order", "name")
        )
        field.label_from_instance = lambda o: f"{o.name} ({o.chamber.name})"


class MinutesForm(AttachDocumentMixin, GuidedForm):
    text = text_form_field(
        MeetingMinutes,
        "text",
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=FORMATTING_HELP,
    )
    disclosure = forms.ChoiceField(
        label="Who may read the minutes",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.MEMBERS,
        widget=forms.RadioSelect,
    )
    statement_read = forms.BooleanField(
        label="The competition-law statement was read at the opening of the meeting",
        required=False,
        help_text="Shown with the minutes, with the version of the statement in force.",
    )

    def __init__(self, *args: Any, documents: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_attach_fields(documents, upload_label="The minutes as a file")


class MinutesApprovalForm(GuidedForm):
    at_meeting = forms.ModelChoiceField(
        label="The meeting that approved the minutes",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["at_meeting"]
        field.queryset = meetings
        field.label_from_instance = lambda m: f"{m.title}, {m.starts_at:%d %B %Y}"


class MeetingRequestForm(GuidedForm):
    body = forms.ModelChoiceField(
        label="Who you want to meet",
        queryset=Body.objects.order_by("order", "name"),
        empty_label="Choose a body",
    )
    meet_with = forms.ChoiceField(
        label="Meet the whole body or its chair",
        choices=MeetingWith.choices,
        initial=MeetingWith.BODY,
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(label="Topic", max_length=200)
    details = text_form_field(
        MeetingRequest,
        "details",
        label="What you would like to discuss",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    chamber = forms.ModelChoiceField(
        label="Your chamber",
        queryset=Chamber.objects.order_by("order", "name"),
        empty_label="Choose your chamber",
        required=False,
        help_text="People of a member organisation ask in their organisation's chamber.",
    )
    on_behalf_of = forms.CharField(
        label="On behalf of",
        max_length=200,
        required=False,
        help_text="The community, group or organisation you speak for, if any.",
    )
    preferred_language = forms.ChoiceField(
        label="Preferred language", choices=ContentLanguage.choices
    )


class RequestDecisionForm(GuidedForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("schedule", "Schedule it at a meeting"), ("decline", "Decline it")],
        widget=forms.RadioSelect,
    )
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="Choose a meeting",
        help_text="Schedule the meeting first if there is none yet.",
    )
    reason = text_form_field(
        MeetingRequest,
        "decline_reason",
        label="Reason for declining",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to the person who asked.",
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["meeting"]
        field.queryset = meetings
        field.label_from_instance = lambda m: f"{m.title}, {m.starts_at:%d %B %Y, %H:%M}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "schedule" and not data.get("meeting"):
            self.add_error("meeting", "Choose the meeting.")
        if data.get("decision") == "decline" and not data.get("reason"):
            self.add_error("reason", "Enter the reason for declining.")
        return data


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *RequestStatus.choices]
    )
    body = forms.ModelChoiceField(
        label="Body",
        queryset=Body.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
    )
