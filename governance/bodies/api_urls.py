"""API: bodies. Included into governance/api_urls.py."""

from django.urls import path

from governance.bodies import api

urlpatterns = [
    path("bodies/", api.BodyListApi.as_view(), name="governance-body-list"),
    path("bodies/<slug:slug>/", api.BodyDetailApi.as_view(), name="governance-body-detail"),
    path(
        "bodies/<slug:slug>/constitution/",
        api.BodyConstitutionApi.as_view(),
        name="governance-body-constitution",
    ),
]
