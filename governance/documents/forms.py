"""Forms of the documents library. They parse input; the services decide (and check files)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import GuidedForm
from alliance_portal.text_limits import text_form_field
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.documents.models import Document, DocumentKind
from governance.documents.services import DocumentFields
from members.models import MembershipStatus, Organisation

FILE_HELP = (
    "A PDF, an office document (Word, Excel, PowerPoint or OpenDocument), a PNG or JPEG image, "
    "or a CSV table, at most {megabytes} MB."
)


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *DocumentKind.choices]
    )
    language = forms.ChoiceField(
        label="Language", required=False, choices=[("", "Any language"), *ContentLanguage.choices]
    )
    body = forms.ModelChoiceField(
        label="Body or working group",
        queryset=Body.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="Any body",
    )
    year = forms.IntegerField(label="Year", required=False, min_value=1990, max_value=2100)


def _file_field(megabytes: int, required: bool) -> forms.FileField:
    return forms.FileField(
        label="File", required=required, help_text=FILE_HELP.format(megabytes=megabytes)
    )


class DocumentForm(GuidedForm):
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=DocumentKind.choices)
    document_date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="As on the document.",
    )
    language = forms.ChoiceField(label="Language", choices=ContentLanguage.choices, initial="en")
    disclosure = forms.ChoiceField(
        label="Readers",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.MEMBERS,
        widget=forms.RadioSelect,
        help_text="Everyone, people of member organisations, or the secretariat only. Your "
        "organisation's people read its own documents whatever you choose.",
    )
    description = text_form_field(
        Document,
        "description",
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the document is about, in a few sentences (searched with the title).",
    )
    body = forms.ModelChoiceField(
        label="Body or working group",
        queryset=Body.objects.order_by("order", "name"),
        required=False,
        empty_label="None",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by(
            "name"
        ),
        required=False,
        empty_label="The alliance's own document",
        help_text="The organisation whose document it is: its people read it at any level.",
    )
    link = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Instead of a file: where the document is kept (https://...).",
    )

    def __init__(self, *args: Any, staff: bool, megabytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"] = _file_field(megabytes, required=False)
        if not staff:
            del self.fields["organisation"]

    def fields_value(self) -> DocumentFields:
        data = self.cleaned_data
        return DocumentFields(
            title=data["title"],
            kind=data["kind"],
            document_date=data["document_date"],
            language=data["language"],
            disclosure=data["disclosure"],
            description=data.get("description") or "",
            body=data.get("body"),
            organisation=data.get("organisation"),
            link=data.get("link") or "",
        )


class VersionForm(GuidedForm):
    def __init__(self, *args: Any, megabytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"] = _file_field(megabytes, required=True)


class ShareForm(GuidedForm):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by(
            "name"
        ),
        required=False,
        empty_label="Choose an organisation",
    )
    body = forms.ModelChoiceField(
        label="Or a body",
        queryset=Body.objects.order_by("order", "name"),
        required=False,
        empty_label="Choose a body",
        help_text="The organisations holding a seat on it today.",
    )


class AttachDocumentField(forms.ModelChoiceField):
    """A document from the library the person may read (a form's "attach" choice)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.document_date:%d %B %Y})"


class AttachDocumentMixin:
    """Adds ``document`` (a library document the person may read) and ``file`` (a new upload,
    added to the library) to a form that attaches evidence; the service decides."""

    attach_label = "Document from the library"
    attach_help = "A document you may read; its readers must include those of this page."

    def add_attach_fields(self, documents: Any, *, upload_label: str) -> None:
        fields: Any = self.fields  # type: ignore[attr-defined]
        fields["document"] = AttachDocumentField(
            label=self.attach_label,
            queryset=documents,
            required=False,
            empty_label="None",
            help_text=self.attach_help,
        )
        fields["file"] = forms.FileField(
            label=upload_label,
            required=False,
            help_text="Or upload it: it is added to the documents library. "
            + FILE_HELP.format(megabytes=int(settings.DOCUMENT_MAX_UPLOAD_BYTES) // (1024 * 1024)),
        )
