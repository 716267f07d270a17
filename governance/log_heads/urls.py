"""Pages: the decision log's signed heads and witnesses. Included into governance/urls.py."""

from django.urls import path

from governance.log_heads import views

urlpatterns = [
    path("decisions/heads/", views.head_list, name="head-list"),
    path("decisions/witnesses/", views.witness_list, name="witness-list"),
    path("decisions/witnesses/<int:pk>/decide/", views.witness_decide, name="witness-decide"),
]
