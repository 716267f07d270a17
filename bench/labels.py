"""The choices' labels the raw baseline shows (Django's own), written once per run to a JSON
file the raw app reads at start: the baseline runs no Django, but shows the same words."""

from __future__ import annotations

import json
from pathlib import Path


def build() -> dict[str, dict[str, str]]:
    from django_countries import countries

    from glossary.models.concepts import ConceptStatus
    from governance.actions.models import ActionStatus
    from governance.decision_log.models import DecisionOutcome, DecisionState, LogEntryKind
    from members.models import MembershipStatus, OrganisationKind
    from members.vocabularies import Material, Sector, ValueChainStage

    def of(choices: object) -> dict[str, str]:
        return {str(code): str(text) for code, text in choices.choices}  # type: ignore[attr-defined]

    return {
        "outcome": of(DecisionOutcome),
        "state": of(DecisionState),
        "entry_kind": of(LogEntryKind),
        "action_status": of(ActionStatus),
        "concept_status": of(ConceptStatus),
        "kind": of(OrganisationKind),
        "membership_status": of(MembershipStatus),
        "material": of(Material),
        "stage": of(ValueChainStage),
        "sector": of(Sector),
        "country": {str(code): str(name) for code, name in countries},
    }


def write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build(), ensure_ascii=False), encoding="utf-8")
    return path
