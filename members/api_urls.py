from django.urls import path

from members import api, api_access_log, api_standing

urlpatterns = [
    path("chambers/", api.ChamberListApi.as_view(), name="chamber-list"),
    path("chambers/<slug:slug>/", api.ChamberDetailApi.as_view(), name="chamber-detail"),
    path("organisations/", api.OrganisationListApi.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        api.OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisations/<slug:slug>/standing/",
        api_standing.OrganisationStandingApi.as_view(),
        name="organisation-standing",
    ),
    path(
        "organisations/<slug:slug>/access-log/",
        api_access_log.OrganisationAccessLogApi.as_view(),
        name="organisation-access-log",
    ),
    path(
        "stakeholder-groups/", api.StakeholderGroupListApi.as_view(), name="stakeholder-group-list"
    ),
    path("partner-alliances/", api.PartnerAllianceListApi.as_view(), name="partner-alliance-list"),
    path("coverage/", api.CoverageApi.as_view(), name="coverage"),
    path("countries/", api.CountryListApi.as_view(), name="country-list"),
    path("countries/<str:iso2>/", api.CountryDetailApi.as_view(), name="country-detail"),
]
