"""Test settings: the real PostgreSQL and Redis (from DATABASE_URL / REDIS_URL, embedded when
`make test` finds them unset), fast password hashing, in-memory email, Celery tasks run in
the calling process."""

import os
import secrets

from alliance_portal.settings.base import *  # noqa: F403
from alliance_portal.settings.base import CACHES, DATABASES, env
from governance.log_heads.note import generate_skey

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
DATABASES["default"]["CONN_MAX_AGE"] = 0
# Each run gets a test database of its own, so two runs against one server never meet (nor drop
# each other's database): the name carries the process id and a random part.
# pytest-django creates it, appends "_gw0"... under xdist, and drops it at the end of the run.
# TEST_DATABASE_NAME names it outright.
DATABASES["default"]["TEST"] = {
    "NAME": env.str(
        "TEST_DATABASE_NAME",
        default=f"test_alliance_portal_{os.getpid()}_{secrets.token_hex(4)}",
    )
}
# PostgreSQL's JIT compiles a plan for every large query: seconds lost on each page whose
# query has many joins (the pghistory events admin took 25 s), gained back only on big data.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DATABASES["default"]["ENGINE"] = "alliance_portal.testing.db"  # flush empties append-only tables
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_LOGINS_ENABLED = False
# Rate-limit counts in each test process's memory, emptied before every test (tests/conftest.py):
# the limits hold as in production within a test, and one test's requests never throttle
# another's (nor another run's against the same Redis).
CACHES["throttle"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# A signing key of its own for each run (never a file).
DECISION_LOG_SIGNING_KEY = generate_skey("testserver/decision-log").text()
