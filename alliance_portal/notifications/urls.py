"""Under /accounts/ (included by alliance_portal.accounts.urls)."""

from django.urls import path

from alliance_portal.notifications import views

urlpatterns = [
    path("notifications/", views.preferences, name="notification_preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="notifications_unsubscribe",
    ),
]
