"""The requests a run drives, their concrete URLs picked from the database as it is, and the
issue's targets for each. Needs Django set up (``bench.cli`` does it)."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode

DECISION_PAGE_SIZE = 25  # governance.decision_log.views.PAGE_SIZE
API_PAGE_SIZE = 50  # REST_FRAMEWORK["PAGE_SIZE"]
DEEP_PAGE = 500


@dataclass(frozen=True)
class Target:
    """One request of the run. ``path`` None: not benchmarked, ``skipped`` says why.
    ``raw_path``: the raw baseline's path for the same query (the paired pages)."""

    name: str
    label: str
    path: str | None
    p95_target_ms: float = 100.0
    list_page: bool = False  # the "list pages ≤ 10 queries"
    raw_path: str | None = None
    skipped: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return True


def typo(word: str) -> str:
    """A one-letter typo of ``word`` (its middle letter dropped), as a person might type it."""
    if len(word) < 4:
        return word + word[-1:]
    middle = len(word) // 2
    return word[:middle] + word[middle + 1 :]


def search_word(text: str) -> str:
    """The longest word of ``text`` (letters only), lower-case: a word full-text search finds."""
    words = re.findall(r"[^\W\d_]{4,}", text)
    return max(words, key=len).lower() if words else ""


def pick_targets() -> list[Target]:
    """Every request of the issue's list, with URLs that exist in this database."""
    from django.db.models import F

    from glossary.models import Label
    from glossary.models.concepts import PUBLIC_STATUSES
    from governance.decision_log.models import PublishedDecision
    from members.models import Organisation

    targets: list[Target] = []

    def add(target: Target) -> None:
        if target.path is not None and not target.skipped and not resolves(target.path):
            target = Target(
                target.name, target.label, None, skipped="not yet built (the URL does not resolve)"
            )
        targets.append(target)

    decisions = PublishedDecision.objects.all()
    count = decisions.count()
    first = decisions.order_by("entry_id").only("entry_id", "title").first()
    last_page = max(1, math.ceil(count / DECISION_PAGE_SIZE))
    deep = min(DEEP_PAGE, last_page)
    add(
        Target(
            "decisions",
            "Decision log, page 1",
            "/governance/decisions/",
            50,
            list_page=True,
            raw_path="/decisions/",
        )
    )
    add(
        Target(
            "decisions-deep",
            f"Decision log, page {deep}" + ("" if deep == DEEP_PAGE else " (the last)"),
            f"/governance/decisions/?page={deep}",
            50,
            list_page=True,
        )
    )
    pairs = Counter(
        (slug, decided.year)
        for slug, decided in decisions.exclude(body_slug="").values_list("body_slug", "decided_at")
    )
    if pairs:
        (body, year), _n = pairs.most_common(1)[0]
        add(
            Target(
                "decisions-filtered",
                f"Decision log, body {body} and year {year}",
                "/governance/decisions/?" + urlencode({"body": body, "year": year}),
                50,
                list_page=True,
            )
        )
    else:
        add(Target("decisions-filtered", "Decision log, body and year", None, skipped="no data"))
    word = search_word(first.title) if first else ""
    if word:
        add(
            Target(
                "decisions-search",
                f"Decision log, full-text search “{word}”",
                "/governance/decisions/?" + urlencode({"q": word}),
                50,
                list_page=True,
            )
        )
    else:
        add(Target("decisions-search", "Decision log, full-text search", None, skipped="no data"))
    if first:
        add(
            Target(
                "decision",
                f"Decision page {first.entry_id}",
                f"/governance/decisions/{first.entry_id}/",
                50,
                raw_path=f"/decisions/{first.entry_id}/",
            )
        )
    else:
        add(Target("decision", "Decision page", None, skipped="no data"))
    add(Target("feed", "Atom feed of the decision log", "/governance/decisions/feed/"))
    from governance.decision_log.models import DecisionLogEntry

    api_last = max(1, math.ceil(DecisionLogEntry.objects.count() / API_PAGE_SIZE))
    api_page = min(DEEP_PAGE, api_last)
    add(
        Target(
            "api-decision-log",
            f"API decision log, page {api_page}",
            f"/api/v1/decision-log/?page={api_page}",
            list_page=True,
        )
    )
    # The first public concept (by slug) whose English name holds a word of six letters or
    # more: a typo in it is a typo people make ("tracability"); else the first concept.
    named = list(
        Label.objects.filter(
            kind="pref",
            language="en",
            revision__concept__status__in=PUBLIC_STATUSES,
            revision__concept__current_revision=F("revision"),
        )
        .order_by("revision__concept__slug")
        .values_list("text", "revision__concept__slug")[:200]
    )
    label = next(
        ((text, slug) for text, slug in named if len(search_word(text)) >= 6),
        named[0] if named else None,
    )
    if label:
        text, slug = label
        misspelt = typo(search_word(text) or text)
        add(
            Target(
                "glossary-search",
                f"Glossary search, typo “{misspelt}”",
                "/glossary/?" + urlencode({"q": misspelt}),
                50,
                list_page=True,
                raw_path="/glossary/?" + urlencode({"q": misspelt}),
            )
        )
        add(Target("concept", f"Glossary concept {slug}", f"/glossary/{slug}/"))
    else:
        add(Target("glossary-search", "Glossary search", None, skipped="no data"))
        add(Target("concept", "Glossary concept", None, skipped="no data"))
    add(Target("crosswalk", "Crosswalk matrix", "/standards/crosswalk/"))
    listed = Organisation.objects.filter(membership_status__in=LISTED_STATUSES)
    combos = Counter(listed.values_list("chamber__slug", "kind"))
    if combos:
        (chamber, kind), _n = combos.most_common(1)[0]
        query = urlencode({"chamber": chamber, "kind": kind})
        add(
            Target(
                "members",
                f"Member directory, chamber {chamber} and kind {kind}",
                f"/members/?{query}",
                list_page=True,
                raw_path=f"/members/?{query}",
            )
        )
    else:
        add(Target("members", "Member directory, two filters", None, skipped="no data"))
    add(Target("coverage", "Coverage matrix", "/members/coverage/"))
    add(
        Target(
            "search",
            f"Site-wide search “{word or 'decision'}”",
            "/search/?" + urlencode({"q": word or "decision"}),
            list_page=True,
        )
    )
    add(Target("actions", "Actions list", "/governance/actions/", list_page=True))
    active = listed.filter(membership_status="active").order_by("slug").first()
    add(
        Target(
            "standing",
            f"Member standing {active.slug}" if active else "Member standing",
            f"/members/{active.slug}/standing/" if active else None,
            skipped="" if active else "no active member",
        )
    )
    return targets


# The directory lists these statuses to everyone (members.selectors); drafts and applicants not.
LISTED_STATUSES = ("active", "suspended", "withdrawn")
