"""Access cases of the balance figures (issue 17, item 3): public, read-only, counted over what
each reader may see (the dashboard itself is the governance module's case)."""

from __future__ import annotations

from tests.access.matrix import Case

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/balance/"): [Case("public")],
}
