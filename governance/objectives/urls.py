"""Pages: objectives. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.objectives import views

urlpatterns = [
    path("objectives/", views.objective_list, name="objective-list"),
]
