"""Pages: the public decision log. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.decision_log import views

urlpatterns = [
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/feed/", views.DecisionLogFeed(), name="decision-feed"),
    path("decisions/<int:seq>/", views.decision_detail, name="decision-detail"),
    path("decisions/<int:seq>/canonical.json", views.decision_canonical, name="decision-canonical"),
    path("decisions/<int:seq>/change/", views.decision_change, name="decision-change"),
]
