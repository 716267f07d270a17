"""The production settings as the benchmark serves them, with two changes: the rate limits are
lifted (every request of a run comes from 127.0.0.1, and a search would be refused after 60 a
minute; the throttle itself still runs, so its cost is measured), and the report build has a
queue of its own (``--background``). Active only in the processes `python -m bench` starts,
never elsewhere."""

from typing import Any

from alliance_portal.settings.production import *  # noqa: F403
from alliance_portal.settings.production import REST_FRAMEWORK
from bench.background import REPORT_QUEUE

_rates: dict[str, Any] = REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]  # type: ignore[assignment]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(_rates, "100000000/minute"),
}

# `--background`: the report build goes to a queue of its own, which the bench's worker alone
# consumes; the worker leaves every other task (emails, reminders) where it is.
CELERY_TASK_ROUTES = {"governance.tasks.report_build_task": {"queue": REPORT_QUEUE}}
