"""API: consultations — participation, comments, moderation and responses. Included into
governance/api_urls.py."""

from django.urls import path

from governance.consultations import api, api_input

urlpatterns = [
    path(
        "proposals/<int:pk>/participation/",
        api.ParticipationApi.as_view(),
        name="governance-proposal-participation",
    ),
    path(
        "proposals/<int:pk>/comments/",
        api.CommentListApi.as_view(),
        name="governance-proposal-comments",
    ),
    path(
        "proposals/<int:pk>/responses/",
        api.ResponseTableApi.as_view(),
        name="governance-proposal-responses",
    ),
    path(
        "comments/<int:pk>/moderation/",
        api.CommentModerationApi.as_view(),
        name="governance-comment-moderation",
    ),
    path(
        "comments/<int:pk>/response/",
        api.CommentResponseApi.as_view(),
        name="governance-comment-response",
    ),
    path(
        "proposals/<int:pk>/received-input/",
        api_input.ReceivedInputApi.as_view(),
        name="governance-proposal-received-input",
    ),
    path(
        "proposals/<int:pk>/translations/",
        api_input.TranslationListApi.as_view(),
        name="governance-proposal-translations",
    ),
    path(
        "proposals/<int:pk>/translations/<str:language>/",
        api_input.TranslationApi.as_view(),
        name="governance-proposal-translation",
    ),
]
