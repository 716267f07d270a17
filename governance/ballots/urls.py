"""Pages: ballots, conflicts of interest and decisions. Included into governance/urls.py
(namespace "governance")."""

from django.urls import path

from governance.ballots import views

urlpatterns = [
    path("proposals/<int:pk>/ballot/vote/", views.ballot_vote, name="ballot-vote"),
    path(
        "proposals/<int:pk>/ballot/declaration/",
        views.ballot_declaration,
        name="ballot-declaration",
    ),
    path("proposals/<int:pk>/ballot/settings/", views.ballot_settings, name="ballot-settings"),
    path("proposals/<int:pk>/ballot/exemption/", views.ballot_exemption, name="ballot-exemption"),
    path("proposals/<int:pk>/ballot/close/", views.ballot_close, name="ballot-close"),
    path("proposals/<int:pk>/decision/dissent/", views.ballot_dissent, name="ballot-dissent"),
    path(
        "proposals/<int:pk>/decision/reviewer-statement/",
        views.ballot_reviewer_statement,
        name="ballot-reviewer-statement",
    ),
    path(
        "proposals/<int:pk>/decision/endorsement/",
        views.ballot_endorsement,
        name="ballot-endorsement",
    ),
    path("proposals/<int:pk>/decision/publish/", views.ballot_publish, name="ballot-publish"),
    path("interests/", views.interest_list, name="interest-list"),
    path("interests/declare/", views.interest_declare, name="interest-declare"),
    path("interests/<int:pk>/end/", views.interest_end, name="interest-end"),
]
