"""The v1 API. Each app's routes are included here, in layer order."""

from django.urls import include, path

from alliance_portal.accounts.api import TokenListApi, TokenObtainApi, TokenRevokeApi
from alliance_portal.api.views import MeApi
from alliance_portal.erasure.api import (
    ErasureRequestConfirmApi,
    ErasureRequestDeclineApi,
    ErasureRequestListApi,
    MyDataApi,
    MyErasureRequestApi,
)
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
    path("me/data/", MyDataApi.as_view(), name="me-data"),
    path("me/erasure-request/", MyErasureRequestApi.as_view(), name="me-erasure-request"),
    path("erasure-requests/", ErasureRequestListApi.as_view(), name="erasure-request-list"),
    path(
        "erasure-requests/<int:pk>/confirm/",
        ErasureRequestConfirmApi.as_view(),
        name="erasure-request-confirm",
    ),
    path(
        "erasure-requests/<int:pk>/decline/",
        ErasureRequestDeclineApi.as_view(),
        name="erasure-request-decline",
    ),
    path("", include("members.api_urls")),
    path("", include("standards.api_urls")),
    path("", include("glossary.api_urls")),
    path("", include("governance.api_urls")),
]
