"""API: the documents library. Included into governance/api_urls.py. A body larger than the
library takes is refused (413) before anything reads it."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from alliance_portal.body_limit import body_limit
from governance.documents import api, services
from governance.documents.views import upload_limit


def _too_large(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"detail": services.messages().too_large}, status=413)


def _limited(view):  # type: ignore[no-untyped-def]
    return body_limit(upload_limit(), _too_large, keep_body=True)(view)


urlpatterns = [
    path("documents/", _limited(api.DocumentListApi.as_view()), name="documents-list"),
    path("documents/<int:pk>/", api.DocumentDetailApi.as_view(), name="documents-detail"),
    path(
        "documents/<int:pk>/versions/",
        _limited(api.DocumentVersionsApi.as_view()),
        name="documents-versions",
    ),
    path(
        "documents/<int:pk>/download/",
        api.DocumentDownloadApi.as_view(),
        name="documents-download",
    ),
    path(
        "documents/<int:pk>/versions/<int:number>/download/",
        api.DocumentVersionDownloadApi.as_view(),
        name="documents-version-download",
    ),
    path("documents/<int:pk>/shares/", api.DocumentSharesApi.as_view(), name="documents-shares"),
]
