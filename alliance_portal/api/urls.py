"""The v1 API. Apps add their routes here, in layer order."""

from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken

from alliance_portal.api.views import MeApi

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="token-obtain"),
    path("me/", MeApi.as_view(), name="me"),
]
