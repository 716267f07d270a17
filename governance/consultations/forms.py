"""Forms of the consultation pages: comments, moderation and responses. They parse input; the
services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from governance.consultations.models import Comment, CommentResponse, ResponseOutcome
from governance.consultations.services import ModerationVerdict
from governance.paragraphs import Paragraph


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
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["paragraph"]
        field.choices = [("", "The proposal as a whole")] + [
            (str(p.number), f"¶{p.number}: {_excerpt(p.source)}") for p in paragraphs
        ]


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
