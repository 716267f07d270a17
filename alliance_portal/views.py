"""Pages of the shared layer: home, liveness, error pages."""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from alliance_portal.settings.env import redis_py_url

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@cache_control(public=True, max_age=86400)
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without a <link rel="icon"> (the Atom feeds, a
    CSV, the API's JSON): send them to the portal's SVG icon instead of a 404."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as exc:
        logger.warning("Health check: database unreachable: %s", exc)
        return False


def _broker_answers() -> bool:
    client = redis.Redis.from_url(
        redis_py_url(settings.CELERY_BROKER_URL), socket_timeout=2, socket_connect_timeout=2
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError) as exc:
        logger.warning("Health check: broker unreachable: %s", exc)
        return False
    finally:
        client.close()


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: 200 when both the database and the Celery broker answer, 503 otherwise."""
    checks = {
        "database": "ok" if _database_answers() else "unreachable",
        "broker": "ok" if _broker_answers() else "unreachable",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a RequestContext: the failure may lie in what a context processor uses.
    return render(request, "500.html", status=500, using=None)
