from django.urls import path

from members import views, views_access_log

app_name = "members"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("apply/", views.application_create, name="apply"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_review, name="application-review"),
    path("applications/<int:pk>/letter/", views.application_letter, name="application-letter"),
    path("agreements/", views.agreements, name="agreements"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage.csv", views.coverage_csv, name="coverage-csv"),
    path("stakeholders/", views.stakeholders, name="stakeholders"),
    path("partners/", views.partner_list, name="partner-list"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("<slug:slug>/standing/", views.organisation_standing, name="organisation-standing"),
    path(
        "<slug:slug>/standing.json",
        views.organisation_standing_json,
        name="organisation-standing-json",
    ),
    path(
        "<slug:slug>/access-log/",
        views_access_log.organisation_access_log,
        name="organisation-access-log",
    ),
    path(
        "<slug:slug>/access-log.csv",
        views_access_log.organisation_access_log_csv,
        name="organisation-access-log-csv",
    ),
    path("<slug:slug>/people/", views.organisation_people, name="organisation-people"),
    path(
        "<slug:slug>/people/<int:person_id>/",
        views.person_change,
        name="person-change",
    ),
]
