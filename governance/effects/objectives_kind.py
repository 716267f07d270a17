"""The effect that adopts or changes the alliance's objectives and their indicators (one kind of
``governance.effects.registry``; registered on import by ``governance.effects.kinds``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from alliance_portal.text_limits import DESCRIPTION
from governance.ballots.models import Decision
from governance.effects.common import MAX_ITEMS, _mapping, _text
from governance.effects.registry import EffectKind, register
from governance.objectives.models import Indicator, Objective, ObjectiveStatus
from governance.proposals.models import Proposal

INDICATOR_FIELDS = ("unit", "baseline_value", "baseline_date", "target_value", "target_date")


def _decimal(value: Any, *, what: str) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"payload": f"{what}: a number, such as 42.5."}) from None
    if isinstance(value, float) or not number.is_finite() or abs(number) >= Decimal(10) ** 14:
        raise ValidationError({"payload": f"{what}: a number, such as 42.5, written as text."})
    return str(number)


def _day(value: Any, *, what: str) -> str:
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValidationError({"payload": f"{what}: a date, YYYY-MM-DD."}) from None


def _clean_indicator(item: Any, objective: Objective | None) -> dict[str, str]:
    if not isinstance(item, dict):
        raise ValidationError({"payload": "Give each indicator as an object."})
    name = _text(item.get("name"), what="the indicator's name", limit=200)
    unknown = set(item) - {"name", *INDICATOR_FIELDS}
    if unknown:
        raise ValidationError({"payload": f"Not an indicator field: {', '.join(sorted(unknown))}."})
    existing = (
        Indicator.objects.filter(objective=objective, name=name).first() if objective else None
    )
    cleaned = {"name": name}
    if "unit" in item:
        cleaned["unit"] = _text(item["unit"], what=f"{name}: the unit", limit=40)
    for key in ("baseline_value", "target_value"):
        if key in item:
            cleaned[key] = _decimal(item[key], what=f"{name}: {key.replace('_', ' ')}")
    for key in ("baseline_date", "target_date"):
        if key in item:
            cleaned[key] = _day(item[key], what=f"{name}: {key.replace('_', ' ')}")
    merged = {
        key: cleaned.get(key, str(getattr(existing, key)) if existing else None)
        for key in INDICATOR_FIELDS
    }
    missing = [key.replace("_", " ") for key, value in merged.items() if value is None]
    if missing:
        raise ValidationError(
            {"payload": f"{name}: a new indicator needs its {', '.join(missing)}."}
        )
    if str(merged["target_date"]) <= str(merged["baseline_date"]):
        raise ValidationError({"payload": f"{name}: the target date comes after the baseline."})
    if Decimal(str(merged["target_value"])) == Decimal(str(merged["baseline_value"])):
        raise ValidationError({"payload": f"{name}: the target differs from the baseline."})
    return cleaned


def _clean_removals(names: Any, slug: str, objective: Objective | None) -> list[str]:
    """The names of the objective's indicators to remove, each an indicator it has."""
    if not isinstance(names, list) or len(names) > MAX_ITEMS:
        raise ValidationError({"payload": f"{slug}: list the indicators to remove by name."})
    if names and objective is None:
        raise ValidationError({"payload": f"{slug}: a new objective has no indicator to remove."})
    if len(set(map(str, names))) != len(names):
        raise ValidationError({"payload": f"{slug}: an indicator is removed twice."})
    existing = (
        set(Indicator.objects.filter(objective=objective).values_list("name", flat=True))
        if objective is not None
        else set()
    )
    unknown = [str(name) for name in names if name not in existing]
    if unknown:
        raise ValidationError(
            {"payload": f"{slug} has no indicator named {', '.join(sorted(unknown))}."}
        )
    return sorted(names)


@register
class ObjectivesChange(EffectKind):
    value = "objectives"
    label = "Adopt or change objectives and their indicators"
    payload_help = (
        "The objectives to adopt or change, by slug, with the indicators to add or change, e.g. "
        '{"objectives": [{"slug": "traceability", "title": "Traceable supply chains", '
        '"description": "...", "status": "active", "indicators": [{"name": "Sites mapped", '
        '"unit": "%", "baseline_value": "10", "baseline_date": "2025-01-01", '
        '"target_value": "80", "target_date": "2028-12-31"}]}]}. A field left out keeps its '
        "value; a status of achieved or retired retires an objective; "
        '"remove_indicators": ["Sites mapped"] removes indicators (and their measurements).'
    )

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        payload = _mapping(payload)
        items = payload.get("objectives")
        if set(payload) != {"objectives"} or not isinstance(items, list) or not items:
            raise ValidationError(
                {"payload": 'List the objectives: {"objectives": [{"slug": ..., ...}]}.'}
            )
        if len(items) > MAX_ITEMS:
            raise ValidationError({"payload": f"At most {MAX_ITEMS} objectives at once."})
        cleaned_items = []
        slugs: set[str] = set()
        for item in items:
            if not isinstance(item, dict):
                raise ValidationError({"payload": "Give each objective as an object."})
            unknown = set(item) - {
                "slug",
                "title",
                "description",
                "status",
                "indicators",
                "remove_indicators",
            }
            if unknown:
                raise ValidationError(
                    {"payload": f"Not an objective field: {', '.join(sorted(unknown))}."}
                )
            slug = item.get("slug")
            if not isinstance(slug, str) or not slug or slugify(slug) != slug or len(slug) > 80:
                raise ValidationError(
                    {"payload": "Give each objective its slug: lowercase words joined by -."}
                )
            if slug in slugs:
                raise ValidationError({"payload": f"The objective “{slug}” is listed twice."})
            slugs.add(slug)
            objective = Objective.objects.filter(slug=slug).first()
            cleaned: dict[str, Any] = {"slug": slug}
            if "title" in item or objective is None:
                cleaned["title"] = _text(item.get("title"), what=f"{slug}: the title", limit=200)
            if "description" in item:
                cleaned["description"] = _text(
                    item["description"],
                    what=f"{slug}: the description",
                    limit=DESCRIPTION,
                    required=False,
                )
            if "status" in item:
                if item["status"] not in ObjectiveStatus.values:
                    raise ValidationError(
                        {"payload": f"{slug}: the status is active, achieved or retired."}
                    )
                cleaned["status"] = item["status"]
            indicators = item.get("indicators", [])
            if not isinstance(indicators, list) or len(indicators) > MAX_ITEMS:
                raise ValidationError({"payload": f"{slug}: list its indicators."})
            names = [_clean_indicator(i, objective) for i in indicators]
            if len({i["name"] for i in names}) != len(names):
                raise ValidationError({"payload": f"{slug}: an indicator is listed twice."})
            if names:
                cleaned["indicators"] = names
            removed = _clean_removals(item.get("remove_indicators", []), slug, objective)
            if {i["name"] for i in names} & set(removed):
                raise ValidationError(
                    {"payload": f"{slug}: an indicator is both changed and removed."}
                )
            if removed:
                cleaned["remove_indicators"] = removed
            if len(cleaned) == 1:
                raise ValidationError({"payload": f"{slug}: say what changes."})
            cleaned_items.append(cleaned)
        return {"objectives": cleaned_items}

    def describe(self, payload: dict[str, Any]) -> str:
        parts = []
        for item in payload.get("objectives", []):
            title = item.get("title") or item["slug"]
            count = len(item.get("indicators", []))
            removed = item.get("remove_indicators", [])
            parts.append(
                f"“{title}”"
                + (f" with {count} indicator{'s' if count != 1 else ''}" if count else "")
                + (f", removing {', '.join(f'“{n}”' for n in removed)}" if removed else "")
            )
        return f"Adopts or changes the objectives {', '.join(parts)}."

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        for item in payload["objectives"]:
            objective = Objective.objects.select_for_update().filter(slug=item["slug"]).first()
            if objective is None:
                objective = Objective(slug=item["slug"], order=Objective.objects.count() + 1)
            for key in ("title", "description", "status"):
                if key in item:
                    setattr(objective, key, item[key])
            objective.full_clean()
            objective.save()
            Indicator.objects.filter(
                objective=objective, name__in=item.get("remove_indicators", [])
            ).delete()
            for indicator_item in item.get("indicators", []):
                indicator = Indicator.objects.filter(
                    objective=objective, name=indicator_item["name"]
                ).first() or Indicator(
                    objective=objective,
                    name=indicator_item["name"],
                    order=objective.indicators.count() + 1,
                )
                for key in INDICATOR_FIELDS:
                    if key in indicator_item:
                        value: Any = indicator_item[key]
                        if key.endswith("_date"):
                            value = date.fromisoformat(value)
                        elif key.endswith("_value"):
                            value = Decimal(value)
                        setattr(indicator, key, value)
                indicator.full_clean()
                indicator.save()


# --- (d) amending or withdrawing a published decision ---------------------------------------------
