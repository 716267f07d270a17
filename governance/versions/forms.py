"""Forms: publishing a revised version (with the paragraphs each accepted response changed),
choosing two versions to compare, and opening a further consultation round."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from governance.consultations.models import CommentResponse
from governance.versions.models import ProposalVersion, VersionSubmission

_NUMBERS = re.compile(r"^\s*(\d+\s*([,;\s]\s*\d+\s*)*)?$")


def parse_paragraphs(value: str) -> list[int]:
    """ "2, 4 5" → [2, 4, 5]; raises ValueError for anything else but blank."""
    if not _NUMBERS.match(value or ""):
        raise ValueError(value)
    return sorted({int(n) for n in re.findall(r"\d+", value or "")})


class ParagraphsField(forms.CharField):
    """Paragraph numbers typed as "2, 4"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = (
            f"Enter {str(self.label or 'the paragraphs').lower()} as numbers, like 2, 4"
        )

    def clean(self, value: Any) -> list[int]:
        text = super().clean(value)
        try:
            return parse_paragraphs(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class VersionPublishForm(GuidedForm):
    """A revised version: its title, summary and text (prefilled with the current version's),
    what changed, the author organisation's agreement for a member-tabled proposal, and for
    each accepted comment the paragraphs of the new text it changed."""

    title = forms.CharField(label="Title", max_length=200)
    summary = text_form_field(
        ProposalVersion,
        "summary",
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences, plain text.",
    )
    text = text_form_field(
        ProposalVersion,
        "text",
        label="Text of the new version",
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Leave a blank line between paragraphs: each is numbered. " + FORMATTING_HELP,
    )
    note = text_form_field(
        ProposalVersion,
        "note",
        label="What changed",
        required=True,
        error_messages={"required": "Say what changed since the previous version"},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed since the previous version, and why. Sent to those who commented.",
    )
    author_agreed = forms.BooleanField(
        label="The author organisation's representative agreed this text",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        responses: list[CommentResponse],
        member_tabled: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if member_tabled:
            field = self.fields["author_agreed"]
            field.required = True
            field.error_messages["required"] = (
                "Tick the box: a member-tabled proposal is revised with its author "
                "organisation's agreement"
            )
        else:
            del self.fields["author_agreed"]
        self.responses = responses
        for response in responses:
            comment = response.comment
            where = f" on ¶{comment.paragraph}" if comment.paragraph else ""
            self.fields[f"changes_{response.pk}"] = ParagraphsField(
                label=f"Paragraphs changed for comment {comment.pk}{where} "
                f"({response.get_outcome_display().lower()})",
                help_text="Numbers of the new version's paragraphs this change is in, like 2, 4. "
                "Leave it empty if it changed none: the versions page will say so.",
            )

    def changes(self) -> dict[int, list[int]]:
        return {
            response.pk: self.cleaned_data.get(f"changes_{response.pk}") or []
            for response in self.responses
            if self.cleaned_data.get(f"changes_{response.pk}")
        }


class CompareForm(GuidedForm):
    """Two versions to compare."""

    old = forms.TypedChoiceField(label="Compare version", coerce=int)
    new = forms.TypedChoiceField(label="with version", coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        for name in ("old", "new"):
            field: Any = self.fields[name]
            field.choices = choices


class ReopenForm(GuidedForm):
    closes_at = forms.DateTimeField(
        label="The round closes on",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="Date and time, UTC.",
    )


class ResponseChangesForm(GuidedForm):
    paragraphs = ParagraphsField(
        label="Paragraphs changed",
        help_text="Numbers of this version's paragraphs, like 2, 4. Leave it empty to name none.",
    )


class SubmissionReturnForm(GuidedForm):
    """Why the secretariat returns a submitted revision to its author."""

    reason = text_form_field(
        VersionSubmission,
        "return_reason",
        label="Why it is returned",
        required=True,
        error_messages={"required": "Say why the revision is returned: its author reads it"},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to the author organisation, who may revise the text and submit it again.",
    )
