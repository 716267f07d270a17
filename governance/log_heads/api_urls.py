"""API: the decision log's signed heads and witnesses. Included into governance/api_urls.py."""

from django.urls import path

from governance.log_heads import api

urlpatterns = [
    path("decision-log/heads/", api.SignedHeadListApi.as_view(), name="decision-log-heads"),
    path(
        "decision-log/heads/<int:size>/",
        api.SignedHeadApi.as_view(),
        name="decision-log-head-signed",
    ),
    path(
        "decision-log/heads/<int:size>/cosignatures/",
        api.CosignatureCreateApi.as_view(),
        name="decision-log-cosignatures",
    ),
    path("decision-log/witnesses/", api.WitnessListApi.as_view(), name="decision-log-witnesses"),
    path(
        "decision-log/witnesses/<int:pk>/decision/",
        api.WitnessDecisionApi.as_view(),
        name="decision-log-witness-decision",
    ),
]
