"""Every page of the URL map, as anonymous and as each role, at 390 and 1280 px wide.

The pages and their sample arguments are the access matrix's (``tests/access/cases``), in the
matrix's world; a role visits the pages the matrix says it may read. On each page: no sideways
scroll at either width (``scrollWidth <= innerWidth``), no console error, and axe (WCAG 2.2 A
and AA) without a serious or critical finding. Moderate findings are listed in the output.

To stay within a few minutes on two cores: one browser context per role and one tab that goes
from page to page; each page is loaded once at 390 px and then widened to 1280 px; a role visits
an address once even when several matrix cases name it; axe runs at 390 px once per distinct
content of <main> (many pages read the same for several roles; the form's one-time CSRF token
does not make a page distinct), and at 1280 px on the home page and the admin's index of each
role (the header's full link list, which differs by role); the admin is visited at its index
only; files (CSV, JSON, PDF, feeds) are not pages.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from alliance_portal.roles import Role
from tests.access.cases import gather
from tests.access.matrix import EXPECT, OK, ROLES, Case
from tests.access.world import _build_matrix_world

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# URL names that answer with a file or a redirect to one, not a page.
NOT_PAGES = {
    "healthz",
    "favicon",
    "api-schema",
    "members:coverage-csv",
    "members:application-letter",
    "standards:coverage-csv",
    "standards:mapping-set-csv",
    "standards:mapping-set-json",
    "standards:version-elements-csv",
    "governance:decision-feed",
    "governance:report-file",
    "glossary:autocomplete",
    "glossary:export-csv",
    "glossary:export-jsonld",
    "glossary:export-tbx",
    "glossary:export-turtle",
    "glossary:feed",
}
# The same, by the name's last part (whatever namespace includes it).
NOT_PAGE_NAMES = {"my_data_export", "decision-log-key", "tlog-checkpoint"}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
# A form field named like a DOM method ("matches") hides the form's own method from every
# script (axe breaks on it): such a field is a finding of its own.
CLOBBERING_JS = """() => {
  const names = new Set();
  const blank = document.createElement("form");
  for (const field of document.querySelectorAll("form [name]")) {
    if (typeof blank[field.name] === "function") { names.add(field.name); }
  }
  return [...names];
}"""
WIDTH_JS = "[document.documentElement.scrollWidth, window.innerWidth]"
# A form's CSRF token is new on every load: left out of what makes a page's content distinct.
CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')


@dataclass
class Findings:
    wide_pages: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    serious: list[str] = field(default_factory=list)
    moderate: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    clobbering: set[str] = field(default_factory=set)
    visits: int = 0
    axe_runs: int = 0


def _is_file(name: str) -> bool:
    return (
        name in NOT_PAGES
        or name.rsplit(":", 1)[-1] in NOT_PAGE_NAMES
        or name.endswith(("-csv", "-json", "-feed", "download"))
        or name.rsplit(":", 1)[-1].startswith("tlog-")  # the log's tiles: bytes for mirrors
    )


def _pages(world) -> list[tuple[str, str, Case]]:
    pages, _api = gather()
    found = [("admin:index", reverse("admin:index"), Case("admin"))]
    for name, cases in sorted(pages.items()):
        if _is_file(name):
            continue
        for case in cases:
            if case.method == "get":
                found.append((name, reverse(name, kwargs=case.kwargs(world)), case))
    return found


def _axe(axe, page, where: str, findings: Findings) -> None:
    findings.axe_runs += 1
    try:
        clobbering = page.evaluate(CLOBBERING_JS)
        if clobbering:
            findings.clobbering.add(f"{where.split(' as ')[0]}: fields named {clobbering}")
        # Injected once per page load: axe injected twice into one document breaks.
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe.axe_script)
        violations = page.evaluate(
            "options => axe.run(options).then(r => r.violations)", AXE_OPTIONS
        )
    except Exception as error:  # noqa: BLE001 (axe itself failed: say where, do not hide it)
        findings.serious.append(f"{where}: axe could not run: {str(error).splitlines()[0]}")
        return
    for violation in violations:
        targets = "; ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        line = f"{violation['id']}: {violation['help']} ({targets})"
        if violation["impact"] in {"serious", "critical"}:
            findings.serious.append(f"{where}: {line}")
        elif violation["impact"] == "moderate":
            findings.moderate[line].add(where)


def _crawl_as(
    browser, live_server, world, role: Role, pages, axe, findings: Findings, seen: set[str]
) -> None:
    context = browser.new_context(base_url=live_server.url, viewport=NARROW)
    if world.users[role] is not None:
        client = world.client_for(role)
        context.add_cookies(
            [
                {"name": key, "value": morsel.value, "url": live_server.url}
                for key, morsel in client.cookies.items()
            ]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    visited: set[str] = set()
    try:
        for name, url, case in pages:
            if EXPECT[case.level][role] != OK or url in visited:
                continue
            visited.add(url)
            where = f"{url} ({name}{', ' + case.label if case.label else ''}) as {role.label}"
            errors.clear()
            page.set_viewport_size(NARROW)
            response = page.goto(url, wait_until="load")
            findings.visits += 1
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            scroll, inner = page.evaluate(WIDTH_JS)
            if scroll > inner:
                findings.wide_pages.append(f"{where} at 390 px: {scroll} px wide")
            content = page.evaluate("(document.querySelector('main') || document.body).innerHTML")
            content = CSRF_TOKEN.sub(r'\1"', content)
            digest = hashlib.sha256(f"{name}\n{content}".encode()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                _axe(axe, page, f"{where} at 390 px", findings)
            page.set_viewport_size(WIDE)
            scroll, inner = page.evaluate(WIDTH_JS)
            if scroll > inner:
                findings.wide_pages.append(f"{where} at 1280 px: {scroll} px wide")
            if name in {"home", "admin:index"}:
                _axe(axe, page, f"{where} at 1280 px", findings)
            # A page that answers 4xx on purpose (an invalid link) logs its own status.
            own = f"the server responded with a status of {response.status} "
            findings.console.extend(f"{where}: {text}" for text in errors if own not in text)
    finally:
        context.close()


def test_every_page_fits_the_screen_and_passes_axe(browser, live_server, capsys) -> None:
    from axe_playwright_python.sync_playwright import Axe

    world = _build_matrix_world()
    pages = _pages(world)
    axe = Axe()
    findings = Findings()
    seen: set[str] = set()  # page contents axe has checked (the same for several roles)
    for role in ROLES:
        _crawl_as(browser, live_server, world, role, pages, axe, findings, seen)

    with capsys.disabled():  # listed in the output even when the test passes
        print(  # noqa: T201
            f"\nResponsive crawl: {len(pages)} page cases, {findings.visits} visits, "
            f"{findings.axe_runs} axe runs; moderate axe findings: {len(findings.moderate)}"
        )
        for line, where in sorted(findings.moderate.items()):
            print(f"  moderate {line} on {len(where)} page(s), e.g. {min(where)}")  # noqa: T201
    problems = findings.wide_pages + findings.console + findings.serious
    problems += [
        f"form fields that hide a DOM method: {line}" for line in sorted(findings.clobbering)
    ]
    assert problems == [], "\n".join(problems)
