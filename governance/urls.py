"""Pages of the governance app (namespace "governance"): each feature's own urls.py."""

from django.urls import include, path

app_name = "governance"

urlpatterns = [
    path("", include("governance.dashboard.urls")),
    path("", include("governance.objectives.urls")),
    path("", include("governance.bodies.urls")),
    path("", include("governance.proposals.urls")),
    path("", include("governance.effects.urls")),
    path("", include("governance.versions.urls")),
    path("", include("governance.consultations.urls")),
    path("", include("governance.ballots.urls")),
    path("", include("governance.decision_log.urls")),
    path("", include("governance.log_heads.urls")),
    path("", include("governance.reports.urls")),
    path("", include("governance.meetings.urls")),
    path("", include("governance.initiatives.urls")),
    path("", include("governance.reviews.urls")),
    path("", include("governance.actions.urls")),
    path("", include("governance.acceptance.urls")),
]
