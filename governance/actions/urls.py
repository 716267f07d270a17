"""Pages: actions after decisions. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.actions import views

urlpatterns = [
    path("actions/", views.action_list, name="action-list"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action-progress"),
    path("actions/<int:pk>/statement/", views.action_statement, name="action-statement"),
    path("decisions/<int:seq>/actions/new/", views.action_create, name="action-create"),
]
