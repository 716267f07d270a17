"""The layout DESIGN.md §3 promises, checked on the source: who may act is decided only in the
policy package, and the governance app is grouped by feature in modules of modest size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("alliance_portal", "members", "standards", "glossary", "governance")
POLICY = ROOT / "alliance_portal" / "policy"

# A decision about who may act, made by hand: a role compared, the staff flag of the policy's
# principal read, or a home-made require/may function.
ROLE_DECISIONS = (
    re.compile(r"\.is_staff_role\b"),
    re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)"),
    re.compile(r"\bRole\.[A-Z_]+\s*(==|!=)"),
    re.compile(r"(==|!=)\s*Role\.[A-Z_]+"),
    re.compile(r"^\s*def _?(require|may)_\w+\(", re.MULTILINE),
)


def _sources(*apps: str) -> list[Path]:
    found = []
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or POLICY in path.parents:
                continue
            found.append(path)
    return found


def test_only_the_policy_decides_who_may_act() -> None:
    offences = []
    for path in _sources(*APPS):
        text = path.read_text()
        for pattern in ROLE_DECISIONS:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offences.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0).strip()}")
    assert offences == [], "decide in alliance_portal/policy/rules/ instead:\n" + "\n".join(
        offences
    )


FEATURES = (
    "documents",
    "proposals",
    "consultations",
    "ballots",
    "decision_log",
    "log_heads",
    "reports",
    "bodies",
    "meetings",
    "versions",
    "effects",
    "objectives",
    "reviews",
    "actions",
    "initiatives",
    "acceptance",
)
# Packages of governance that are not features: shared helpers, the dashboard page and the
# balance figures (they read the features' selectors), the events governance tells people of
# (through the shared notifications service), Django's own folders.
NOT_FEATURES = (
    "common",
    "dashboard",
    "balance",
    "notifications",
    "management",
    "migrations",
    "templatetags",
)
MAX_LINES = 420  # "about 400 lines of code"; data files (demo content) aside


@pytest.mark.parametrize("feature", FEATURES)
def test_governance_has_one_package_per_feature(feature: str) -> None:
    package = ROOT / "governance" / feature
    assert (package / "__init__.py").exists()
    for layer in ("models", "services", "selectors", "views", "api", "admin", "urls"):
        module, folder = package / f"{layer}.py", package / layer / "__init__.py"
        assert module.exists() or folder.exists(), f"governance/{feature} has no {layer}"


def test_every_governance_package_is_a_listed_feature() -> None:
    packages = {path.parent.name for path in (ROOT / "governance").glob("*/__init__.py")} | {
        path.name for path in (ROOT / "governance").iterdir() if path.is_dir()
    }
    packages.discard("__pycache__")
    unlisted = sorted(packages - set(FEATURES) - set(NOT_FEATURES))
    assert unlisted == [], f"add to FEATURES (one package per feature): {unlisted}"


def test_governance_modules_stay_small() -> None:
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _sources("governance")
        if path.name != "demo_content.py"
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}


def actions_table() -> str:
    """The README's table of actions, written from the policy's registry."""
    from alliance_portal import policy

    rows = ["| action | who may | refused with |", "|---|---|---|"]
    for name, rule in sorted(policy.registered_actions().items()):
        who = " ".join(rule.description.split())
        rows.append(f"| `{name}` | {who} | {rule.refusal} |")
    return "\n".join(rows)


def test_the_readme_lists_every_action_as_the_policy_decides_it() -> None:
    readme = (ROOT / "README.md").read_text()
    start, end = readme.index("<!-- actions -->\n"), readme.index("<!-- /actions -->")
    listed = readme[start + len("<!-- actions -->\n") : end].strip()
    assert listed == actions_table(), (
        "Paste this between <!-- actions --> and <!-- /actions --> in README.md:\n"
        + actions_table()
    )
