"""API: action items. Included into governance/api_urls.py."""

from django.urls import path

from governance.actions import api

urlpatterns = [
    path("actions/", api.ActionListApi.as_view(), name="governance-action-list"),
    path("actions/<int:pk>/", api.ActionDetailApi.as_view(), name="governance-action-detail"),
    path(
        "actions/<int:pk>/updates/",
        api.ActionUpdatesApi.as_view(),
        name="governance-action-updates",
    ),
    path(
        "actions/<int:pk>/status/", api.ActionStatusApi.as_view(), name="governance-action-status"
    ),
    path(
        "actions/<int:pk>/statement/",
        api.ActionStatementApi.as_view(),
        name="governance-action-statement",
    ),
]
