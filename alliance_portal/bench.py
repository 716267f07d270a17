"""The benchmark dataset (``manage.py seed_bench --scale N``): what every app's ``bench`` module
shares. Each app may have a ``bench`` module with ``build(scale, rng, data)``; the command runs
them in layer order (as ``seed_demo`` runs the ``demo`` modules) inside one transaction, so a
run that fails leaves nothing behind.

The bench data does NOT go through the services: a use case per row would take hours at scale
1. The builders write with ``bulk_create`` in batches instead, and keep the data valid the way
the services would (every constraint, trigger and append-only rule holds, the full-text columns
are filled as the app fills them, the decision log's chain is hashed with the log's own
function); ``tests/portal/test_seed_bench.py`` checks it. Content is pseudo-random but
deterministic (seeded ``random.Random``), dated over the ten years before ``END``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

# What the dataset holds at scale 1 (issue 19). Everything scales linearly, at least 1 of each.
SCALE_ONE: dict[str, int] = {
    "organisations": 2_000,
    "people": 10_000,
    "proposals": 20_000,
    "comments": 200_000,
    "ballots": 20_000,
    "votes": 300_000,
    "decision_log_entries": 20_000,
    "standards": 50,
    "elements": 20_000,  # 50 standards × 400 elements
    "mappings": 60_000,
    "concepts": 10_000,
    "labels": 30_000,
    "action_items": 5_000,
}

# The data spans the ten years before this moment (fixed, so two runs give the same rows).
END = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
START = END - timedelta(days=3652)
BATCH = 2_000
EMAIL_DOMAIN = "bench.alliance.example"
SLUG_PREFIX = "bench-"

T = TypeVar("T")


def count(name: str, scale: float, minimum: int = 1) -> int:
    """How many of ``name`` at ``scale``: linear, never fewer than ``minimum``."""
    return max(minimum, round(SCALE_ONE[name] * scale))


@dataclass
class BenchData:
    """What one app's builder leaves for the apps after it (ids and a few names), and the
    row counts each part reports."""

    chambers: list[tuple[int, str, str, int]] = field(default_factory=list)  # id, slug, name, order
    # id, slug, name, chamber id, membership status
    organisations: list[tuple[int, str, str, int, str]] = field(default_factory=list)
    people: list[tuple[int, int, int, bool]] = field(default_factory=list)  # person, user, org, rep
    external_users: list[int] = field(default_factory=list)
    secretariat_users: list[int] = field(default_factory=list)
    element_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def moment(rng: random.Random, start: datetime = START, end: datetime = END) -> datetime:
    """A moment between ``start`` and ``end``, whole seconds, UTC."""
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(max(span, 1)))


def day(rng: random.Random, start: date, days: int) -> date:
    return start + timedelta(days=rng.randrange(max(days, 1)))


# --- text: several sentences from the alliance's own vocabulary, so that full-text search,
# Markdown and templates do real work.

_SUBJECTS = [
    "The alliance",
    "Each member organisation",
    "The secretariat",
    "Downstream buyers",
    "Smelters and refiners",
    "Artisanal mining cooperatives",
    "Civil-society organisations",
    "Affected communities",
    "The working group",
    "Independent auditors",
    "Producer-country governments",
    "Trade unions",
]
_VERBS = [
    "should publish",
    "will review",
    "must disclose",
    "agrees to map",
    "commits to reduce",
    "proposes to strengthen",
    "will monitor",
    "needs to document",
    "should align",
    "will fund",
    "asks members to report",
    "recognises the need to assess",
]
_OBJECTS = [
    "the due-diligence findings for cobalt supply chains",
    "grievance mechanisms at mine sites",
    "the traceability of tin, tantalum and tungsten",
    "child-labour risks in artisanal mining",
    "water use and tailings management",
    "the chain-of-custody records of refiners",
    "free, prior and informed consent procedures",
    "the carbon footprint of lithium processing",
    "living wages across the value chain",
    "security and human-rights arrangements",
    "the crosswalk between audit standards",
    "conflict-affected and high-risk areas",
    "recycling rates for battery materials",
    "community development agreements",
    "occupational health and safety",
]
_TAILS = [
    "within the next reporting cycle",
    "before the general assembly meets",
    "in line with the OECD guidance",
    "with the help of independent experts",
    "so that smaller members can take part",
    "without duplicating existing audits",
    "in every producer country concerned",
    "and report progress every quarter",
    "where the risk assessment shows gaps",
    "as agreed in the consultation",
]
_TITLE_VERBS = [
    "Adopt",
    "Strengthen",
    "Harmonise",
    "Review",
    "Publish",
    "Fund",
    "Extend",
    "Clarify",
    "Monitor",
    "Recognise",
]
_TITLE_OBJECTS = [
    "cobalt due-diligence reporting",
    "grievance mechanisms for artisanal miners",
    "the alliance baseline for smelters",
    "tailings-safety requirements",
    "the living-wage benchmark",
    "supplier audits in conflict-affected areas",
    "community consent procedures",
    "battery-recycling targets",
    "water-stewardship criteria",
    "the responsible-sourcing glossary",
    "traceability of 3TG minerals",
    "gender equality in mining communities",
    "security-provider vetting",
    "lithium-brine water use",
]


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."
    )


def sentences(rng: random.Random, low: int, high: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def paragraphs(rng: random.Random, low: int, high: int) -> list[str]:
    return [sentences(rng, 2, 4) for _ in range(rng.randint(low, high))]


def title(rng: random.Random) -> str:
    return f"{rng.choice(_TITLE_VERBS)} {rng.choice(_TITLE_OBJECTS)}"
