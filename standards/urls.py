from django.urls import path

from standards import (
    views,
    views_acceptance,
    views_certifications,
    views_demands,
    views_reports,
    views_tiers,
    views_value_chains,
)

app_name = "standards"

# These addresses come before <code>/: no standard may take the code "crosswalk",
# "certifications", "tiers", "reporting", "demands", "value-chains" or "acceptance-requests"
# (RESERVED_CODES).
urlpatterns = [
    path("", views.standard_list, name="standard-list"),
    path("crosswalk/", views.crosswalk_matrix, name="crosswalk"),
    path("certifications/", views_certifications.certification_list, name="certification-list"),
    path(
        "certifications/<int:pk>/",
        views_certifications.certification_detail,
        name="certification-detail",
    ),
    path(
        "certifications/<int:pk>/edit/",
        views_certifications.certification_edit,
        name="certification-edit",
    ),
    path(
        "certifications/record/<slug:slug>/",
        views_certifications.certification_create,
        name="certification-create",
    ),
    path("tiers/", views_tiers.tier_list, name="tier-list"),
    path("tiers/draft/", views_tiers.tier_create, name="tier-create"),
    path(
        "tiers/commitments/<slug:slug>/",
        views_tiers.commitment_declare,
        name="commitment-declare",
    ),
    path(
        "tiers/commitments/<slug:slug>/withdraw/",
        views_tiers.commitment_withdraw,
        name="commitment-withdraw",
    ),
    path("tiers/<slug:slug>/", views_tiers.tier_detail, name="tier-detail"),
    path("tiers/<slug:slug>/edit/", views_tiers.tier_edit, name="tier-edit"),
    path("reporting/", views_reports.cycle_list, name="cycle-list"),
    path("reporting/open/", views_reports.cycle_open, name="cycle-open"),
    path("reporting/<int:pk>/", views_reports.cycle_detail, name="cycle-detail"),
    path("reporting/<int:pk>/close/", views_reports.cycle_close, name="cycle-close"),
    path("reporting/<int:pk>/aggregates/", views_reports.cycle_aggregates, name="cycle-aggregates"),
    path("reporting/<int:pk>/report/", views_reports.report_form, name="report-form"),
    path("reporting/reports/<int:pk>/", views_reports.report_detail, name="report-detail"),
    path(
        "reporting/reports/<int:pk>/correct/",
        views_reports.report_correct,
        name="report-correct",
    ),
    path("demands/", views_demands.demand_aggregate, name="demand-aggregate"),
    path(
        "demands/organisations/<slug:slug>/",
        views_demands.organisation_demands,
        name="organisation-demands",
    ),
    path(
        "demands/organisations/<slug:slug>/add/",
        views_demands.demand_create,
        name="demand-create",
    ),
    path(
        "demands/organisations/<slug:slug>/withdraw/<int:pk>/",
        views_demands.demand_withdraw,
        name="demand-withdraw",
    ),
    path("value-chains/", views_value_chains.value_chain_list, name="value-chain-list"),
    path(
        "value-chains/<slug:material>/",
        views_value_chains.value_chain_detail,
        name="value-chain-detail",
    ),
    path("acceptance-requests/", views_acceptance.acceptance_list, name="acceptance-list"),
    path("acceptance-requests/new/", views_acceptance.acceptance_create, name="acceptance-create"),
    path(
        "acceptance-requests/<int:pk>/",
        views_acceptance.acceptance_detail,
        name="acceptance-detail",
    ),
    path(
        "acceptance-requests/<int:pk>/edit/",
        views_acceptance.acceptance_edit,
        name="acceptance-edit",
    ),
    path(
        "acceptance-requests/<int:pk>/submit/",
        views_acceptance.acceptance_submit,
        name="acceptance-submit",
    ),
    path(
        "acceptance-requests/<int:pk>/withdraw/",
        views_acceptance.acceptance_withdraw,
        name="acceptance-withdraw",
    ),
    path("crosswalk/coverage.csv", views.coverage_csv, name="coverage-csv"),
    path("crosswalk/sets/<int:pk>/", views.mapping_set_detail, name="mapping-set-detail"),
    path("crosswalk/sets/<int:pk>/mappings.csv", views.mapping_set_csv, name="mapping-set-csv"),
    path("crosswalk/sets/<int:pk>/mappings.json", views.mapping_set_json, name="mapping-set-json"),
    path("crosswalk/sets/<int:pk>/propose/", views.mapping_create, name="mapping-create"),
    path("crosswalk/sets/<int:pk>/import/", views.mapping_set_import, name="mapping-set-import"),
    path("crosswalk/mappings/<int:pk>/", views.mapping_detail, name="mapping-detail"),
    path("crosswalk/mappings/<int:pk>/edit/", views.mapping_edit, name="mapping-edit"),
    path("crosswalk/mappings/<int:pk>/review/", views.mapping_review, name="mapping-review"),
    path("crosswalk/mappings/<int:pk>/approve/", views.mapping_approve, name="mapping-approve"),
    path(
        "crosswalk/mappings/<int:pk>/supersede/",
        views.mapping_supersede,
        name="mapping-supersede",
    ),
    path("<slug:code>/", views.standard_detail, name="standard-detail"),
    path("<slug:code>/<str:version>/", views.version_detail, name="version-detail"),
    path(
        "<slug:code>/<str:version>/elements.csv",
        views.version_elements_csv,
        name="version-elements-csv",
    ),
    path("<slug:code>/<str:version>/import/", views.version_import, name="version-import"),
]
