"""API: proposal versions. Included into governance/api_urls.py."""

from django.urls import path

from governance.versions import api, api_submissions

urlpatterns = [
    path(
        "proposals/<int:pk>/versions/",
        api.VersionListApi.as_view(),
        name="governance-proposal-versions",
    ),
    path(
        "proposals/<int:pk>/versions/compare/",
        api.VersionCompareApi.as_view(),
        name="governance-proposal-versions-compare",
    ),
    path(
        "proposals/<int:pk>/versions/<int:number>/",
        api.VersionDetailApi.as_view(),
        name="governance-proposal-version",
    ),
    path(
        "proposals/<int:pk>/versions/<int:number>/responses/<int:comment>/",
        api.ResponseChangesApi.as_view(),
        name="governance-proposal-version-response-changes",
    ),
    path(
        "proposals/<int:pk>/consultation/reopen/",
        api.ConsultationReopenApi.as_view(),
        name="governance-proposal-consultation-reopen",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/",
        api_submissions.SubmissionListApi.as_view(),
        name="governance-proposal-version-submissions",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/<int:sid>/",
        api_submissions.SubmissionDetailApi.as_view(),
        name="governance-proposal-version-submission",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/<int:sid>/publish/",
        api_submissions.SubmissionPublishApi.as_view(),
        name="governance-proposal-version-submission-publish",
    ),
    path(
        "proposals/<int:pk>/versions/submissions/<int:sid>/return/",
        api_submissions.SubmissionReturnApi.as_view(),
        name="governance-proposal-version-submission-return",
    ),
]
