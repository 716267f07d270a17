"""Forms of the consultation pages: comments, moderation and responses. They parse input; the
services decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from governance.consultations.models import (
    OFFLINE_CHANNELS,
    AuthorKind,
    Channel,
    Comment,
    CommentResponse,
    ProposalTranslation,
    ResponseOutcome,
)
from governance.consultations.services import ModerationVerdict
from governance.paragraphs import Paragraph
from members.models import Chamber, MembershipStatus, Organisation


def _language_field(label: str, help_text: str = "") -> forms.TypedChoiceField:
    # Optional: a form sent without it (an older page, a script) means the source language.
    return forms.TypedChoiceField(
        label=label,
        choices=ContentLanguage.choices,
        initial=SOURCE_LANGUAGE,
        required=False,
        empty_value=SOURCE_LANGUAGE,
        help_text=help_text,
    )


def _paragraph_choices(paragraphs: list[Paragraph]) -> list[tuple[str, str]]:
    return [("", "The proposal as a whole")] + [
        (str(p.number), f"¶{p.number}: {_excerpt(p.source)}") for p in paragraphs
    ]


class CommentForm(GuidedForm):
    text = text_form_field(
        Comment,
        "text",
        name="comment",
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=FORMATTING_HELP,
    )
    paragraph = forms.TypedChoiceField(
        label="Paragraph commented on",
        required=False,
        coerce=int,
        empty_value=None,
    )
    language = _language_field(
        "Language of your comment", "You may write in any of the alliance's languages."
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["paragraph"]
        field.choices = _paragraph_choices(paragraphs)


def _excerpt(source: str, length: int = 60) -> str:
    flat = " ".join(source.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


class ModerationForm(GuidedForm):
    decision = forms.ChoiceField(
        label="Decision", choices=ModerationVerdict.CHOICES, widget=forms.RadioSelect
    )
    reason = text_form_field(
        Comment,
        "moderation_reason",
        name="reason",
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to reject; sent to the author.",
    )


class ResponseForm(GuidedForm):
    outcome = forms.ChoiceField(
        label="Outcome", choices=ResponseOutcome.choices, widget=forms.RadioSelect
    )
    reason = text_form_field(
        CommentResponse,
        "reason",
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"What changed in the proposal, or why not. {FORMATTING_HELP}",
    )


ON_BEHALF_CHOICES = [
    (
        AuthorKind.MEMBER.value,
        "A member organisation (community organisations of the alliance too)",
    ),
    (AuthorKind.GROUP.value, "A community organisation or group that is not a member"),
    (AuthorKind.EXTERNAL.value, "A person speaking for themselves (held for moderation)"),
]


class ReceivedInputForm(GuidedForm):
    """Input the secretariat received outside the portal, recorded on someone's behalf."""

    channel = forms.ChoiceField(
        label="How it was received",
        choices=[(value, Channel(value).label) for value in OFFLINE_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the input was received"},
    )
    author_kind = forms.ChoiceField(
        label="On whose behalf",
        choices=ON_BEHALF_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose on whose behalf the input was given"},
    )
    organisation = forms.TypedChoiceField(
        label="Member organisation",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="When the input comes from a member organisation.",
    )
    group_name = forms.CharField(
        label="Name of the community organisation or group",
        required=False,
        max_length=200,
        help_text="When it is not a member organisation. A group named before is found again.",
    )
    group_chamber = forms.ModelChoiceField(
        label="Chamber the group's input counts in",
        queryset=Chamber.objects.order_by("order", "name"),
        required=False,
        to_field_name="slug",
        help_text="Needed the first time a group is named.",
    )
    language = _language_field("Language the input was given in")
    paragraph = forms.TypedChoiceField(
        label="Paragraph it is about", required=False, coerce=int, empty_value=None
    )
    text = text_form_field(
        Comment,
        "text",
        name="input",
        label="What was said",
        error_messages={"required": "Enter what was said"},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"In the words given, or the interpreter's. {FORMATTING_HELP}",
    )
    received_on = forms.DateField(
        label="Date received",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Today when left empty.",
    )

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        paragraph: Any = self.fields["paragraph"]
        paragraph.choices = _paragraph_choices(paragraphs)
        organisations = (
            Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
            .select_related("chamber")
            .order_by("chamber__order", "chamber__name", "name")
        )
        grouped: dict[str, list[tuple[str, str]]] = {}
        for organisation in organisations:
            grouped.setdefault(organisation.chamber.name, []).append(
                (str(organisation.pk), organisation.name)
            )
        field: Any = self.fields["organisation"]
        field.choices = [("", "Choose the organisation"), *grouped.items()]

    def clean_received_on(self) -> date | None:
        received: date | None = self.cleaned_data.get("received_on")
        if received is not None and received > timezone.localdate():
            raise forms.ValidationError("Enter a date that is not in the future.")
        return received


class TranslationForm(GuidedForm):
    title = forms.CharField(label="Title", max_length=200)
    summary = text_form_field(
        ProposalTranslation,
        "summary",
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = text_form_field(
        ProposalTranslation,
        "text",
        name="translated text",
        label="Text",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Paragraph for paragraph: one translated paragraph for each numbered "
        "paragraph of the proposal, separated by a blank line.",
    )
