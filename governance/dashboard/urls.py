"""Pages: the dashboard and my actions. Included into governance/urls.py (namespace
"governance")."""

from django.urls import path

from governance.dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("my-actions/", views.my_actions, name="my-actions"),
]
