"""Development settings: `make run`. Safe defaults, console email, debug on."""

from alliance_portal.settings.base import *  # noqa: F403
from alliance_portal.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A development-only key; production refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key-for-local-development-never-deploy"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
DEMO_LOGINS_ENABLED = True
# The decision log's signing key, made the first time it is needed (keys.py).
DECISION_LOG_SIGNING_KEY_FILE = str(BASE_DIR / ".data" / "decision-log.skey")  # noqa: F405
