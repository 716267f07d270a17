"""The v1 API. Each app's routes are included here, in layer order."""

from django.urls import include, path

from alliance_portal.accounts.api import TokenListApi, TokenObtainApi, TokenRevokeApi
from alliance_portal.api.views import MeApi
from alliance_portal.notifications.api import NotificationPreferencesApi

urlpatterns = [
    path("auth/token/", TokenObtainApi.as_view(), name="token-obtain"),
    path("auth/tokens/", TokenListApi.as_view(), name="token-list"),
    path("auth/tokens/<int:pk>/", TokenRevokeApi.as_view(), name="token-revoke"),
    path("me/", MeApi.as_view(), name="me"),
    path(
        "me/notifications/",
        NotificationPreferencesApi.as_view(),
        name="notification-preferences",
    ),
    path("", include("members.api_urls")),
    path("", include("standards.api_urls")),
    path("", include("glossary.api_urls")),
    path("", include("governance.api_urls")),
]
