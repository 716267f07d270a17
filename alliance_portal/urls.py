from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from alliance_portal import secretariat_views, views

admin.site.site_header = "Alliance Portal administration"
admin.site.site_title = "Alliance Portal admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/", include("alliance_portal.accounts.urls")),
    path("members/", include("members.urls")),
    path("countries/", include("members.country_urls")),
    path("standards/", include("standards.urls")),
    path("glossary/", include("glossary.urls")),
    path("governance/", include("governance.urls")),
    # The decision log as a C2SP transparency log: tiles, entry bundles, checkpoint; its key.
    path("decision-log/", include("governance.decision_log.tlog_urls")),
    path("decision-log/", include("governance.log_heads.tlog_urls")),
    path(".well-known/", include("governance.log_heads.well_known_urls")),
    path("documents/", include("governance.documents.urls")),
    path("secretariat/access-log/", secretariat_views.access_log, name="access-log"),
    path("secretariat/audit-trail/", secretariat_views.audit_trail, name="audit-trail"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("alliance_portal.api.urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

handler500 = "alliance_portal.views.server_error"
# Uploaded and generated files (commitment letters, members' report editions) are served only
# through views that ask the access policy; MEDIA_URL is never served as such.
