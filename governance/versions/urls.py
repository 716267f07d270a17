"""Pages: a proposal's versions and their redline. Included into governance/urls.py
(namespace "governance")."""

from django.urls import path

from governance.versions import views, views_submissions

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
    path(
        "proposals/<int:pk>/versions/submit/",
        views_submissions.version_submit,
        name="version-submit",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/",
        views_submissions.submission_list,
        name="version-submissions",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/<int:sid>/",
        views_submissions.submission_detail,
        name="version-submission",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/<int:sid>/publish/",
        views_submissions.submission_publish,
        name="version-submission-publish",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/<int:sid>/return/",
        views_submissions.submission_return,
        name="version-submission-return",
    ),
]
