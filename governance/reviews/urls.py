"""Pages: decision reviews. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.reviews import views

urlpatterns = [
    path(
        "proposals/<int:pk>/review-date/",
        views.proposal_review_date,
        name="proposal-review-date",
    ),
    path(
        "decisions/<int:seq>/review-date/",
        views.decision_review_date,
        name="decision-review-date",
    ),
    path(
        "decisions/<int:seq>/review/",
        views.decision_review_outcome,
        name="decision-review-outcome",
    ),
]
