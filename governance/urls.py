from django.urls import include, path

from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("objectives/", views.objective_list, name="objective-list"),
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body-detail"),
    path("proposals/", views.proposal_list, name="proposal-list"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/print/", views.proposal_print, name="proposal-print"),
    path("proposals/<int:pk>/comment/", views.comment_create, name="comment-create"),
    path("proposals/<int:pk>/moderation/", views.comment_moderation, name="comment-moderation"),
    path(
        "proposals/<int:pk>/moderation/<int:comment_pk>/",
        views.comment_moderate,
        name="comment-moderate",
    ),
    path(
        "proposals/<int:pk>/comments/<int:comment_pk>/response/",
        views.comment_response,
        name="comment-response",
    ),
    path(
        "proposals/<int:pk>/impact-assessment/",
        views.impact_assessment_edit,
        name="impact-assessment-edit",
    ),
    path("proposals/<int:pk>/transition/", views.proposal_transition, name="proposal-transition"),
    path("my-actions/", views.my_actions, name="my-actions"),
    path("", include("governance.urls_ballots")),
    path("", include("governance.urls_decision_log")),
    path("", include("governance.urls_reports")),
]
