from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django_countries import countries

from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import STATEMENT, BoundedTextFormField, text_form_field
from governance.bodies.models import Body
from governance.decision_log.models import (
    DecisionOutcome,
    DecisionState,
    LogEntryKind,
    PublishedDecision,
)
from governance.decision_log.selectors import DecisionFacets
from governance.objectives.models import Objective
from members.models import Organisation
from members.vocabularies import Material


class NamedChoiceField(forms.ChoiceField):
    """A filter's select whose value may also be typed (an address, the API) as the name
    people use or as its code: "General Assembly", "Lithium" and "Chile" find what
    "general-assembly", "lithium" and "CL" find. ``resolve`` accepts more than the listed
    choices (a country no decision names yet); anything else is an error saying what to do."""

    def __init__(
        self,
        *,
        invalid: str,
        resolve: Callable[[str], str | None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(required=False, **kwargs)
        self.invalid = invalid
        self.resolve = resolve

    def to_python(self, value: Any) -> str:
        text = " ".join(str(value or "").split())
        if not text:
            return ""
        wanted = text.casefold()
        for code, label in cast(list[tuple[str, str]], self.choices):
            if code and wanted in (str(code).casefold(), str(label).casefold()):
                return str(code)
        found = self.resolve(text) if self.resolve and len(text) <= MAX_NAME else None
        if found is None:
            raise ValidationError(self.invalid.format(value=text[:MAX_NAME]), code="invalid_choice")
        return found

    def validate(self, value: Any) -> None:
        """Nothing more to check: ``to_python`` accepted it or said why not."""

    def bound_data(self, data: Any, initial: Any) -> Any:
        """The select shows the choice a typed name found ("Lithium" selects lithium)."""
        try:
            return self.to_python(data)
        except ValidationError:
            return data


MAX_NAME = 100


def _country(text: str) -> str | None:
    if len(text) == 2 and text.isascii() and text.isalpha() and countries.alpha2(text):
        return text.upper()
    code = countries.by_name(text) or countries.by_name(text, language=get_language() or "en")
    return str(code) if isinstance(code, str) and code else None


def _material(text: str) -> str | None:
    wanted = text.casefold()
    for code, label in Material.choices:
        if wanted in (code.casefold(), str(label).casefold()):
            return str(code)
    return None


def _body(text: str) -> str | None:
    return (
        Body.objects.filter(Q(slug__iexact=text) | Q(name__iexact=text))
        .values_list("slug", flat=True)
        .first()
    )


def _objective(text: str) -> str | None:
    return (
        Objective.objects.filter(Q(slug__iexact=text) | Q(title__iexact=text))
        .values_list("slug", flat=True)
        .first()
    )


def _organisation(text: str) -> str | None:
    """A member organisation's slug from its slug or name (applicants are not public)."""
    return (
        Organisation.objects.filter(Organisation.disclosure_q(()))
        .filter(Q(slug__iexact=text) | Q(name__iexact=text))
        .values_list("slug", flat=True)
        .first()
    )


def _year(text: str) -> str | None:
    return text if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100 else None


def _entry_kind(text: str) -> str | None:
    wanted = text.casefold()
    for code, label in LogEntryKind.choices:
        if wanted in (code.casefold(), str(label).casefold()):
            return str(code)
    return None


HISTORY_CHOICES = [
    ("", "Anything"),
    (LogEntryKind.AMENDMENT.value, "An amendment"),
    (LogEntryKind.CORRECTION.value, "A correction"),
    (LogEntryKind.WITHDRAWAL.value, "A withdrawal"),
    (LogEntryKind.DISSENT.value, "A dissenting statement"),
    (LogEntryKind.STATEMENT.value, "A reviewer's statement"),
    (LogEntryKind.ENDORSEMENT.value, "An endorsement"),
    (LogEntryKind.REVIEW.value, "A review"),
]


class DecisionFilterForm(forms.Form):
    """The decision log's filters, by the names people use (the page's selects, or typed in
    the address or the API's query string). ``facets`` lists what the log's decisions name,
    so the selects offer only choices that find something."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    body = NamedChoiceField(
        label="Body",
        resolve=_body,
        invalid="There is no body called “{value}”. Choose a body from the list.",
    )
    material = NamedChoiceField(
        label="Material",
        resolve=_material,
        invalid="“{value}” is not a material the alliance works on. Choose one from the list.",
    )
    country = NamedChoiceField(
        label="Country",
        resolve=_country,
        invalid="There is no country called “{value}”. Choose a country from the list, or "
        "enter its name (Chile) or its two-letter code (CL).",
    )
    year = NamedChoiceField(
        label="Year decided",
        resolve=_year,
        invalid="“{value}” is not a year. Choose a year from the list, such as 2025.",
    )
    outcome = NamedChoiceField(
        label="Result",
        choices=[("", "Any result"), *DecisionOutcome.choices],
        invalid="“{value}” is not a result. Choose adopted, rejected or no quorum.",
    )
    state = NamedChoiceField(
        label="State",
        choices=[("", "Any state"), *DecisionState.choices],
        invalid="“{value}” is not a state. Choose as decided, amended, corrected or withdrawn.",
    )
    kind = NamedChoiceField(
        label="Its history includes",
        choices=HISTORY_CHOICES,
        resolve=_entry_kind,
        invalid="“{value}” is not a kind of log entry. Choose one from the list.",
    )
    objective = NamedChoiceField(
        label="Objective",
        resolve=_objective,
        invalid="There is no objective called “{value}”. Choose an objective from the list.",
    )
    organisation = NamedChoiceField(
        label="Names the organisation",
        resolve=_organisation,
        invalid="There is no member organisation called “{value}”. Choose one from the list, "
        "or enter its name.",
    )

    def __init__(
        self,
        *args: Any,
        facets: DecisionFacets,
        choices: dict[str, list[tuple[str, str]]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``choices``: ``filter_choices(facets)``, when the caller keeps it (the list page
        reads it from the cache with the facets)."""
        super().__init__(*args, **kwargs)
        fields = self.fields
        listed = choices or filter_choices(facets)
        for name, named in listed.items():
            cast(NamedChoiceField, fields[name]).choices = named
        organisations = list(listed["organisation"])
        asked = str(self.data.get("organisation") or "").strip() if self.is_bound else ""
        if asked and asked not in dict(organisations):
            # Named only in a dissent or an endorsement: listed once it is asked for.
            found = _organisation(asked[:MAX_NAME])
            if found and found not in dict(organisations):
                name = Organisation.objects.get(slug=found).name
                organisations.append((found, name))
        cast(NamedChoiceField, fields["organisation"]).choices = organisations

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        return int(year) if year else None

    def filters(self) -> dict[str, Any]:
        """The valid filters with a value (an invalid one is left out, its error shown)."""
        data = getattr(self, "cleaned_data", {})
        return {key: value for key, value in data.items() if value and key != "q"}


def filter_choices(facets: DecisionFacets) -> dict[str, list[tuple[str, str]]]:
    """The filters' selects' choices for what the log's decisions name, by field, in the
    names people use."""
    named = ((code, str(countries.name(code) or code)) for code in facets.countries)
    return {
        "body": [("", "Any body"), *facets.bodies],
        "material": [
            ("", "Any material"),
            *sorted(
                (
                    (code, str(Material(code).label))
                    for code in facets.materials
                    if code in Material.values
                ),
                key=lambda pair: pair[1],
            ),
        ],
        "country": [("", "Any country"), *sorted(named, key=lambda pair: pair[1].casefold())],
        "year": [("", "Any year"), *((str(year), str(year)) for year in facets.years)],
        "objective": [("", "Any objective"), *facets.objectives],
        "organisation": [("", "Any organisation"), *facets.organisations],
    }


class DecisionChangeForm(GuidedForm):
    """A correction of an error of fact (the secretariat). Amending or withdrawing a decision
    is a decision's effect: there is no choice of kind here."""

    field_guides = {"reason": "the error of fact and the reason for the correction"}

    reason = BoundedTextFormField(
        max_length=STATEMENT,
        name="reason",
        label="The error of fact, and the correction's reason (published)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    title = forms.CharField(label="New title", required=False, max_length=300)
    summary = text_form_field(
        PublishedDecision,
        "summary",
        label="New summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=FORMATTING_HELP,
    )
    rationale = text_form_field(
        PublishedDecision,
        "rationale",
        label="New rationale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=FORMATTING_HELP,
    )
    effective_date = forms.DateField(label="New effective date", required=False)

    def changes(self) -> dict[str, str]:
        data = self.cleaned_data
        changes = {f: data[f] for f in ("title", "summary", "rationale") if data.get(f)}
        if data.get("effective_date"):
            changes["effective_date"] = data["effective_date"].isoformat()
        return changes
