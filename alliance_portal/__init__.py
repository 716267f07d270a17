"""Alliance Portal: project package and the shared mechanisms every app uses."""

from alliance_portal.celery import app as celery_app

__all__ = ["celery_app"]
