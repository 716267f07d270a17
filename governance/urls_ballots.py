"""Pages: ballots. Included into governance/urls.py (namespace "governance")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
