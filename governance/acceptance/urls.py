from django.urls import path

from governance.acceptance import views

urlpatterns = [
    path(
        "acceptance-requests/<int:pk>/open-proposal/",
        views.acceptance_open_proposal,
        name="acceptance-open-proposal",
    ),
]
