"""Under /accounts/ (included by alliance_portal.accounts.urls)."""

from django.urls import path

from alliance_portal.erasure import views

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/export.json", views.my_data_export, name="my_data_export"),
    path("my-data/erasure/", views.my_data_erasure, name="my_data_erasure"),
    path("my-data/erasure/withdraw/", views.my_data_erasure_cancel, name="my_data_erasure_cancel"),
    path("erasure-requests/", views.request_list, name="erasure_requests"),
    path(
        "erasure-requests/<int:pk>/confirm/", views.request_confirm, name="erasure_request_confirm"
    ),
    path(
        "erasure-requests/<int:pk>/decline/", views.request_decline, name="erasure_request_decline"
    ),
]
