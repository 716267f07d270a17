from django.urls import path

from members import api

urlpatterns = [
    path("chambers/", api.ChamberListApi.as_view(), name="chamber-list"),
    path("chambers/<slug:slug>/", api.ChamberDetailApi.as_view(), name="chamber-detail"),
    path("organisations/", api.OrganisationListApi.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        api.OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
]
