from django.urls import path

from standards.api import (
    acceptance,
    certifications,
    crosswalk,
    demands,
    registry,
    reports,
    tiers,
    value_chains,
)

urlpatterns = [
    path("standards/", registry.StandardListApi.as_view(), name="standard-list"),
    path("standards/<slug:code>/", registry.StandardDetailApi.as_view(), name="standard-detail"),
    path(
        "standards/<slug:code>/versions/<str:version>/",
        registry.VersionDetailApi.as_view(),
        name="standard-version-detail",
    ),
    path(
        "standards/<slug:code>/versions/<str:version>/elements/",
        registry.ElementListApi.as_view(),
        name="standard-version-elements",
    ),
    path(
        "standards/<slug:code>/versions/<str:version>/elements/import/",
        registry.ElementImportApi.as_view(),
        name="standard-version-elements-import",
    ),
    path(
        "standards/<slug:code>/versions/<str:version>/coverage/",
        registry.CoverageApi.as_view(),
        name="standard-version-coverage",
    ),
    path(
        "certifications/", certifications.CertificationListApi.as_view(), name="certification-list"
    ),
    path(
        "certifications/<int:pk>/",
        certifications.CertificationDetailApi.as_view(),
        name="certification-detail",
    ),
    path(
        "organisations/<slug:slug>/baseline-coverage/",
        certifications.OrganisationCoverageApi.as_view(),
        name="organisation-baseline-coverage",
    ),
    path("tiers/", tiers.TierListApi.as_view(), name="tier-list"),
    path("tiers/<slug:slug>/", tiers.TierDetailApi.as_view(), name="tier-detail"),
    path("tier-commitments/", tiers.TierCommitmentListApi.as_view(), name="tier-commitment-list"),
    path(
        "organisations/<slug:slug>/tier-commitment/",
        tiers.OrganisationCommitmentApi.as_view(),
        name="organisation-tier-commitment",
    ),
    path("reporting-cycles/", reports.CycleListApi.as_view(), name="reporting-cycle-list"),
    path(
        "reporting-cycles/<int:pk>/",
        reports.CycleDetailApi.as_view(),
        name="reporting-cycle-detail",
    ),
    path(
        "reporting-cycles/<int:pk>/close/",
        reports.CycleCloseApi.as_view(),
        name="reporting-cycle-close",
    ),
    path(
        "reporting-cycles/<int:pk>/aggregates/",
        reports.CycleAggregatesApi.as_view(),
        name="reporting-cycle-aggregates",
    ),
    path(
        "reporting-cycles/<int:pk>/my-report/",
        reports.OwnReportApi.as_view(),
        name="reporting-cycle-my-report",
    ),
    path("rs-reports/", reports.ReportListApi.as_view(), name="rs-report-list"),
    path("rs-reports/<int:pk>/", reports.ReportDetailApi.as_view(), name="rs-report-detail"),
    path("rs-reports/<int:pk>/submit/", reports.ReportSubmitApi.as_view(), name="rs-report-submit"),
    path(
        "rs-reports/<int:pk>/correct/", reports.ReportCorrectApi.as_view(), name="rs-report-correct"
    ),
    path("demands/", demands.DemandListApi.as_view(), name="demand-list"),
    path("demands/aggregate/", demands.DemandAggregateApi.as_view(), name="demand-aggregate"),
    path("demands/withdraw/", demands.DemandWithdrawApi.as_view(), name="demand-withdraw"),
    path("demands/<int:pk>/", demands.DemandDetailApi.as_view(), name="demand-detail"),
    path("value-chains/", value_chains.ValueChainListApi.as_view(), name="value-chain-list"),
    path(
        "value-chains/<slug:material>/",
        value_chains.ValueChainDetailApi.as_view(),
        name="value-chain-detail",
    ),
    path(
        "acceptance-requests/",
        acceptance.AcceptanceRequestListApi.as_view(),
        name="acceptance-request-list",
    ),
    path(
        "acceptance-requests/<int:pk>/",
        acceptance.AcceptanceRequestDetailApi.as_view(),
        name="acceptance-request-detail",
    ),
    path(
        "acceptance-requests/<int:pk>/submit/",
        acceptance.AcceptanceRequestSubmitApi.as_view(),
        name="acceptance-request-submit",
    ),
    path(
        "acceptance-requests/<int:pk>/withdraw/",
        acceptance.AcceptanceRequestWithdrawApi.as_view(),
        name="acceptance-request-withdraw",
    ),
    path("mapping-sets/", crosswalk.MappingSetListApi.as_view(), name="mapping-set-list"),
    path(
        "mapping-sets/<int:pk>/", crosswalk.MappingSetDetailApi.as_view(), name="mapping-set-detail"
    ),
    path(
        "mapping-sets/<int:pk>/mappings/",
        crosswalk.MappingSetMappingsApi.as_view(),
        name="mapping-set-mappings",
    ),
    path(
        "mapping-sets/<int:pk>/import/",
        crosswalk.MappingSetImportApi.as_view(),
        name="mapping-set-import",
    ),
    path("mappings/", crosswalk.MappingListApi.as_view(), name="mapping-list"),
    path("mappings/<int:pk>/", crosswalk.MappingDetailApi.as_view(), name="mapping-detail"),
    path("mappings/<int:pk>/review/", crosswalk.MappingReviewApi.as_view(), name="mapping-review"),
    path(
        "mappings/<int:pk>/approve/", crosswalk.MappingApproveApi.as_view(), name="mapping-approve"
    ),
    path(
        "mappings/<int:pk>/supersede/",
        crosswalk.MappingSupersedeApi.as_view(),
        name="mapping-supersede",
    ),
]
