"""API: the public decision log. Included into governance/api_urls.py."""

from django.urls import path

from governance.decision_log import api, proofs_api

urlpatterns = [
    path("decision-log/", api.DecisionLogListApi.as_view(), name="decision-log-list"),
    path("decision-log/head/", api.DecisionLogHeadApi.as_view(), name="decision-log-head"),
    path("decision-log/<int:seq>/", api.DecisionLogEntryApi.as_view(), name="decision-log-entry"),
    path(
        "decision-log/<int:seq>/inclusion/",
        proofs_api.InclusionProofApi.as_view(),
        name="decision-log-inclusion",
    ),
    path(
        "decision-log/consistency/",
        proofs_api.ConsistencyProofApi.as_view(),
        name="decision-log-consistency",
    ),
]
