"""Pages: bodies. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.bodies import views

urlpatterns = [
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body-detail"),
]
