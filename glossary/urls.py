from django.urls import path

from glossary import feeds, views

app_name = "glossary"

# Fixed addresses come before <slug>/: a concept's slug may not take them (RESERVED_SLUGS).
urlpatterns = [
    path("", views.concept_list, name="concept-list"),
    path("export.ttl", views.export_turtle, name="export-turtle"),
    path("export.jsonld", views.export_jsonld, name="export-jsonld"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.tbx", views.export_tbx, name="export-tbx"),
    path("feed/", feeds.GlossaryChangesFeed(), name="feed"),
    path("autocomplete/", views.autocomplete, name="autocomplete"),
    path("propose/", views.concept_propose, name="concept-propose"),
    path("revisions/", views.revision_list, name="revision-list"),
    path("revisions/<int:pk>/", views.revision_detail, name="revision-detail"),
    path("revisions/<int:pk>/submit/", views.revision_submit, name="revision-submit"),
    path("revisions/<int:pk>/reject/", views.revision_reject, name="revision-reject"),
    path("<slug:slug>/", views.concept_detail, name="concept-detail"),
    path("<slug:slug>/revise/", views.concept_revise, name="concept-revise"),
    path("<slug:slug>/notes/", views.usage_note_edit, name="usage-note-edit"),
    path("<slug:slug>/retire/", views.concept_retire, name="concept-retire"),
]
