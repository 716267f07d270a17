"""API: meetings and meeting requests. Included into governance/api_urls.py."""

from django.urls import path

from governance.meetings.api import holds, meetings, records, requests

urlpatterns = [
    path("meetings/", meetings.MeetingListApi.as_view(), name="governance-meeting-list"),
    path(
        "meetings/<int:pk>/",
        meetings.MeetingDetailApi.as_view(),
        name="governance-meeting-detail",
    ),
    path(
        "meetings/<int:pk>/registrations/",
        meetings.MeetingRegistrationApi.as_view(),
        name="governance-meeting-registrations",
    ),
    path(
        "meetings/<int:pk>/cancellation/",
        records.MeetingCancellationApi.as_view(),
        name="governance-meeting-cancellation",
    ),
    path(
        "meetings/<int:pk>/attendance/",
        records.MeetingAttendanceApi.as_view(),
        name="governance-meeting-attendance",
    ),
    path(
        "meetings/<int:pk>/minutes/",
        records.MeetingMinutesApi.as_view(),
        name="governance-meeting-minutes",
    ),
    path(
        "meetings/<int:pk>/minutes/approval/",
        records.MeetingMinutesApprovalApi.as_view(),
        name="governance-meeting-minutes-approval",
    ),
    path(
        "meetings/agenda-items/<int:pk>/hold/",
        holds.AgendaItemHoldApi.as_view(),
        name="governance-agenda-item-hold",
    ),
    path(
        "meetings/agenda-items/<int:pk>/release/",
        holds.AgendaItemReleaseApi.as_view(),
        name="governance-agenda-item-release",
    ),
    path(
        "meeting-requests/",
        requests.MeetingRequestListApi.as_view(),
        name="governance-meeting-request-list",
    ),
    path(
        "meeting-requests/figures/",
        requests.MeetingRequestFiguresApi.as_view(),
        name="governance-meeting-request-figures",
    ),
    path(
        "meeting-requests/<int:pk>/",
        requests.MeetingRequestDetailApi.as_view(),
        name="governance-meeting-request-detail",
    ),
    path(
        "meeting-requests/<int:pk>/decision/",
        requests.MeetingRequestDecisionApi.as_view(),
        name="governance-meeting-request-decision",
    ),
]
