from django.urls import path

from governance.acceptance import api

urlpatterns = [
    path(
        "acceptance-requests/<int:pk>/proposals/",
        api.AcceptanceProposalsApi.as_view(),
        name="acceptance-request-proposals",
    ),
]
