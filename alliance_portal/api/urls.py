"""The v1 API. Each app's routes are included here, in layer order."""

from django.urls import include, path
from rest_framework.authtoken.views import ObtainAuthToken

from alliance_portal.api.views import MeApi

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="token-obtain"),
    path("me/", MeApi.as_view(), name="me"),
    path("", include("members.api_urls")),
    path("", include("standards.api_urls")),
    path("", include("glossary.api_urls")),
    path("", include("governance.api_urls")),
]
