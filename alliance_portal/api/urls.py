"""The v1 API. Each app's routes are included here, in layer order."""

from django.urls import include, path

from alliance_portal.api.views import MeApi, TokenApi

urlpatterns = [
    path("auth/token/", TokenApi.as_view(), name="token-obtain"),
    path("me/", MeApi.as_view(), name="me"),
    path("", include("members.api_urls")),
    path("", include("standards.api_urls")),
    path("", include("glossary.api_urls")),
    path("", include("governance.api_urls")),
]
