"""The effect kinds: a constitution change (only the General Assembly's), a glossary batch,
objectives and their indicators, and the amendment or withdrawal of a published decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify

from alliance_portal.policy import SYSTEM
from alliance_portal.text_limits import DESCRIPTION, STATEMENT
from glossary.models import Revision
from glossary.services import apply_agree_batch
from governance.ballots.models import Decision
from governance.bodies.constitution import (
    amending_body,
    clean_bounds,
    current_constitution,
    days_text,
)
from governance.bodies.models import Body, BodyKind, Constitution
from governance.decision_log.models import LogEntryKind
from governance.decision_log.services import append_change, changeable_decision, clean_changes
from governance.effects.registry import EffectKind, register
from governance.objectives.models import Indicator, Objective, ObjectiveStatus
from governance.proposals.models import Proposal

MAX_ITEMS = 50
MAX_ID = 2**63  # a database id fits a bigint


def _mapping(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise ValidationError({"payload": "Give the effect's details as a JSON object."})
    return payload


def _int(value: Any, *, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError({"payload": f"{what}: a whole number from {low} to {high}."})
    return value


def _text(value: Any, *, what: str, limit: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({"payload": f"{what}: text."})
    text = value.strip()
    if required and not text:
        raise ValidationError({"payload": f"Enter {what}."})
    if len(text) > limit:
        raise ValidationError({"payload": f"{what}: at most {limit} characters."})
    return text


def _deciding(decision: Decision) -> str:
    seq = decision.log_entry_id
    return (
        f"decision {seq}" if seq is not None else f"the decision on proposal {decision.proposal_id}"
    )


# --- (a) a body's constitution --------------------------------------------------------------------

SETTINGS: dict[str, tuple[str, int, int]] = {
    "min_consultation_days": ("The minimum consultation length in days", 1, 365),
    "cosponsor_chambers": ("The number of co-sponsor chambers", 0, 10),
    "admission_days": ("The admission deadline in days", 1, 365),
}


@register
class ConstitutionChange(EffectKind):
    value = "constitution"
    label = "Change a body's constitution"
    payload_help = (
        'The body and the settings that change, e.g. {"body": "executive-board", '
        '"min_consultation_days": 21, "bounds": {"chamber_balanced": {"quorum": "1/2", '
        '"threshold": "2/3"}}, "cosponsor_chambers": 2, "admission_days": 30, '
        '"amendments_by": "general-assembly"}. Only a proposal to the General Assembly.'
    )

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        payload = _mapping(payload)
        if proposal.body.kind != BodyKind.GENERAL_ASSEMBLY:
            raise ValidationError(
                {
                    "kind": "Only a decision of the General Assembly changes a constitution: "
                    f"this proposal goes to the {proposal.body.name}."
                }
            )
        unknown = set(payload) - {"body", "bounds", "amendments_by", *SETTINGS}
        if unknown:
            raise ValidationError(
                {"payload": f"Not a constitution setting: {', '.join(sorted(unknown))}."}
            )
        slug = payload.get("body")
        if not isinstance(slug, str) or not Body.objects.filter(slug=slug).exists():
            raise ValidationError(
                {"payload": "Name the body whose constitution changes (its slug)."}
            )
        cleaned: dict[str, Any] = {"body": slug}
        for key, (what, low, high) in SETTINGS.items():
            if key in payload:
                cleaned[key] = _int(payload[key], what=what, low=low, high=high)
        if "bounds" in payload:
            cleaned["bounds"] = clean_bounds(payload["bounds"])
        if "amendments_by" in payload:
            other = payload["amendments_by"] or ""
            if other and (
                not isinstance(other, str) or not Body.objects.filter(slug=other).exists()
            ):
                raise ValidationError(
                    {"payload": "amendments_by: the slug of a body, or empty for the body itself."}
                )
            cleaned["amendments_by"] = other
        if len(cleaned) == 1:
            raise ValidationError({"payload": "Say which settings change."})
        return cleaned

    def describe(self, payload: dict[str, Any]) -> str:
        body = Body.objects.filter(slug=payload.get("body")).first()
        parts = []
        if "min_consultation_days" in payload:
            parts.append(
                f"consultations last at least {days_text(payload['min_consultation_days'])}"
            )
        for method, item in (payload.get("bounds") or {}).items():
            bounds = ", ".join(f"{key} at least {value}" for key, value in item.items())
            parts.append(f"{method.replace('_', ' ')} ballots: {bounds}")
        if "cosponsor_chambers" in payload:
            parts.append(f"co-sponsors from {payload['cosponsor_chambers']} other chambers")
        if "admission_days" in payload:
            parts.append(f"admission within {days_text(payload['admission_days'])}")
        if "amendments_by" in payload:
            other = Body.objects.filter(slug=payload["amendments_by"]).first()
            parts.append(
                f"its decisions are amended by {other.name if other else 'the body itself'}"
            )
        name = body.name if body else payload.get("body")
        return f"Sets the constitution of the {name}: {'; '.join(parts)}."

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        # The body's row is locked so two decisions at once cannot take one version number.
        body = Body.objects.select_for_update().get(slug=payload["body"])
        current = current_constitution(body) or Constitution(body=body, number=0)
        amendments_by = current.amendments_by
        if "amendments_by" in payload:
            amendments_by = (
                Body.objects.get(slug=payload["amendments_by"])
                if payload["amendments_by"]
                else None
            )
        Constitution.objects.create(
            body=body,
            number=current.number + 1,
            min_consultation_days=payload.get(
                "min_consultation_days", current.min_consultation_days
            ),
            bounds={**(current.bounds or {}), **payload.get("bounds", {})},
            cosponsor_chambers=payload.get("cosponsor_chambers", current.cosponsor_chambers),
            admission_days=payload.get("admission_days", current.admission_days),
            amendments_by=amendments_by,
            adopted_by=decision,
            adopted_at=decision.decided_at,
        )


# --- (b) a glossary batch -----------------------------------------------------------------------


@register
class GlossaryBatch(EffectKind):
    value = "glossary_batch"
    label = "Agree a batch of glossary revisions"
    payload_help = (
        'The revisions the decision agrees, by id, e.g. {"revisions": [12, 15]}: proposed or '
        "under review, one per concept."
    )

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        payload = _mapping(payload)
        ids = payload.get("revisions")
        if (
            set(payload) != {"revisions"}
            or not isinstance(ids, list)
            or not ids
            or len(ids) > MAX_ITEMS
            or not all(
                isinstance(pk, int) and not isinstance(pk, bool) and 0 < pk < MAX_ID for pk in ids
            )
        ):
            raise ValidationError(
                {"payload": f'List the revisions by id, 1 to {MAX_ITEMS}: {{"revisions": [12]}}.'}
            )
        if len(set(ids)) != len(ids):
            raise ValidationError({"payload": "A revision is listed twice."})
        revisions = list(Revision.objects.filter(pk__in=ids).select_related("concept"))
        missing = sorted(set(ids) - {revision.pk for revision in revisions})
        if missing:
            raise ValidationError(
                {"payload": f"No glossary revision has the id {', '.join(map(str, missing))}."}
            )
        closed = [f"revision {r.number} of “{r.concept.slug}”" for r in revisions if not r.is_open]
        if closed:
            raise ValidationError({"payload": f"Already decided: {', '.join(closed)}."})
        concepts = [revision.concept_id for revision in revisions]
        if len(set(concepts)) != len(concepts):
            raise ValidationError({"payload": "A batch holds at most one revision per concept."})
        return {"revisions": sorted(ids)}

    def describe(self, payload: dict[str, Any]) -> str:
        revisions = Revision.objects.filter(pk__in=payload.get("revisions", [])).select_related(
            "concept"
        )
        named = ", ".join(
            f"“{r.concept.slug}” (revision {r.number})"
            for r in sorted(revisions, key=lambda r: r.concept.slug)
        )
        count = len(payload.get("revisions", []))
        return f"Agrees {count} glossary revision{'s' if count != 1 else ''}: {named}."

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        revisions = list(Revision.objects.filter(pk__in=payload["revisions"]))
        # The body decides, not a person: recorded as the system, the note names the decision.
        apply_agree_batch(
            revisions,
            actor=SYSTEM,
            note=f"Agreed by {_deciding(decision)} of the {proposal.body.name}.",
        )


# --- (c) objectives and their indicators ----------------------------------------------------------

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
        "value; a status of achieved or retired retires an objective."
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
            unknown = set(item) - {"slug", "title", "description", "status", "indicators"}
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
            if len(cleaned) == 1:
                raise ValidationError({"payload": f"{slug}: say what changes."})
            cleaned_items.append(cleaned)
        return {"objectives": cleaned_items}

    def describe(self, payload: dict[str, Any]) -> str:
        parts = []
        for item in payload.get("objectives", []):
            title = item.get("title") or item["slug"]
            count = len(item.get("indicators", []))
            parts.append(
                f"“{title}”"
                + (f" with {count} indicator{'s' if count != 1 else ''}" if count else "")
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


class _DecisionChange(EffectKind):
    entry_kind: str

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        payload = _mapping(payload)
        allowed = {"decision_seq", "reason", "changes"}
        if self.entry_kind == LogEntryKind.WITHDRAWAL:
            allowed.discard("changes")
        unknown = set(payload) - allowed
        if unknown:
            raise ValidationError({"payload": f"Not a field here: {', '.join(sorted(unknown))}."})
        seq = payload.get("decision_seq")
        if isinstance(seq, bool) or not isinstance(seq, int) or not 0 < seq < MAX_ID:
            raise ValidationError({"payload": "Name the decision by its number in the log."})
        published = changeable_decision(seq)
        decided = Body.objects.filter(slug=published.body_slug).first()
        deciding = amending_body(decided) if decided else None
        if deciding is None:
            deciding = Body.objects.filter(kind=BodyKind.GENERAL_ASSEMBLY).first()
        if deciding is not None and deciding.pk != proposal.body_id:
            raise ValidationError(
                {
                    "kind": f"Decision {seq} is changed only by a decision of the {deciding.name} "
                    f"(its constitution): this proposal goes to the {proposal.body.name}."
                }
            )
        reason = _text(payload.get("reason"), what="the reason (published)", limit=STATEMENT)
        changes = clean_changes(self.entry_kind, payload.get("changes"))
        cleaned: dict[str, Any] = {"decision_seq": seq, "reason": reason}
        if self.entry_kind != LogEntryKind.WITHDRAWAL:
            cleaned["changes"] = changes
        return cleaned

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        append_change(
            kind=self.entry_kind,
            decision_seq=payload["decision_seq"],
            reason=payload["reason"],
            changes=payload.get("changes", {}),
            decided_by={
                "seq": decision.log_entry_id,
                "proposal": proposal.pk,
                "body": proposal.body.name,
            },
        )


@register
class DecisionAmendment(_DecisionChange):
    value = "decision_amendment"
    label = "Amend a published decision"
    entry_kind = LogEntryKind.AMENDMENT
    payload_help = (
        "The decision (its number in the log), the reason and what changes, e.g. "
        '{"decision_seq": 12, "reason": "...", "changes": {"effective_date": "2027-01-01"}}; '
        "title, summary, rationale or effective_date."
    )

    def describe(self, payload: dict[str, Any]) -> str:
        fields = ", ".join(key.replace("_", " ") for key in payload.get("changes", {}))
        return f"Amends decision {payload.get('decision_seq')} (its {fields})."


@register
class DecisionWithdrawal(_DecisionChange):
    value = "decision_withdrawal"
    label = "Withdraw a published decision"
    entry_kind = LogEntryKind.WITHDRAWAL
    payload_help = (
        'The decision (its number in the log) and the reason, e.g. {"decision_seq": 12, '
        '"reason": "..."}.'
    )

    def describe(self, payload: dict[str, Any]) -> str:
        return f"Withdraws decision {payload.get('decision_seq')}."


def concept_decisions_q(revision_ids: list[int]) -> Q:
    """Glossary-batch effects that agreed any of ``revision_ids``."""
    condition = Q(pk__in=[])
    for pk in revision_ids:
        condition |= Q(payload__revisions__contains=[pk])
    return Q(kind=GlossaryBatch.value) & condition
