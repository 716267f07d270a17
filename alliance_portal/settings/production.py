"""Production settings. Refuses to start without DJANGO_SECRET_KEY, DATABASE_URL,
ALLOWED_HOSTS and PORTAL_BASE_URL: no default stands in for a secret, for where the data lives
or for the public address that glossary URIs and email links are built on (`check --deploy`
also warns when PORTAL_BASE_URL is not https or is a local address: alliance_portal/checks.py).

DATABASE_URL is the role this process connects as: the owner of the tables for `migrate` and
`grant_app_role`, the app role for web, worker and beat (alliance_portal/db_roles.py)."""

from django.core.exceptions import ImproperlyConfigured

from alliance_portal.settings.base import *  # noqa: F403
from alliance_portal.settings.base import DATABASE_SESSION_OPTIONS, DATABASES, MIDDLEWARE, env
from alliance_portal.settings.env import database_config

for _required in ("DJANGO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "PORTAL_BASE_URL"):
    if not env.str(_required, default=""):
        raise ImproperlyConfigured(f"Set the {_required} environment variable for production.")

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES["default"].update(database_config(env.str("DATABASE_URL")))
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", DATABASE_SESSION_OPTIONS)
DEMO_LOGINS_ENABLED = False
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL")

# TLS terminates at the proxy in front of gunicorn; it sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Liveness probes talk plain HTTP to the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# WhiteNoise serves the collected static files from gunicorn, compressed and cache-busted.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / ".data" / "staticfiles"))  # noqa: F405

# EMAIL_URL (settings/base.py) says where email goes; without it, SMTP from these variables.
if not env.str("EMAIL_URL", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
