"""The registry of report sections.

A section is a function ``(ReportContext) -> SectionContent`` registered with a key, a title,
an order and the models it needs (``requires``, as ``"app_label.ModelName"``). When one of
those models does not exist yet in this portal (work that has not landed), the section is
still in the report, empty, with a note saying it is not yet available; that is the only case
in which a section is skipped. Any other failure fails the build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet

from alliance_portal import policy
from alliance_portal.disclosure import levels_up_to
from governance.reports.models import ReportEdition
from governance.reports.periods import Period
from governance.reports.values import COLUMN_TYPES, SHOWN_AS, SectionContent
from standards.suppression import THRESHOLD, publishable

M = TypeVar("M", bound=Model)

# Aggregates about members' information are published only over at least this many
# organisations (DESIGN.md §4): the one rule of ``standards.suppression``.
MIN_ORGANISATIONS = THRESHOLD


@dataclass(frozen=True)
class ReportContext:
    """What every section function gets: the period and the edition."""

    period: Period
    edition: str

    @property
    def members_edition(self) -> bool:
        return self.edition == ReportEdition.MEMBERS

    def readable(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """The rows this edition may contain. The public edition asks the access policy for an
        anonymous reader. The members' edition applies the policy's level rule for the members'
        level only: an edition is read by everyone at that level, so what is visible to one
        organisation alone (its own items, items shared with it) never enters it."""
        if self.edition == ReportEdition.PUBLIC:
            return policy.visible(AnonymousUser(), queryset)
        model: Any = queryset.model
        condition = model.disclosure_q(levels_up_to(self.edition))
        return queryset.filter(condition) if condition else queryset.all()

    @staticmethod
    def over_enough_organisations(value: int, organisations: int) -> int | None:
        """``value`` when it aggregates at least ``MIN_ORGANISATIONS`` organisations' information,
        None (published as an empty cell) otherwise."""
        return publishable(value, organisations)


SectionFunction = Callable[[ReportContext], SectionContent]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    order: int
    build: SectionFunction
    description: str
    requires: tuple[str, ...] = ()


_REGISTRY: dict[str, SectionSpec] = {}


def register_section(
    *, key: str, title: str, order: int, description: str, requires: tuple[str, ...] = ()
) -> Callable[[SectionFunction], SectionFunction]:
    """Register a section function (decorator)."""

    def decorate(function: SectionFunction) -> SectionFunction:
        if key in _REGISTRY and _REGISTRY[key].build is not function:
            raise ValueError(f"two report sections are called {key!r}")
        _REGISTRY[key] = SectionSpec(key, title, order, function, description, requires)
        return function

    return decorate


def sections() -> list[SectionSpec]:
    """Every registered section, in report order."""
    return sorted(_REGISTRY.values(), key=lambda spec: (spec.order, spec.key))


def missing_models(spec: SectionSpec) -> list[str]:
    """The models a section needs that this portal does not have (yet)."""
    missing = []
    for label in spec.requires:
        try:
            apps.get_model(label)
        except LookupError:
            missing.append(label)
    return missing


def build_section(spec: SectionSpec, context: ReportContext) -> dict[str, Any]:
    """The section's part of ``report.json``."""
    missing = missing_models(spec)
    base: dict[str, Any] = {
        "key": spec.key,
        "title": spec.title,
        "description": spec.description,
    }
    if missing:
        return {
            **base,
            "available": False,
            "notes": [
                "Not yet available: the portal does not record this yet "
                f"({', '.join(missing)} does not exist)."
            ],
            "figures": [],
            "tables": [],
            "charts": [],
        }
    content = spec.build(context)
    _check(spec.key, content)
    return {
        **base,
        "available": True,
        "notes": list(content.notes),
        "figures": [figure.as_json() for figure in content.figures],
        "tables": [table.as_json() for table in content.tables],
        "charts": [chart.as_json() for chart in content.charts],
    }


def _check(key: str, content: SectionContent) -> None:
    tables = {table.name: table for table in content.tables}
    if len(tables) != len(content.tables):
        raise ValueError(f"section {key}: two tables share a name")
    for table in content.tables:
        names = [column.name for column in table.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"table {table.name}: two columns share a name")
        for column in table.columns:
            if column.type not in COLUMN_TYPES:
                raise ValueError(f"table {table.name}: unknown type {column.type!r}")
            if column.shown_as and column.shown_as not in SHOWN_AS:
                raise ValueError(f"table {table.name}: unknown display {column.shown_as!r}")
            if {column.currency, column.link} - {"", *names}:
                raise ValueError(f"table {table.name}: {column.name} refers to no column")
        if set(table.pdf_columns) - set(names):
            raise ValueError(f"table {table.name}: PDF columns that are not columns")
    for chart in content.charts:
        charted = tables.get(chart.table)
        if charted is None:
            raise ValueError(f"chart {chart.key}: no table {chart.table!r} in section {key}")
        if {chart.label_column, chart.value_column} - {c.name for c in charted.columns}:
            raise ValueError(f"chart {chart.key}: columns missing from table {chart.table!r}")
