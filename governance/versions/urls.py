"""Pages: a proposal's versions and their redline. Included into governance/urls.py
(namespace "governance")."""

from django.urls import path

from governance.versions import views

urlpatterns = [
    path("proposals/<int:pk>/versions/", views.version_list, name="version-list"),
    path("proposals/<int:pk>/versions/compare/", views.version_compare, name="version-compare"),
    path("proposals/<int:pk>/versions/new/", views.version_publish, name="version-publish"),
    path("proposals/<int:pk>/versions/<int:number>/", views.version_detail, name="version-detail"),
    path(
        "proposals/<int:pk>/versions/<int:number>/text/",
        views.version_text,
        name="version-text",
    ),
    path(
        "proposals/<int:pk>/versions/<int:number>/responses/<int:comment>/",
        views.response_changes,
        name="version-response-changes",
    ),
    path(
        "proposals/<int:pk>/consultation/reopen/",
        views.consultation_reopen,
        name="consultation-reopen",
    ),
]
