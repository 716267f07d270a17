"""API: objectives, indicators and the issue register. Included into governance/api_urls.py."""

from django.urls import path

from governance.objectives import api

urlpatterns = [
    path("objectives/", api.ObjectiveListApi.as_view(), name="governance-objective-list"),
    path(
        "objectives/<slug:slug>/",
        api.ObjectiveDetailApi.as_view(),
        name="governance-objective-detail",
    ),
    path("indicators/", api.IndicatorListApi.as_view(), name="governance-indicator-list"),
    path(
        "indicators/<int:pk>/measurements/",
        api.IndicatorMeasurementApi.as_view(),
        name="governance-indicator-measurements",
    ),
    path("issues/", api.IssueListApi.as_view(), name="governance-issue-list"),
    path("issues/<int:pk>/", api.IssueDetailApi.as_view(), name="governance-issue-detail"),
    path(
        "issues/<int:pk>/status/",
        api.IssueStatusApi.as_view(),
        name="governance-issue-status",
    ),
]
