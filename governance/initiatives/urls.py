"""Pages: initiatives and pledges. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.initiatives import views

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative-list"),
    path("initiatives/new/", views.initiative_create, name="initiative-create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative-edit"),
    path("initiatives/<int:pk>/pledge/", views.initiative_pledge, name="initiative-pledge"),
    path("pledges/<int:pk>/withdraw/", views.pledge_withdraw, name="pledge-withdraw"),
    path("pledges/<int:pk>/paid/", views.pledge_paid, name="pledge-paid"),
]
