"""Pages: proposals, impact assessments and transitions. Included into governance/urls.py
(namespace "governance")."""

from django.urls import path

from governance.proposals import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal-list"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/print/", views.proposal_print, name="proposal-print"),
    path(
        "proposals/<int:pk>/impact-assessment/",
        views.impact_assessment_edit,
        name="impact-assessment-edit",
    ),
    path("proposals/<int:pk>/transition/", views.proposal_transition, name="proposal-transition"),
]
