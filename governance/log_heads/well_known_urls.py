"""/.well-known/: the public key that signs the decision log's heads."""

from django.urls import path

from governance.log_heads import views

urlpatterns = [
    path("decision-log-key", views.decision_log_key, name="decision-log-key"),
]
