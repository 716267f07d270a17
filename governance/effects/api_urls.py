"""API: a proposal's effect. Included into governance/api_urls.py."""

from django.urls import path

from governance.effects import api

urlpatterns = [
    path(
        "proposals/<int:pk>/effect/",
        api.ProposalEffectApi.as_view(),
        name="governance-proposal-effect",
    ),
]
