"""REST API of the governance app: each feature's own api_urls.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("governance.bodies.api_urls")),
    path("", include("governance.objectives.api_urls")),
    path("", include("governance.proposals.api_urls")),
    path("", include("governance.effects.api_urls")),
    path("", include("governance.versions.api_urls")),
    path("", include("governance.consultations.api_urls")),
    path("", include("governance.ballots.api_urls")),
    path("", include("governance.decision_log.api_urls")),
    path("", include("governance.log_heads.api_urls")),
    path("", include("governance.reports.api_urls")),
    path("", include("governance.meetings.api_urls")),
    path("", include("governance.initiatives.api_urls")),
    path("", include("governance.reviews.api_urls")),
    path("", include("governance.balance.api_urls")),
    path("", include("governance.actions.api_urls")),
    path("", include("governance.acceptance.api_urls")),
    path("", include("governance.documents.api_urls")),
]
