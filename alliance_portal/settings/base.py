"""Settings shared by every environment. Values that differ between environments come from
the environment through django-environ; see README.md "Settings" for the list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ

from alliance_portal.settings.env import database_config, redis_py_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    # Our apps, in layer order: an app may import only the apps above it.
    "alliance_portal",
    "members",
    "standards",
    "glossary",
    "governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads a form's body: an oversize body is a 413 unread.
    "alliance_portal.body_limit.BodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A NUL byte in the address is a 400 here, before any view or lookup sees it.
    "alliance_portal.middleware.NulByteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "alliance_portal.middleware.PolicyMiddleware",
    # Last: turns a locked-out sign-in (django-axes) into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance_portal.urls"
WSGI_APPLICATION = "alliance_portal.wsgi.application"
ASGI_APPLICATION = "alliance_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "alliance_portal.context_processors.portal",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
# PostgreSQL is the only database. Without DATABASE_URL the launcher (`make run`, `make test`)
# starts an embedded server and sets DATABASE_URL for its children; settings never start one.
# Set on every connection at its start (no query): the glossary search finds its candidate
# labels through their trigram index with `<%`, whose threshold is this setting; PostgreSQL's
# default (0.6) is stricter than the search's own ranking (glossary.selectors.search).
DATABASE_SESSION_OPTIONS = "-c pg_trgm.word_similarity_threshold=0.3"
DATABASES = {
    "default": {
        **database_config(
            env.str("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/alliance_portal")
        ),
        "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"options": DATABASE_SESSION_OPTIONS},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_py_url(REDIS_URL),
        "KEY_PREFIX": "alliance-portal",
    },
    # The API's and the forms' rate-limit counts (alliance_portal.api.throttles).
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_py_url(REDIS_URL),
        "KEY_PREFIX": "alliance-portal-throttle",
    },
}

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "alliance_portal.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked-out username + address (django-axes).
    "alliance_portal.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# An API token stops working this long after it was issued (and at once when revoked, when the
# password changes or when the account is deactivated).
API_TOKEN_LIFETIME = timedelta(days=env.int("API_TOKEN_LIFETIME_DAYS", default=30))
# A sign-up's confirmation link works this long; beat then removes the unconfirmed sign-up.
SIGNUP_CONFIRMATION_HOURS = 48
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection (django-axes) on every sign-in: the login page, the admin's and the
# API's token endpoint. 5 failures for one email address from one IP address lock that pair
# out for 15 minutes (429 with Retry-After, alliance_portal.accounts.lockout); a success
# clears the count; the secretariat unlocks in the admin (Sign-in lockouts).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "alliance_portal.accounts.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "alliance_portal.accounts.lockout.lockout_response"
AXES_ENABLE_ADMIN = False  # our own admin: alliance_portal.admin.LoginLockoutAdmin
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "new_password1"]
AXES_VERBOSE = False  # no banner on every start (it broke `check --deploy`'s clean output)
# django-guardian: a model-level permission never grants every object.
# No guardian "anonymous user" row: anonymous visitors see what the disclosure policy makes public.
ANONYMOUS_USER_NAME = None

# Audit trail (django-pghistory): database triggers record every insert, update and delete of
# tracked models, bulk updates and raw SQL included; the middleware and our services attach who
# did it and which use case.
# Audit events are append-only: the database refuses to update or delete them.
PGHISTORY_APPEND_ONLY = True
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Events are snapshots of rows as they were: they keep text written before a length limit
# existed, so their copies of bounded text fields carry no limit (alliance_portal.text_limits).
PGHISTORY_EXCLUDE_FIELD_KWARGS = {"alliance_portal.text_limits.BoundedTextField": ["max_length"]}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# --- Uploads ----------------------------------------------------------------------------------
# The largest body a page takes is the membership application with its signed letter (10 MB,
# members.pdf_check). A larger Content-Length is refused with a 413 before anything reads it
# (alliance_portal.body_limit); the application form refuses more than its letter and fields.
MAX_REQUEST_BODY_SIZE = env.int("MAX_REQUEST_BODY_SIZE", default=12 * 1024 * 1024)
# The documents library's largest upload (governance.documents); at most the body limit above.
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Form fields and JSON (files aside) held in memory: beyond it Django answers 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# An uploaded file larger than this is streamed to a temporary file, never held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A notification's one-click unsubscribe link works this many days after the email was sent.
# Personal data: the secretariat answers an erasure request within this many days, and is
# reminded (daily) from this many days before it is due.
PERSONAL_DATA_ERASURE_DAYS = env.int("PERSONAL_DATA_ERASURE_DAYS", default=30)
PERSONAL_DATA_ERASURE_REMIND_DAYS = env.int("PERSONAL_DATA_ERASURE_REMIND_DAYS", default=7)
NOTIFICATION_UNSUBSCRIBE_DAYS = env.int("NOTIFICATION_UNSUBSCRIBE_DAYS", default=365)
# Absolute links in emails (invitations, confirmations) start with this.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# The alliance's name, as its transparency reports (the PDF's cover) name it.
ALLIANCE_NAME = env.str("ALLIANCE_NAME", default="Responsible Sourcing Alliance")

# The licence of the alliance's open data (transparency reports' data packages): declared in
# every datapackage.json (Frictionless "licenses") and stated on the report pages.
OPEN_DATA_LICENCE = {
    "name": env.str("OPEN_DATA_LICENCE_NAME", default="CC-BY-4.0"),
    "path": env.str(
        "OPEN_DATA_LICENCE_PATH", default="https://creativecommons.org/licenses/by/4.0/"
    ),
    "title": env.str(
        "OPEN_DATA_LICENCE_TITLE", default="Creative Commons Attribution 4.0 International"
    ),
}

# --- Email ------------------------------------------------------------------------------------
# EMAIL_URL (django-environ): smtp+tls://user:password@host:587, smtps://..., consolemail://
# (the default: emails are printed, for development), filemail:///path, dummymail://.
# Production without EMAIL_URL reads EMAIL_HOST and friends (settings/production.py).
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
_email = environ.Env.email_url_config(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL", False))
if _email.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Alliance Portal <portal@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers (every environment; production tightens cookies and TLS) ---------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "alliance_portal.accounts.tokens.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON nested deeper than any endpoint takes is a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "alliance_portal.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "alliance_portal.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "alliance_portal.api.exceptions.exception_handler",
    # Scoped rate limits (alliance_portal.api.throttles): a view opts in with throttle_scope.
    "DEFAULT_THROTTLE_CLASSES": ["alliance_portal.api.throttles.ScopedThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "auth-token": "10/minute",
        "signup": "5/hour",
        "password-reset": "5/hour",
        "search": "60/minute",
        "export": "20/minute",
        "report-create": "10/hour",
        "application": "10/hour",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alliance Portal API",
    "DESCRIPTION": (
        "Public and member API of the responsible-sourcing alliance: organisations, chambers, "
        "and (as they land) proposals, the decision log, standards and the glossary.\n\n"
        "Staff reading confidential (secretariat-level) material say why, once per session "
        "in the browser or with the `X-Access-Reason` header (review, verification, "
        "member_request, legal, other with `X-Access-Reason-Detail`) on each API request; "
        "the reason is recorded in the access log, which the owning organisation reads at "
        "`/api/v1/organisations/{slug}/access-log/`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "governance.actions.models.ActionStatus",
        "EffectKindEnum": "governance.effects.api.EFFECT_KINDS",
        "ErasureStatusEnum": "alliance_portal.erasure.models.ErasureStatus",
        "OrganisationKindEnum": "members.models.OrganisationKind",
        "WitnessStatusEnum": "governance.log_heads.models.WitnessStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # 400/401/403/404 documented once for every operation they can answer.
        "alliance_portal.api.schema.document_errors",
    ],
}

# --- Decision-log heads and witnesses (governance/log_heads) ---------------------------------
# The C2SP signer key that signs the log's checkpoints (PRIVATE+KEY+<origin>+<id>+<base64>);
# without it, a key is read from (and first written to) DECISION_LOG_SIGNING_KEY_FILE, which
# only development sets. Production has no file: set the key.
DECISION_LOG_SIGNING_KEY = env.str("DECISION_LOG_SIGNING_KEY", default="")
DECISION_LOG_SIGNING_KEY_FILE = ""
# Outside witnesses speaking C2SP tlog-witness: their submission prefixes (each new head is
# sent to <prefix>/add-checkpoint with its consistency proof).
DECISION_LOG_WITNESS_URLS = env.list("DECISION_LOG_WITNESS_URLS", default=[])
# The chambers whose member organisations may run a witness (besides partner alliances).
DECISION_LOG_WITNESS_CHAMBERS = (
    "civil-society",
    "affected-communities-labour",
    "academia-technical-experts",
)
# Heads are signed at most this often while entries keep coming (beat catches up the rest).
DECISION_LOG_HEAD_INTERVAL_SECONDS = 60

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 15}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Decision log: a signed head for entries appended since the last one (idempotent).
    "governance-sign-decision-log-head": {
        "task": "governance.log_heads.tasks.log_head_sign_task",
        "schedule": 60.0,
    },
    # Governance: consultations open and close on time (idempotent: each run acts on what is due).
    "governance-open-due-consultations": {
        "task": "governance.tasks.consultations_open_due_task",
        "schedule": 60.0,
    },
    "governance-close-due-consultations": {
        "task": "governance.tasks.consultations_close_due_task",
        "schedule": 60.0,
    },
    # Governance: ballots close on time (idempotent: each run closes what is due, once).
    "governance-close-due-ballots": {
        "task": "governance.tasks.ballots_close_due_task",
        "schedule": 60.0,
    },
    # Governance: transparency reports of the last completed quarter and year, asked for once
    # the day after the period ends (each run creates only what does not exist yet).
    "governance-schedule-due-reports": {
        "task": "governance.tasks.reports_schedule_due_task",
        "schedule": 3600.0,
    },
    # Governance: reports whose build stalled (dead worker, lost task) are queued again.
    "governance-requeue-stuck-reports": {
        "task": "governance.tasks.reports_requeue_stuck_task",
        "schedule": 300.0,
    },
    # Governance: the body is reminded when a decision's review date comes (once per review).
    "governance-remind-due-decision-reviews": {
        "task": "governance.tasks.decision_reviews_remind_due_task",
        "schedule": 3600.0,
    },
    # Notifications: the daily and weekly digests (each run sends the period that ended, once
    # per person: the first run after midnight UTC, and after Monday's midnight for weekly).
    # Personal data: the secretariat is reminded of erasure requests coming due.
    "personal-data-erasure-reminders": {
        "task": "alliance_portal.erasure.tasks.erasure_remind_due_task",
        "schedule": 3600.0,
    },
    "notifications-daily-digests": {
        "task": "alliance_portal.notifications.tasks.digests_daily_task",
        "schedule": 3600.0,
    },
    "notifications-weekly-digests": {
        "task": "alliance_portal.notifications.tasks.digests_weekly_task",
        "schedule": 3600.0,
    },
    # Governance: consultations and ballots closing within 48 hours are announced (once each).
    "governance-remind-closing-consultations": {
        "task": "governance.tasks.consultations_remind_closing_task",
        "schedule": 3600.0,
    },
    "governance-remind-closing-ballots": {
        "task": "governance.tasks.ballots_remind_closing_task",
        "schedule": 3600.0,
    },
    # Governance: an action past its due date is announced to its owner (once per due date).
    "governance-remind-overdue-actions": {
        "task": "governance.tasks.actions_remind_overdue_task",
        "schedule": 3600.0,
    },
    # Governance: a pledge due within a week is announced to its organisation (once per date).
    "governance-remind-due-pledges": {
        "task": "governance.tasks.pledges_remind_due_task",
        "schedule": 3600.0,
    },
    # Standards: organisations without a submitted RS report are reminded two weeks before
    # the cycle's due date (once per cycle and organisation).
    "standards-remind-due-reports": {
        "task": "standards.tasks.reports_remind_due_task",
        "schedule": 3600.0,
    },
    # Accounts: sign-ups never confirmed within SIGNUP_CONFIRMATION_HOURS are removed.
    "accounts-remove-expired-signups": {
        "task": "alliance_portal.tasks.signups_remove_expired_task",
        "schedule": 3600.0,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / ".data" / "celerybeat-schedule")

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
