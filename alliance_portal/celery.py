"""The Celery application. Workers and beat run `celery -A alliance_portal worker|beat` with
DJANGO_SETTINGS_MODULE set by whoever starts them (the launcher, the Dockerfile). It is not
defaulted here: importing this package must not choose settings for the importer (pytest,
the launcher's children)."""

from celery import Celery

app = Celery("alliance_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
