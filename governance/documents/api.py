"""API: the documents library, by disclosure and sharing (the same selectors as the pages):
the list with search and filters, a document with its versions, downloads (after the access
check, as attachments that are never sniffed), and the same use cases as the pages: adding a
document (multipart: its details and a file, or a link), uploading a new version, sharing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.api.parsers import JSONParser
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import text_input
from alliance_portal.uploads import names_a_path
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.common.api import ErrorSerializer, choice_field
from governance.documents import selectors, services
from governance.documents.models import Document, DocumentKind, DocumentVersion
from governance.documents.views import attachment
from members.models import Organisation


class VersionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="The file's API path.")

    class Meta:
        model = DocumentVersion
        fields = (
            "number",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "download",
        )
        ref_name = "DocumentVersion"

    def get_download(self, version: DocumentVersion) -> str:
        return f"/api/v1/documents/{version.document_id}/versions/{version.number}/download/"


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", help_text="The page's path.")
    kind = choice_field(DocumentKind)
    kind_label = serializers.CharField(source="get_kind_display")
    language = choice_field(ContentLanguage)
    disclosure = choice_field(DisclosureLevel)
    body: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Document
        fields = (
            "id",
            "url",
            "title",
            "kind",
            "kind_label",
            "description",
            "document_date",
            "language",
            "disclosure",
            "body",
            "organisation",
            "link",
            "legal_hold",
            "created_at",
            "updated_at",
        )
        ref_name = "Document"


class DocumentDetailSerializer(DocumentSerializer):
    versions = VersionSerializer(many=True, help_text="Newest first; empty for a link.")
    shared_with = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Organisations' and bodies' slugs: for those who may share it only.",
    )

    class Meta(DocumentSerializer.Meta):
        fields = (*DocumentSerializer.Meta.fields, "versions", "shared_with")  # type: ignore[assignment]
        ref_name = "DocumentDetail"


def _detail(request: Request, document: Document) -> dict[str, Any]:
    data: dict[str, Any] = dict(DocumentSerializer(document).data)
    data["versions"] = VersionSerializer(
        selectors.document_versions(document=document), many=True
    ).data
    if policy.may(request.user, "document.share", document):
        data["shared_with"] = [
            (share.organisation.slug if share.organisation else share.body.slug)  # type: ignore[union-attr]
            for share in selectors.document_shares(user=request.user, document=document)
        ]
    return data


class DocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = choice_field(DocumentKind)
    document_date = serializers.DateField()
    language = choice_field(ContentLanguage, required=False, default="en")
    disclosure = choice_field(DisclosureLevel, required=False, default=DisclosureLevel.MEMBERS)
    description = text_input(Document, "description", required=False, default="")
    body: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all(), required=False, allow_null=True
    )
    organisation: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The secretariat names it; a member's document is their organisation's.",
    )
    link = serializers.URLField(required=False, default="", max_length=500)
    file = serializers.FileField(required=False, help_text="Or a link: one of the two.")

    class Meta:
        ref_name = "DocumentInput"


def _refuse_path_names(request: Request) -> None:
    if names_a_path(request._request):
        raise ValidationError({"file": services.NAME_REFUSED})


class DocumentListApi(APIView):
    """Documents you may read (by disclosure level, your organisation and shares), newest first
    or by relevance for ``q``. ``POST`` (multipart) adds one: a file or a link."""

    pagination_class = PageNumberPagination
    parser_classes = (JSONParser, MultiPartParser)

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, max_length=200)
        kind = choice_field(DocumentKind, required=False)
        language = choice_field(ContentLanguage, required=False)
        body = serializers.SlugField(required=False)
        organisation = serializers.SlugField(required=False)
        year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="words in titles, descriptions, PDF text"),
            OpenApiParameter("kind", str, description="minutes, position_paper, ..."),
            OpenApiParameter("language", str, description="en, fr, ..."),
            OpenApiParameter("body", str, description="a body's slug"),
            OpenApiParameter("organisation", str, description="an organisation's slug"),
            OpenApiParameter("year", int, description="the documents' year"),
        ],
        responses=DocumentSerializer(many=True),
        operation_id="documents_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        documents = selectors.document_list(
            user=request.user, filters=selectors.DocumentFilters(**filters.validated_data)
        )
        paginator = self.pagination_class()
        page = list(paginator.paginate_queryset(documents, request, view=self) or [])
        return paginator.get_paginated_response(DocumentSerializer(page, many=True).data)

    @extend_schema(
        request={
            "multipart/form-data": DocumentInputSerializer,
            "application/json": DocumentInputSerializer,
        },
        responses={201: DocumentDetailSerializer, 400: ErrorSerializer},
        operation_id="documents_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "document.upload")
        _refuse_path_names(request)
        serializer = DocumentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        file = data.pop("file", None)
        document = services.document_add(
            actor=request.user, fields=services.DocumentFields(**data), file=file
        )
        return Response(
            _detail(request, selectors.document_get(user=request.user, pk=document.pk)),
            status=201,
        )


class DocumentDetailApi(APIView):
    """One document you may read, with its versions (each with its sha256)."""

    @extend_schema(responses=DocumentDetailSerializer, operation_id="documents_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, selectors.document_get(user=request.user, pk=pk)))


class DocumentVersionsApi(APIView):
    """``POST`` (multipart ``file``) uploads a new version; the old ones stay."""

    parser_classes = (JSONParser, MultiPartParser)

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField()

        class Meta:
            ref_name = "DocumentVersionInput"

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: VersionSerializer, 400: ErrorSerializer},
        operation_id="documents_versions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        document = selectors.document_get(user=request.user, pk=pk)
        policy.require(request.user, "document.edit", document)
        _refuse_path_names(request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.document_add_version(
            actor=request.user, document=document, file=serializer.validated_data["file"]
        )
        return Response(VersionSerializer(version).data, status=201)


class DocumentDownloadApi(APIView):
    """A document's file (the latest version, or the version numbered): only after the access
    check, always as an attachment, never sniffed."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        operation_id="documents_download",
    )
    def get(self, request: Request, pk: int, number: int | None = None) -> FileResponse:
        version = selectors.document_version_get(user=request.user, pk=pk, number=number)
        return attachment(version)


class DocumentSharesApi(APIView):
    """``POST`` shares a document with an organisation or a body (by slug)."""

    class InputSerializer(serializers.Serializer):
        organisation: serializers.RelatedField = serializers.SlugRelatedField(
            slug_field="slug", queryset=Organisation.objects.all(), required=False, default=None
        )
        body: serializers.RelatedField = serializers.SlugRelatedField(
            slug_field="slug", queryset=Body.objects.all(), required=False, default=None
        )

        class Meta:
            ref_name = "DocumentShareInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: DocumentDetailSerializer, 400: ErrorSerializer},
        operation_id="documents_shares_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        document = selectors.document_get(user=request.user, pk=pk)
        policy.require(request.user, "document.share", document)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.document_share(actor=request.user, document=document, **serializer.validated_data)
        return Response(_detail(request, document), status=201)


class DocumentVersionDownloadApi(DocumentDownloadApi):
    """One version's file, by its number: only after the access check, as an attachment."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        operation_id="documents_version_download",
    )
    def get(self, request: Request, pk: int, number: int | None = None) -> FileResponse:
        return super().get(request, pk, number)
