"""Pages of the documents library, at /documents/ (namespace "documents")."""

from django.urls import path

from governance.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/download/", views.document_download, name="download"),
    path(
        "<int:pk>/versions/<int:number>/download/",
        views.document_download,
        name="version-download",
    ),
    path("<int:pk>/versions/new/", views.version_create, name="version-create"),
    path("<int:pk>/share/", views.document_share, name="share"),
    path("<int:pk>/shares/<int:share>/remove/", views.document_unshare, name="unshare"),
    path("<int:pk>/hold/", views.document_hold, name="hold"),
]
