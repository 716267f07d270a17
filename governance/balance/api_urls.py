"""API: the balance figures. Included into governance/api_urls.py."""

from django.urls import path

from governance.balance import api

urlpatterns = [
    path("balance/", api.BalanceApi.as_view(), name="balance"),
]
