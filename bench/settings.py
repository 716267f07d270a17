"""The production settings as the benchmark serves them: only the rate limits are lifted (every
request of a run comes from 127.0.0.1, and a search would be refused after 60 a minute); the
throttle itself still runs, so its cost is measured. Active only in the processes `python -m
bench` starts, never elsewhere."""

from typing import Any

from alliance_portal.settings.production import *  # noqa: F403
from alliance_portal.settings.production import REST_FRAMEWORK

_rates: dict[str, Any] = REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]  # type: ignore[assignment]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(_rates, "100000000/minute"),
}
