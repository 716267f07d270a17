"""Test settings: the real PostgreSQL and Redis (from DATABASE_URL / REDIS_URL, embedded when
`make test` finds them unset), fast password hashing, in-memory email, Celery tasks run in
the calling process."""

from alliance_portal.settings.base import *  # noqa: F403
from alliance_portal.settings.base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {
    "NAME": env.str("TEST_DATABASE_NAME", default="test_alliance_portal")
}
DATABASES["default"]["ENGINE"] = "alliance_portal.testing.db"  # flush empties append-only tables
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_LOGINS_ENABLED = False
