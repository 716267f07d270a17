from django.urls import path

from glossary import api

# Under /api/v1/glossary/ (names prefixed "glossary-": the API's URL names share one namespace).
urlpatterns = [
    path("glossary/concepts/", api.ConceptListApi.as_view(), name="glossary-concept-list"),
    path(
        "glossary/concepts/<slug:slug>/",
        api.ConceptDetailApi.as_view(),
        name="glossary-concept-detail",
    ),
    path(
        "glossary/concepts/<slug:slug>/labels/",
        api.ConceptLabelsApi.as_view(),
        name="glossary-concept-labels",
    ),
    path(
        "glossary/concepts/<slug:slug>/revisions/",
        api.ConceptRevisionsApi.as_view(),
        name="glossary-concept-revisions",
    ),
    path(
        "glossary/concepts/<slug:slug>/usage-notes/",
        api.ConceptUsageNotesApi.as_view(),
        name="glossary-concept-usage-notes",
    ),
    path(
        "glossary/concepts/<slug:slug>/deprecate/",
        api.ConceptDeprecateApi.as_view(),
        name="glossary-concept-deprecate",
    ),
    path(
        "glossary/concepts/<slug:slug>/supersede/",
        api.ConceptSupersedeApi.as_view(),
        name="glossary-concept-supersede",
    ),
    path("glossary/revisions/", api.RevisionListApi.as_view(), name="glossary-revision-list"),
    path(
        "glossary/revisions/<int:pk>/",
        api.RevisionDetailApi.as_view(),
        name="glossary-revision-detail",
    ),
    path(
        "glossary/revisions/<int:pk>/submit/",
        api.RevisionSubmitApi.as_view(),
        name="glossary-revision-submit",
    ),
    path(
        "glossary/revisions/<int:pk>/reject/",
        api.RevisionRejectApi.as_view(),
        name="glossary-revision-reject",
    ),
    path("glossary/search/", api.SearchApi.as_view(), name="glossary-search"),
]
