"""API: reports. Included into governance/api_urls.py."""

from django.urls import path

from governance.reports import api

urlpatterns = [
    path("reports/", api.ReportListApi.as_view(), name="governance-report-list"),
    path("reports/<int:pk>/", api.ReportDetailApi.as_view(), name="governance-report-detail"),
    path(
        "reports/<int:pk>/progress/",
        api.ReportProgressApi.as_view(),
        name="governance-report-progress",
    ),
    path(
        "reports/<int:pk>/rebuild/",
        api.ReportRebuildApi.as_view(),
        name="governance-report-rebuild",
    ),
    path(
        "reports/<int:pk>/correct/",
        api.ReportCorrectApi.as_view(),
        name="governance-report-correct",
    ),
]
