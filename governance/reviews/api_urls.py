"""API: decision reviews. Included into governance/api_urls.py."""

from django.urls import path

from governance.reviews import api

urlpatterns = [
    path(
        "decision-reviews/",
        api.DecisionReviewListApi.as_view(),
        name="governance-decision-reviews",
    ),
    path(
        "decision-reviews/<int:pk>/outcome/",
        api.DecisionReviewOutcomeApi.as_view(),
        name="governance-decision-review-outcome",
    ),
]
