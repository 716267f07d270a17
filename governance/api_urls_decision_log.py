"""API: decision log. Included into governance/api_urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
