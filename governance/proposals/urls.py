"""Pages: proposals, impact assessments and transitions. Included into governance/urls.py
(namespace "governance")."""

from django.urls import path

from governance.proposals import views, views_tabling

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal-list"),
    path("proposals/new/", views_tabling.proposal_draft, name="proposal-draft"),
    path("proposals/<int:pk>/edit/", views_tabling.proposal_draft_edit, name="proposal-draft-edit"),
    path("proposals/<int:pk>/sponsor/", views_tabling.proposal_sponsor, name="proposal-sponsor"),
    path(
        "proposals/<int:pk>/sponsor/withdraw/",
        views_tabling.proposal_sponsor_withdraw,
        name="proposal-sponsor-withdraw",
    ),
    path(
        "proposals/<int:pk>/co-sponsors/ask/",
        views_tabling.proposal_sponsors_request,
        name="proposal-sponsors-request",
    ),
    path("proposals/<int:pk>/table/", views_tabling.proposal_table, name="proposal-table"),
    path("proposals/<int:pk>/admit/", views_tabling.proposal_admit, name="proposal-admit"),
    path("proposals/<int:pk>/decline/", views_tabling.proposal_decline, name="proposal-decline"),
    path(
        "proposals/<int:pk>/withdraw/",
        views_tabling.proposal_withdraw_own,
        name="proposal-withdraw-own",
    ),
    path("proposals/<int:pk>/revise/", views_tabling.proposal_revise, name="proposal-revise"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/print/", views.proposal_print, name="proposal-print"),
    path(
        "proposals/<int:pk>/impact-assessment/",
        views.impact_assessment_edit,
        name="impact-assessment-edit",
    ),
    path("proposals/<int:pk>/transition/", views.proposal_transition, name="proposal-transition"),
]
