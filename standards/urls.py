from django.urls import path

from standards import views, views_acceptance, views_certifications

app_name = "standards"

# The crosswalk's, certifications' and acceptance requests' addresses come before <code>/: no
# standard may take the code "crosswalk", "certifications" or "acceptance-requests".
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
