"""Pages: reports. Included into governance/urls.py (namespace "governance")."""

from django.urls import path

from governance.reports import views

urlpatterns = [
    path("reports/", views.report_list, name="report-list"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/rebuild/", views.report_rebuild, name="report-rebuild"),
    path("reports/<int:pk>/correct/", views.report_correct, name="report-correct"),
    path("reports/<int:pk>/files/<slug:kind>/", views.report_file, name="report-file"),
]
