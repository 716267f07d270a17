"""Pages: comments, moderation and responses. Included into governance/urls.py (namespace
"governance")."""

from django.urls import path

from governance.consultations import views

urlpatterns = [
    path("proposals/<int:pk>/comment/", views.comment_create, name="comment-create"),
    path("proposals/<int:pk>/moderation/", views.comment_moderation, name="comment-moderation"),
    path(
        "proposals/<int:pk>/moderation/<int:comment_pk>/",
        views.comment_moderate,
        name="comment-moderate",
    ),
    path(
        "proposals/<int:pk>/comments/<int:comment_pk>/response/",
        views.comment_response,
        name="comment-response",
    ),
    path(
        "proposals/<int:pk>/received-input/",
        views.received_input_create,
        name="received-input-create",
    ),
    path(
        "proposals/<int:pk>/translations/<str:language>/",
        views.translation_edit,
        name="proposal-translation",
    ),
]
