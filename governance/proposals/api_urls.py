"""API: proposals, their transitions and impact assessments. Included into
governance/api_urls.py."""

from django.urls import path

from governance.proposals import api, api_tabling

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
    path(
        "proposals/<int:pk>/sponsors/",
        api_tabling.ProposalSponsorApi.as_view(),
        name="governance-proposal-sponsors",
    ),
    path(
        "proposals/<int:pk>/sponsor-requests/",
        api_tabling.ProposalSponsorRequestApi.as_view(),
        name="governance-proposal-sponsor-requests",
    ),
    path(
        "proposals/<int:pk>/table/",
        api_tabling.ProposalTableApi.as_view(),
        name="governance-proposal-table",
    ),
    path(
        "proposals/<int:pk>/admit/",
        api_tabling.ProposalAdmitApi.as_view(),
        name="governance-proposal-admit",
    ),
    path(
        "proposals/<int:pk>/decline/",
        api_tabling.ProposalDeclineApi.as_view(),
        name="governance-proposal-decline",
    ),
    path(
        "proposals/<int:pk>/withdraw/",
        api_tabling.ProposalWithdrawOwnApi.as_view(),
        name="governance-proposal-withdraw-own",
    ),
    path(
        "proposals/<int:pk>/revise/",
        api_tabling.ProposalReviseApi.as_view(),
        name="governance-proposal-revise",
    ),
]
