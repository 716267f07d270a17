"""Pages: a proposal's effect. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.effects import views

urlpatterns = [
    path("proposals/<int:pk>/effect/", views.proposal_effect, name="proposal-effect"),
]
