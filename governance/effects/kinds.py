"""The effect kinds: a constitution change (only the General Assembly's), a glossary batch,
objectives and their indicators, the amendment or withdrawal of a published decision, and the
adoption of commitment tiers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from alliance_portal.policy import SYSTEM
from alliance_portal.text_limits import STATEMENT
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
from governance.effects.common import MAX_ID, MAX_ITEMS, _int, _mapping, _text
from governance.effects.registry import EffectKind, register
from governance.proposals.models import Proposal


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


# The objectives and tiers kinds live in their own modules; importing them registers them.
# The objectives kind lives in its own module; importing it registers it with the others.
# The answer to an acceptance request lives with that feature; importing it registers it.
from governance.acceptance import effect as _acceptance_effect  # noqa: E402, F401
from governance.effects import objectives_kind as _objectives_kind  # noqa: E402, F401
from governance.effects import tiers_kind as _tiers_kind  # noqa: E402, F401
