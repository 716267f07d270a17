"""The competition-law safeguards (issue 20, item 3), in one place.

- ``RULE``: the rule of the alliance's competition-law statement that meeting agendas and the
  forms collecting member information must keep: no prices, costs, capacities, customer or
  supplier lists, or future commercial plans. The statement itself is a versioned text people
  accept (``members.AgreementKind.COMPETITION``); its first rule reads as ``RULE``.
- ``check_commercial(fields)``: the one validator. Every service that writes an agenda item or
  member information calls it on its free-text fields, so a page, the API and the admin all
  refuse the same text with the same message: which topic it asks for, the phrase that gave it
  away, the statement's rule, and what to do instead.
- ``current_statement()``: the statement now in force, for the forms' panel and the meeting
  pages. ``members`` provides it from its ``AppConfig.ready()`` (this package may not import
  members).

The word lists are per language (the interface's and the alliance's content languages): every
list is checked whatever the interface language, since a French agenda can be written on an
English page. They match phrases that ask for commercial information, not bare words the
alliance uses otherwise ("capacity building", "the cost of inaction", "supplier due diligence").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError

RULE = (
    "Members never ask for, share or discuss prices, costs, capacities, customer or supplier "
    "lists, or future commercial plans, in meetings or in anything they enter in the portal."
)

# Topic keys, in the statement's order, with the words shown in messages.
TOPICS = {
    "prices": "prices",
    "costs": "costs",
    "capacities": "capacities",
    "customers_suppliers": "customer or supplier lists",
    "plans": "future commercial plans",
}

WHAT_TO_DO = (
    "Remove it, or ask about responsible-sourcing practice instead (policies, due diligence, "
    "audits, progress against the baseline); figures about members are published only as "
    "aggregates over at least three organisations, by the secretariat."
)

_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "prices": (
            r"pric(?:e|es|ed|ing)",
            r"(?:sales|purchase|selling|buying|offer|bid) pric(?:e|es)",
            r"discounts?",
            r"rebates?",
            r"(?:profit|gross|net) margins?",
        ),
        "costs": (
            r"(?:production|unit|operating|input|labou?r|energy|marginal|cash|mining|refining|"
            r"smelting|processing|transport|freight) costs?",
            r"cost (?:prices?|structures?|base|data|breakdowns?|figures?|per \w+)",
            r"costs? per (?:tonne|ton|unit|kg|kilo|pound|ounce|lb)",
            r"(?:your|our|their) costs",
        ),
        "capacities": (
            r"(?:production|processing|smelting|refining|plant|mine|mining|output|spare|"
            r"installed|nameplate|manufacturing) capacit(?:y|ies)",
            r"capacity (?:utili[sz]ation|expansions?|figures?|plans?|data)",
            r"(?:production|output|sales) volumes?",
        ),
        "customers_suppliers": (
            r"(?:customer|client|supplier|buyer|offtaker|vendor)s?['’]?s? "
            r"(?:lists?|names|base|details|contacts)",
            r"lists? of (?:your |our |their |its )?(?:customers|clients|suppliers|buyers|vendors)",
            r"who (?:are )?(?:your|their) (?:customers|clients|suppliers|buyers)",
        ),
        "plans": (
            r"(?:commercial|business|sales|marketing|pricing|expansion|bidding) "
            r"(?:plans?|strateg(?:y|ies)|forecasts?|targets?)",
            r"(?:future|planned|upcoming|next year'?s?) (?:sales|production|output|prices|"
            r"investments?|contracts?|bids?|tenders?)",
            r"sales forecasts?",
            r"market[- ]share (?:targets?|plans?)",
        ),
    },
    "fr": {
        "prices": (r"prix(?! de revient)", r"tarifs?", r"remises?", r"marges?"),
        "costs": (
            r"co[uû]ts? (?:de production|unitaires?|d'exploitation|de revient)",
            r"prix de revient",
        ),
        "capacities": (r"capacit[ée]s? de (?:production|traitement|raffinage)",),
        "customers_suppliers": (
            r"listes? (?:des|de) (?:clients|fournisseurs|acheteurs)",
            r"fichiers? (?:clients|fournisseurs)",
        ),
        "plans": (
            r"(?:plans?|strat[ée]gies?|projets?) commercia(?:l|ux|le|les)",
            r"pr[ée]visions? (?:de ventes|de production)",
        ),
    },
    "es": {
        "prices": (r"precios?", r"tarifas?", r"descuentos?", r"m[aá]rgen(?:es)?"),
        "costs": (r"cost(?:o|e)s? (?:de producci[oó]n|unitarios?|operativos?)",),
        "capacities": (r"capacidad(?:es)? (?:de producci[oó]n|instalada)",),
        "customers_suppliers": (r"listas? de (?:clientes|proveedores|compradores)",),
        "plans": (
            r"(?:planes?|estrategias?) comercia(?:l|les)",
            r"previsi[oó]n(?:es)? de ventas",
        ),
    },
    "de": {
        "prices": (r"preis(?:e|liste|listen)?", r"rabatte?", r"margen?"),
        "costs": (r"(?:produktions|herstellungs|betriebs|stück)kosten",),
        "capacities": (r"(?:produktions|verarbeitungs)kapazit[äa]t(?:en)?",),
        "customers_suppliers": (r"(?:kunden|lieferanten)(?:listen?|namen|daten)",),
        "plans": (r"(?:geschäfts|vertriebs|absatz)(?:pläne|plan|strategien?|prognosen?)",),
    },
}

_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    language: [
        (topic, re.compile(rf"(?<!\w){phrase}(?!\w)", re.IGNORECASE))
        for topic, phrases in topics.items()
        for phrase in phrases
    ]
    for language, topics in _WORDS.items()
}


def languages() -> list[str]:
    """The languages with a word list."""
    return list(_WORDS)


@dataclass(frozen=True)
class Finding:
    topic: str  # a key of TOPICS
    phrase: str  # the words of the text that ask for it
    language: str


def findings(text: str) -> list[Finding]:
    """What ``text`` asks for that the rule forbids: one finding per topic, first phrase."""
    found: dict[str, Finding] = {}
    for language, patterns in _PATTERNS.items():
        for topic, pattern in patterns:
            if topic in found:
                continue
            match = pattern.search(text or "")
            if match:
                found[topic] = Finding(topic=topic, phrase=match.group(0), language=language)
    return sorted(found.values(), key=lambda finding: list(TOPICS).index(finding.topic))


def explain(found: list[Finding]) -> str:
    """The message for a text with ``found``: what it asks for, the rule, what to do."""
    asks = "; ".join(f"{TOPICS[f.topic]} (“{f.phrase}”)" for f in found)
    return (
        f"This asks for {asks}. The alliance's competition-law statement says: “{RULE}” "
        f"{WHAT_TO_DO}"
    )


def commercial_problems(fields: Mapping[str, str], *, prefix: str = "") -> dict[str, str]:
    """The message for each of ``fields`` (name -> text) that asks for commercial
    information, for services that report every problem at once; ``prefix`` names the item
    ("Agenda item 2: ")."""
    problems = {}
    for name, text in fields.items():
        found = findings(text)
        if found:
            problems[name] = f"{prefix}{explain(found)}"
    return problems


def check_commercial(fields: Mapping[str, str], *, prefix: str = "") -> None:
    """Refuse (``ValidationError`` keyed by field) any of ``fields`` that asks for commercial
    information (``commercial_problems``)."""
    problems = commercial_problems(fields, prefix=prefix)
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class Statement:
    """The competition-law statement in force: its title, version and text (Markdown), the rule
    forms and agendas keep, and the page where people accept it."""

    title: str
    version: int
    text: str
    url: str
    rule: str = RULE


_statement_source: Callable[[], Statement | None] | None = None


def register_statement_source(source: Callable[[], Statement | None]) -> None:
    """Called once by ``members`` from its ``AppConfig.ready()``."""
    global _statement_source
    _statement_source = source


def current_statement() -> Statement | None:
    """The statement in force, or ``None`` before the secretariat publishes one."""
    return _statement_source() if _statement_source is not None else None
