"""The signed checkpoint of the decision log, beside its C2SP tlog-tiles
(``governance/decision_log/tlog_urls.py``): ``/decision-log/checkpoint``."""

from django.urls import path

from governance.log_heads import views

urlpatterns = [
    path("checkpoint", views.checkpoint, name="tlog-checkpoint"),
]
