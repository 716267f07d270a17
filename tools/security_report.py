"""Print the security report from the figures the suite's security tests recorded.

``make security-report`` runs the tests marked ``security`` with ``SECURITY_FIGURES_DIR`` set,
then this script. Each line below names a figure key; the tests add to it through
``tests.security.figures.record``. A figure that must be 0 (or must equal another) and is not,
or a figure no test recorded, makes the report fail (exit status 1), so the report never prints
a number nobody measured.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

# (heading, [(label, key, rule)]): rule is None (a count), "zero", or "=<other key>".
# A key ending in ".*" prints every recorded key under that prefix.
REPORT: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    (
        "Access matrix (every URL pattern and API operation x every role x every disclosure level)",
        [
            ("cells tested", "matrix.cells", None),
            ("unexpected 2xx", "matrix.unexpected_2xx", "zero"),
            ("denied writes that changed a row", "matrix.denied_writes_changed_rows", "zero"),
            ("rows leaked through lists, feeds, exports and search", "matrix.rows_leaked", "zero"),
            ("fields outside the role's allowed set", "matrix.fields_outside_allowed", "zero"),
        ],
    ),
    (
        "schemathesis over the whole OpenAPI schema, anonymous and as each role",
        [
            ("cases run", "schemathesis.cases", None),
            ("5xx responses", "schemathesis.server_errors", "zero"),
            ("schema violations", "schemathesis.schema_violations", "zero"),
        ],
    ),
    (
        "Markdown sanitizer (known XSS payloads + hypothesis strings)",
        [
            ("inputs rendered", "sanitizer.inputs", None),
            (
                "surviving script, on* attribute or javascript:/data: URL",
                "sanitizer.surviving",
                "zero",
            ),
        ],
    ),
    (
        "Lockout and throttles (requests until lockout or 429)",
        [
            ("lockout", "lockout.*", None),
            ("throttle", "throttle.*", None),
        ],
    ),
    (
        "CSRF (unsafe methods without a token)",
        [
            ("requests sent", "csrf.unsafe_total", None),
            ("refused", "csrf.unsafe_refused", "=csrf.unsafe_total"),
        ],
    ),
    (
        "Security headers (HTML, API, admin, error and download responses)",
        [
            ("responses checked", "headers.responses", None),
            ("responses missing a header", "headers.missing", "zero"),
            ("check --deploy warnings", "deploy.warnings", "zero"),
        ],
    ),
    (
        "Audit trail of denials and sign-ins",
        [
            ("denials (403/404 from the policy)", "audit.denials", None),
            ("denial rows written", "audit.denial_rows", "=audit.denials"),
            ("sign-in successes and failures", "audit.logins", None),
            ("sign-in rows written", "audit.login_rows", "=audit.logins"),
        ],
    ),
]


def load(directory: Path) -> dict[str, int]:
    figures: dict[str, int] = defaultdict(int)
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                figures[row["key"]] += int(row["value"])
    return dict(figures)


def render(figures: dict[str, int]) -> tuple[list[str], list[str]]:
    """The report's lines and the problems found (missing or wrong figures)."""
    lines: list[str] = []
    problems: list[str] = []
    for heading, rows in REPORT:
        lines.append("")
        lines.append(heading)
        for label, key, rule in rows:
            if key.endswith(".*"):
                prefix = key[:-1]
                found = sorted(k for k in figures if k.startswith(prefix))
                if not found:
                    problems.append(f"no figure recorded under {key}")
                    lines.append(f"  {label}: not measured")
                for k in found:
                    lines.append(f"  {label} {k[len(prefix) :]}: {figures[k]:,}")
                continue
            if key not in figures:
                problems.append(f"no figure recorded for {key}")
                lines.append(f"  {label}: not measured")
                continue
            value = figures[key]
            mark = ""
            if rule == "zero" and value != 0:
                problems.append(f"{key} is {value}, must be 0")
                mark = "   <-- must be 0"
            elif rule and rule.startswith("=") and value != figures.get(rule[1:]):
                problems.append(f"{key} is {value}, must equal {rule[1:]}")
                mark = f"   <-- must equal {rule[1:]}"
            lines.append(f"  {label}: {value:,}{mark}")
    return lines, problems


def main(argv: list[str]) -> int:
    directory = Path(argv[1] if len(argv) > 1 else ".data/security-figures")
    lines, problems = render(load(directory))
    print("Alliance Portal security report")
    print("\n".join(lines))
    print()
    if problems:
        print("FAILED:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("All figures as required.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
