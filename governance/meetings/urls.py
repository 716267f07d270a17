"""Pages: meetings and meeting requests. Included into governance/urls.py (namespace
"governance")."""

from django.urls import path

from governance.meetings import schedule_views, views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/new/", schedule_views.meeting_schedule, name="meeting-schedule"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/change/", schedule_views.meeting_change, name="meeting-change"),
    path("meetings/<int:pk>/cancel/", schedule_views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/register/", views.meeting_register, name="meeting-register"),
    path(
        "meetings/<int:pk>/unregister/",
        schedule_views.meeting_unregister,
        name="meeting-unregister",
    ),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes_edit, name="meeting-minutes"),
    path(
        "meetings/<int:pk>/minutes/approval/",
        views.meeting_minutes_approve,
        name="meeting-minutes-approval",
    ),
    path(
        "meetings/agenda-items/<int:pk>/hold/",
        schedule_views.agenda_item_hold,
        name="agenda-item-hold",
    ),
    path(
        "meetings/agenda-items/<int:pk>/release/",
        schedule_views.agenda_item_release,
        name="agenda-item-release",
    ),
    path("meeting-requests/", views.meeting_request_list, name="meeting-request-list"),
    path("meeting-requests/new/", views.meeting_request_create, name="meeting-request-create"),
    path(
        "meeting-requests/figures/",
        views.meeting_request_figures,
        name="meeting-request-figures",
    ),
    path(
        "meeting-requests/<int:pk>/",
        views.meeting_request_detail,
        name="meeting-request-detail",
    ),
]
