"""API: ballots, votes, conflicts of interest, decisions, statements, endorsements and the
register of interests. Included into governance/api_urls.py."""

from django.urls import path

from governance.ballots import api

urlpatterns = [
    path("ballots/", api.BallotListApi.as_view(), name="governance-ballot-list"),
    path("ballots/<int:pk>/", api.BallotDetailApi.as_view(), name="governance-ballot-detail"),
    path(
        "ballots/<int:pk>/votes/", api.BallotVoteListApi.as_view(), name="governance-ballot-votes"
    ),
    path(
        "ballots/<int:pk>/declarations/",
        api.BallotDeclarationListApi.as_view(),
        name="governance-ballot-declarations",
    ),
    path(
        "ballots/<int:pk>/exemptions/",
        api.BallotExemptionApi.as_view(),
        name="governance-ballot-exemptions",
    ),
    path("ballots/<int:pk>/close/", api.BallotCloseApi.as_view(), name="governance-ballot-close"),
    path(
        "ballots/<int:pk>/decision/",
        api.BallotDecisionApi.as_view(),
        name="governance-ballot-decision",
    ),
    path(
        "ballots/<int:pk>/decision/dissents/",
        api.DecisionDissentListApi.as_view(),
        name="governance-decision-dissents",
    ),
    path(
        "ballots/<int:pk>/decision/reviewer-statements/",
        api.DecisionReviewerStatementListApi.as_view(),
        name="governance-decision-reviewer-statements",
    ),
    path(
        "ballots/<int:pk>/decision/endorsements/",
        api.DecisionEndorsementListApi.as_view(),
        name="governance-decision-endorsements",
    ),
    path(
        "ballots/<int:pk>/decision/publish/",
        api.DecisionPublishApi.as_view(),
        name="governance-decision-publish",
    ),
    path(
        "proposals/<int:pk>/ballot-settings/",
        api.BallotSettingsApi.as_view(),
        name="governance-proposal-ballot-settings",
    ),
    path("interests/", api.InterestListApi.as_view(), name="governance-interest-list"),
    path("interests/<int:pk>/end/", api.InterestEndApi.as_view(), name="governance-interest-end"),
]
