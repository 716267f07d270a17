"""API: proposals, their transitions and impact assessments. Included into
governance/api_urls.py."""

from django.urls import path

from governance.proposals import api

urlpatterns = [
    path("proposals/", api.ProposalListApi.as_view(), name="governance-proposal-list"),
    path(
        "proposals/<int:pk>/",
        api.ProposalDetailApi.as_view(),
        name="governance-proposal-detail",
    ),
    path(
        "proposals/<int:pk>/transitions/",
        api.ProposalTransitionApi.as_view(),
        name="governance-proposal-transitions",
    ),
    path(
        "proposals/<int:pk>/impact-assessment/",
        api.ImpactAssessmentApi.as_view(),
        name="governance-proposal-impact-assessment",
    ),
]
