"""``{% open_data_licence as licence %}``: the alliance's open-data licence (name, path, title),
the one every report's data package declares, for the report pages to state it."""

from __future__ import annotations

from django import template

from governance.reports.opendata import licence

register = template.Library()


@register.simple_tag
def open_data_licence() -> dict[str, str]:
    return licence()
