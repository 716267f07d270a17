"""API: initiatives and pledges. Included into governance/api_urls.py."""

from django.urls import path

from governance.initiatives import api

urlpatterns = [
    path("initiatives/", api.InitiativeListApi.as_view(), name="governance-initiative-list"),
    path(
        "initiatives/<int:pk>/",
        api.InitiativeDetailApi.as_view(),
        name="governance-initiative-detail",
    ),
    path(
        "initiatives/<int:pk>/pledges/",
        api.PledgeListApi.as_view(),
        name="governance-initiative-pledges",
    ),
    path(
        "pledges/<int:pk>/withdrawal/",
        api.PledgeWithdrawalApi.as_view(),
        name="governance-pledge-withdrawal",
    ),
    path(
        "pledges/<int:pk>/payment/",
        api.PledgePaymentApi.as_view(),
        name="governance-pledge-payment",
    ),
]
