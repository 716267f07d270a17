from django.urls import include, path

from governance.api import bodies, consultations, objectives, proposals

urlpatterns = [
    path("bodies/", bodies.BodyListApi.as_view(), name="governance-body-list"),
    path("bodies/<slug:slug>/", bodies.BodyDetailApi.as_view(), name="governance-body-detail"),
    path("objectives/", objectives.ObjectiveListApi.as_view(), name="governance-objective-list"),
    path(
        "objectives/<slug:slug>/",
        objectives.ObjectiveDetailApi.as_view(),
        name="governance-objective-detail",
    ),
    path("indicators/", objectives.IndicatorListApi.as_view(), name="governance-indicator-list"),
    path(
        "indicators/<int:pk>/measurements/",
        objectives.IndicatorMeasurementApi.as_view(),
        name="governance-indicator-measurements",
    ),
    path("issues/", objectives.IssueListApi.as_view(), name="governance-issue-list"),
    path("issues/<int:pk>/", objectives.IssueDetailApi.as_view(), name="governance-issue-detail"),
    path(
        "issues/<int:pk>/status/",
        objectives.IssueStatusApi.as_view(),
        name="governance-issue-status",
    ),
    path("proposals/", proposals.ProposalListApi.as_view(), name="governance-proposal-list"),
    path(
        "proposals/<int:pk>/",
        proposals.ProposalDetailApi.as_view(),
        name="governance-proposal-detail",
    ),
    path(
        "proposals/<int:pk>/transitions/",
        proposals.ProposalTransitionApi.as_view(),
        name="governance-proposal-transitions",
    ),
    path(
        "proposals/<int:pk>/impact-assessment/",
        proposals.ImpactAssessmentApi.as_view(),
        name="governance-proposal-impact-assessment",
    ),
    path(
        "proposals/<int:pk>/participation/",
        consultations.ParticipationApi.as_view(),
        name="governance-proposal-participation",
    ),
    path(
        "proposals/<int:pk>/comments/",
        consultations.CommentListApi.as_view(),
        name="governance-proposal-comments",
    ),
    path(
        "proposals/<int:pk>/responses/",
        consultations.ResponseTableApi.as_view(),
        name="governance-proposal-responses",
    ),
    path(
        "comments/<int:pk>/moderation/",
        consultations.CommentModerationApi.as_view(),
        name="governance-comment-moderation",
    ),
    path(
        "comments/<int:pk>/response/",
        consultations.CommentResponseApi.as_view(),
        name="governance-comment-response",
    ),
    path("", include("governance.api_urls_ballots")),
    path("", include("governance.api_urls_decision_log")),
    path("", include("governance.api_urls_reports")),
]
