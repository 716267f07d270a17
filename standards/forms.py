"""Forms of the standards pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Case, When

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from members.vocabularies import Material, ValueChainStage
from standards.csv_io import MAX_CHARS
from standards.models import (
    AcceptanceRequest,
    AcceptanceStatus,
    Certification,
    CertificationStatus,
    Demand,
    Element,
    Mapping,
    MappingSet,
    MappingStatus,
    Rationale,
    Relationship,
    Standard,
    StandardKind,
    StandardVersion,
    VersionStatus,
)


class StandardFilterForm(forms.Form):
    q = forms.CharField(label="Name or code contains", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds"), *StandardKind.choices]
    )
    material = forms.ChoiceField(
        label="Material", required=False, choices=[("", "All materials"), *Material.choices]
    )
    stage = forms.ChoiceField(
        label="Value-chain stage",
        required=False,
        choices=[("", "All stages"), *ValueChainStage.choices],
    )


class ElementSearchForm(forms.Form):
    q = forms.CharField(label="Search this version", required=False, max_length=100)


class MappingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All statuses"), *MappingStatus.choices]
    )
    relationship = forms.ChoiceField(
        label="Relationship",
        required=False,
        choices=[("", "All relationships"), *Relationship.choices],
    )


class ElementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.ref} — {obj.title}"


STRENGTH_HELP = (
    "0 to 10 (NIST IR 8278A rev. 1): equal is always 10 and no relationship 0; the others are "
    "1 to 9, or empty when not assessed."
)


class MappingJudgementForm(GuidedForm):
    """What a mapper judges: the relationship, why, how strong, in their words."""

    relationship = forms.ChoiceField(
        label="Relationship",
        choices=Relationship.choices,
        help_text='Read "focal element is <relationship> reference element".',
    )
    rationale = forms.ChoiceField(label="Rationale", choices=Rationale.choices)
    strength = forms.IntegerField(
        label="Strength", required=False, min_value=0, max_value=10, help_text=STRENGTH_HELP
    )
    explanation = text_form_field(
        Mapping,
        "explanation",
        label="Explanation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Why you see this relationship. {FORMATTING_HELP}",
    )


class MappingForm(MappingJudgementForm):
    """A new mapping in a set: the two elements, then the judgement."""

    field_order = (
        "focal_element",
        "relationship",
        "reference_element",
        "rationale",
        "strength",
        "explanation",
    )

    focal_element = ElementChoiceField(label="Focal element", queryset=Element.objects.none())
    reference_element = ElementChoiceField(
        label="Reference element", queryset=Element.objects.none()
    )

    def __init__(self, *args: Any, mapping_set: MappingSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        focal: Any = self.fields["focal_element"]
        reference: Any = self.fields["reference_element"]
        focal.queryset = Element.objects.filter(version_id=mapping_set.focal_version_id)
        reference.queryset = Element.objects.filter(version_id=mapping_set.reference_version_id)
        focal.help_text = f"An element of {mapping_set.focal_version}."
        reference.help_text = f"An element of {mapping_set.reference_version}."


class CsvUploadForm(GuidedForm):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, with a header row.",
        error_messages={
            "required": "Choose the CSV file to import",
            "empty": "The file you chose is empty: choose the CSV file again",
        },
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CHARS * 2:
            raise forms.ValidationError(
                f"The file is too large: choose a CSV file of at most {MAX_CHARS * 2 // 1_000_000} MB"
            )
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "The file is not UTF-8 text: save it as CSV (UTF-8)."
            ) from error


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.standard.title} — version {obj.label}"


class CertificationForm(GuidedForm):
    """What an organisation states about one of its certifications."""

    version = VersionChoiceField(
        label="Standard and version",
        queryset=StandardVersion.objects.none(),
        help_text="The version the certificate names.",
    )
    status = forms.ChoiceField(label="Status", choices=CertificationStatus.choices)
    valid_from = forms.DateField(label="Valid from", required=False)
    valid_until = forms.DateField(
        label="Valid until", required=False, help_text="Leave empty when it has no end date."
    )
    sites = text_form_field(Certification, "sites", label="Sites covered", required=False)
    materials = forms.MultipleChoiceField(
        label="Materials covered",
        required=False,
        choices=Material.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    evidence_url = forms.URLField(
        label="Evidence link",
        assume_scheme="https",
        required=False,
        max_length=500,
        help_text="Where the certificate or the audit summary can be checked.",
    )
    disclosure = forms.ChoiceField(
        label="Who may read it",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.PUBLIC,
        help_text=(
            "Public: anyone. Members: people of member organisations. Secretariat: the "
            "secretariat only. Your organisation's people always see it."
        ),
    )
    field_guides = {"version": "the standard and version", "disclosure": "who may read it"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version_field: Any = self.fields["version"]
        version_field.queryset = (
            StandardVersion.objects.filter(
                status__in=(VersionStatus.CURRENT, VersionStatus.SUPERSEDED)
            )
            .exclude(standard__kind=StandardKind.ALLIANCE_BASELINE)
            .select_related("standard")
            .order_by("standard__title", "-published_on", "label")
        )


class CertificationFilterForm(forms.Form):
    standard = forms.ChoiceField(label="Standard", required=False, choices=[])
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses"), *CertificationStatus.choices],
    )
    material = forms.ChoiceField(
        label="Material", required=False, choices=[("", "All materials"), *Material.choices]
    )
    current = forms.BooleanField(label="Current only", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standard_field: Any = self.fields["standard"]
        standard_field.choices = [
            ("", "All standards"),
            *Standard.objects.exclude(kind=StandardKind.ALLIANCE_BASELINE)
            .order_by("title")
            .values_list("code", "title"),
        ]


class RequirementChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.ref} {obj.title}"


class DemandForm(GuidedForm):
    """What a downstream organisation demands of its suppliers of one material: baseline
    requirements, and elements of another standard by their reference codes."""

    material = forms.ChoiceField(
        label="Material", choices=[("", "Choose a material"), *Material.choices]
    )
    requirements = RequirementChoiceField(
        label="Baseline requirements you demand",
        queryset=Element.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    version = VersionChoiceField(
        label="Another standard (optional)",
        queryset=StandardVersion.objects.none(),
        required=False,
        help_text="To demand elements of a named standard, choose it and give their codes.",
    )
    refs = forms.CharField(
        label="Its elements' reference codes",
        required=False,
        max_length=500,
        help_text="Separated by commas, e.g. 1.1, 2.3.",
    )
    note = text_form_field(Demand, "note", label="Where the demand comes from", required=False)
    field_guides = {"material": "the material you buy", "requirements": "a requirement"}

    def __init__(self, *args: Any, requirements: list[Element], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        requirement_field: Any = self.fields["requirements"]
        ids = [requirement.pk for requirement in requirements]
        requirement_field.queryset = (
            Element.objects.filter(pk__in=ids).order_by(
                Case(*[When(pk=pk, then=index) for index, pk in enumerate(ids)])
            )
            if ids
            else Element.objects.none()
        )
        version_field: Any = self.fields["version"]
        version_field.queryset = (
            StandardVersion.objects.filter(status=VersionStatus.CURRENT)
            .exclude(standard__kind=StandardKind.ALLIANCE_BASELINE)
            .select_related("standard")
            .order_by("standard__title")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        version, refs = data.get("version"), data.get("refs", "")
        codes = [code.strip() for code in refs.split(",") if code.strip()]
        elements: list[Element] = list(data.get("requirements") or [])
        if codes and version is None:
            self.add_error("version", "Choose the standard these reference codes belong to.")
        elif version is not None:
            found = {
                element.ref: element
                for element in Element.objects.filter(
                    version=version, ref__in=codes
                ).select_related("version__standard")
            }
            missing = [code for code in codes if code not in found]
            if not codes:
                self.add_error("refs", "Enter the reference codes of the elements you demand.")
            elif missing:
                self.add_error(
                    "refs", f"{version} has no element {', '.join(missing)}: check the codes."
                )
            elements += [found[code] for code in codes if code in found]
        if not elements and not self.has_error("refs") and not self.has_error("version"):
            self.add_error(
                "requirements", "Choose a requirement, or a standard and its elements' codes."
            )
        data["elements"] = elements
        return data


class DemandFilterForm(forms.Form):
    material = forms.ChoiceField(
        label="Material", required=False, choices=[("", "All materials"), *Material.choices]
    )


class AcceptanceRequestForm(GuidedForm):
    """What an organisation states in an acceptance request."""

    version = VersionChoiceField(
        label="Standard and version",
        queryset=StandardVersion.objects.none(),
        help_text="The published version you propose as meeting the alliance baseline.",
    )
    requirement_refs = forms.MultipleChoiceField(
        label="Baseline requirements it meets (optional; none ticked means all)",
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Tick the requirements you claim; tick none to claim the whole baseline.",
    )
    statement = text_form_field(
        AcceptanceRequest,
        "statement",
        label="Why it meets them",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "How the standard's requirements, audits and assurance meet the baseline "
            f"requirements you claim. {FORMATTING_HELP}"
        ),
    )
    disclosure = forms.ChoiceField(
        label="Who may read it once submitted",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.PUBLIC,
        help_text=(
            "Public: anyone. Members: people of member organisations. Secretariat: the "
            "secretariat only. While it is a draft only your organisation's people and the "
            "secretariat read it."
        ),
    )
    field_guides = {
        "version": "the standard and version",
        "statement": "why the standard meets the requirements",
        "disclosure": "who may read it",
    }

    def __init__(self, *args: Any, requirements: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version_field: Any = self.fields["version"]
        version_field.queryset = (
            StandardVersion.objects.filter(
                status__in=(VersionStatus.CURRENT, VersionStatus.SUPERSEDED)
            )
            .exclude(standard__kind=StandardKind.ALLIANCE_BASELINE)
            .select_related("standard")
            .order_by("standard__title", "-published_on", "label")
        )
        refs: Any = self.fields["requirement_refs"]
        refs.choices = requirements


class AcceptanceWithdrawForm(GuidedForm):
    reason = text_form_field(
        AcceptanceRequest,
        "status_note",
        label="Why you withdraw it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptanceFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses"), *AcceptanceStatus.choices],
    )
    standard = forms.ChoiceField(label="Standard", required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standard_field: Any = self.fields["standard"]
        standard_field.choices = [
            ("", "All standards"),
            *Standard.objects.exclude(kind=StandardKind.ALLIANCE_BASELINE)
            .order_by("title")
            .values_list("code", "title"),
        ]
