"""Settings of the real Celery worker that the report tests start (``test_reports_worker``):
the test settings, not eager, with the report files in a directory shared with the test
process (``REPORTS_WORKER_MEDIA_ROOT``) instead of the in-memory storage each process would
have to itself, and optionally a short Redis ``visibility_timeout`` and frequent sweeps for
unacknowledged messages, so that a message of a worker killed as a whole is delivered again
within seconds."""

from typing import Any

from alliance_portal.settings.test import *  # noqa: F403
from alliance_portal.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS, env

CELERY_TASK_ALWAYS_EAGER = False
# (The test settings' storages have no OPTIONS, hence the wider type here.)
_WORKER_STORAGES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.str("REPORTS_WORKER_MEDIA_ROOT")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STORAGES = _WORKER_STORAGES
if env.str("REPORTS_WORKER_VISIBILITY_TIMEOUT", default=""):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": env.int("REPORTS_WORKER_VISIBILITY_TIMEOUT"),
    }
if env.str("REPORTS_WORKER_RESTORE_INTERVAL", default=""):
    # kombu looks for unacknowledged messages to deliver again at start-up, then every
    # interval × throttle seconds (10 × 10 by default): every second here.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "unacked_restore_interval": env.int("REPORTS_WORKER_RESTORE_INTERVAL"),
        "unacked_restore_throttle": 1,
    }
