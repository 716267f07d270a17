"""REST API of the glossary. Thin: serializers parse, selectors read, services write, the access
policy decides what each caller sees (an anonymous caller sees exactly what the exports hold:
agreed, deprecated and superseded concepts)."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import text_input
from glossary import selectors, services
from glossary.content import ConceptContent, DefinitionData, LabelData, MatchData, content_of
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from glossary.models import (
    Concept,
    ConceptStatus,
    Definition,
    LabelKind,
    MatchKind,
    Revision,
    RevisionStatus,
    TermStatus,
    UsageNote,
)
from standards.models import Element

_CHOICE_FIELDS: dict[str, type[serializers.ChoiceField]] = {}


def choice(choices: type[models.TextChoices] | list[str], **kwargs: Any) -> serializers.ChoiceField:
    """A choice field that validates strictly and is described in the schema as a string with
    a pattern, not as an enum component: other apps have fields named ``kind`` and ``status``
    with other choices, and drf-spectacular would name their enums alike (a schema warning,
    which fails ``check --deploy``)."""
    pairs = choices.choices if isinstance(choices, type) else [(v, v) for v in choices]
    values = [value for value, _label in pairs]
    key = "|".join(values)
    field_class = _CHOICE_FIELDS.get(key)
    if field_class is None:
        field_class = extend_schema_field(
            {"type": "string", "pattern": f"^({key})$", "example": values[0]}
        )(type("GlossaryChoiceField", (serializers.ChoiceField,), {}))
        _CHOICE_FIELDS[key] = field_class
    listed = ", ".join(f"`{value}`" for value in values)
    help_text = kwargs.pop("help_text", "")
    return field_class(choices=pairs, help_text=f"{help_text} One of: {listed}.".strip(), **kwargs)


# A refused request: ``detail``, or each field named with its messages (so ``detail`` is
# not required, and other keys are allowed).
VALIDATION_ERRORS = inline_serializer(
    "GlossaryValidationErrors", {"detail": serializers.CharField(required=False)}
)


# --- Output -------------------------------------------------------------------------------


class LabelOutputSerializer(serializers.Serializer):
    language = choice(ContentLanguage)
    kind = choice(LabelKind)
    text = serializers.CharField()
    term_status = choice(TermStatus)

    class Meta:
        ref_name = "GlossaryLabel"


class DefinitionOutputSerializer(serializers.Serializer):
    language = choice(ContentLanguage)
    text = serializers.CharField(help_text="Markdown.")
    scope_note = serializers.CharField()
    example = serializers.CharField()
    source_element = serializers.IntegerField(
        source="source_element_id", allow_null=True, help_text="id of a standard's element"
    )
    source_citation = serializers.CharField()

    class Meta:
        ref_name = "GlossaryDefinition"


class MatchOutputSerializer(serializers.Serializer):
    kind = choice(MatchKind)
    uri = serializers.URLField()
    # A serializer field may be called "label" (DRF moves it out of the attribute).
    label = serializers.CharField()  # type: ignore[assignment]

    class Meta:
        ref_name = "GlossaryExternalMatch"


class ConceptSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    uri = serializers.URLField()
    status = choice(ConceptStatus)
    notation = serializers.CharField()
    preferred_label = serializers.CharField()
    label_language = serializers.CharField()
    replaced_by = serializers.SlugField(allow_null=True)

    class Meta:
        ref_name = "GlossaryConceptSummary"


class ConceptDetailSerializer(ConceptSummarySerializer):
    labels = LabelOutputSerializer(many=True)
    definitions = DefinitionOutputSerializer(many=True)
    broader = serializers.ListField(child=serializers.SlugField())
    narrower = serializers.ListField(child=serializers.SlugField())
    related = serializers.ListField(child=serializers.SlugField())
    matches = MatchOutputSerializer(many=True)
    current_revision = serializers.IntegerField(help_text="id of the revision holding the text")
    agreed_at = serializers.DateTimeField(allow_null=True)
    status_note = serializers.CharField()

    class Meta:
        ref_name = "GlossaryConcept"


class RevisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    concept = serializers.SlugField(source="concept.slug")
    number = serializers.IntegerField()
    status = choice(RevisionStatus)
    is_proposal = serializers.BooleanField(help_text="the proposal of a new concept")
    rationale = serializers.CharField()
    author_organisation = serializers.SlugField(
        source="author_organisation.slug", allow_null=True, default=None
    )
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()

    class Meta:
        ref_name = "GlossaryRevision"


class SegmentSerializer(serializers.Serializer):
    op = choice(["equal", "insert", "delete"])
    text = serializers.CharField()

    class Meta:
        ref_name = "GlossaryDiffSegment"


class FieldDiffSerializer(serializers.Serializer):
    field = serializers.CharField()
    language = serializers.CharField(allow_null=True)
    changed = serializers.BooleanField()
    segments = SegmentSerializer(many=True)

    class Meta:
        ref_name = "GlossaryFieldDiff"


class RevisionDetailSerializer(RevisionOutputSerializer):
    labels = LabelOutputSerializer(many=True)
    definitions = DefinitionOutputSerializer(many=True)
    broader = serializers.ListField(child=serializers.SlugField())
    related = serializers.ListField(child=serializers.SlugField())
    matches = MatchOutputSerializer(many=True)
    compared_with = serializers.IntegerField(
        allow_null=True, help_text="id of the revision the diff compares with"
    )
    diff = FieldDiffSerializer(many=True)

    class Meta:
        ref_name = "GlossaryRevisionDetail"


class UsageNoteOutputSerializer(serializers.Serializer):
    chamber = serializers.SlugField(source="chamber.slug")
    organisation = serializers.SlugField(source="organisation.slug")
    text = serializers.CharField(help_text="Markdown.")
    disclosure = choice(DisclosureLevel)
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "GlossaryUsageNote"


class SearchHitSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    preferred_label = serializers.CharField(source="label.text")
    label_language = serializers.CharField(source="label.language")
    matched = serializers.CharField(help_text="the label that matched best")
    excerpt = serializers.CharField(source="excerpt.text", allow_null=True, default=None)
    status = choice(ConceptStatus)
    score = serializers.FloatField()

    class Meta:
        ref_name = "GlossarySearchHit"


# --- Input --------------------------------------------------------------------------------


class ContentInputSerializer(serializers.Serializer):
    """A concept's full text: every language's labels and definition, relations, matches."""

    class LabelInputSerializer(serializers.Serializer):
        language = choice(ContentLanguage)
        kind = choice(LabelKind, default=LabelKind.PREFERRED)
        text = serializers.CharField(max_length=200)
        term_status = choice(
            TermStatus,
            required=False,
            help_text="preferred for the preferred label; admitted (default) or deprecated",
        )

        class Meta:
            ref_name = "GlossaryLabelInput"

    class DefinitionInputSerializer(serializers.Serializer):
        language = choice(ContentLanguage)
        text = text_input(Definition, "text", name="definition")
        scope_note = text_input(
            Definition, "scope_note", required=False, allow_blank=True, default=""
        )
        example = text_input(Definition, "example", required=False, allow_blank=True, default="")
        source_element = serializers.PrimaryKeyRelatedField(
            queryset=Element.objects.all(), required=False, allow_null=True, default=None
        )
        source_citation = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=300
        )

        class Meta:
            ref_name = "GlossaryDefinitionInput"

    class MatchInputSerializer(serializers.Serializer):
        kind = choice(MatchKind)
        uri = serializers.URLField(max_length=500)
        label = serializers.CharField(  # type: ignore[assignment]
            required=False, allow_blank=True, default="", max_length=200
        )

        class Meta:
            ref_name = "GlossaryMatchInput"

    labels = LabelInputSerializer(many=True)
    definitions = DefinitionInputSerializer(many=True)
    broader = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    related = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    matches = MatchInputSerializer(many=True, required=False, default=list)
    rationale = text_input(Revision, "rationale")

    class Meta:
        ref_name = "GlossaryContentInput"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        slugs = [*attrs["broader"], *attrs["related"]]
        ids = dict(Concept.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        unknown = sorted(set(slugs) - set(ids))
        if unknown:
            raise serializers.ValidationError(
                {"broader": f"Unknown concepts: {', '.join(unknown)}."}
            )
        attrs["content"] = ConceptContent(
            labels=tuple(
                LabelData(
                    label["language"],
                    label["text"],
                    label["kind"],
                    label.get("term_status")
                    or (
                        TermStatus.PREFERRED
                        if label["kind"] == LabelKind.PREFERRED
                        else TermStatus.ADMITTED
                    ),
                )
                for label in attrs["labels"]
            ),
            definitions=tuple(
                DefinitionData(
                    d["language"],
                    d["text"],
                    d["scope_note"],
                    d["example"],
                    d["source_element"].pk if d["source_element"] else None,
                    d["source_citation"],
                )
                for d in attrs["definitions"]
            ),
            broader=tuple(ids[slug] for slug in attrs["broader"]),
            related=tuple(ids[slug] for slug in attrs["related"]),
            matches=tuple(MatchData(m["kind"], m["uri"], m["label"]) for m in attrs["matches"]),
        )
        return attrs


# --- Data ---------------------------------------------------------------------------------


def _summaries(concepts: list[Concept], language: str) -> list[dict[str, Any]]:
    labels = selectors.preferred_labels(
        (c.current_revision_id for c in concepts if c.current_revision_id), language
    )
    return [
        {
            "slug": concept.slug,
            "uri": concept.uri,
            "status": concept.status,
            "notation": concept.notation,
            "preferred_label": labels[concept.current_revision_id].text
            if concept.current_revision_id in labels
            else concept.slug,
            "label_language": labels[concept.current_revision_id].language
            if concept.current_revision_id in labels
            else SOURCE_LANGUAGE,
            "replaced_by": concept.replaced_by.slug if concept.replaced_by else None,
        }
        for concept in concepts
    ]


def _concept_data(request: Request, slug: str, language: str) -> dict[str, Any]:
    page = selectors.concept_page(user=request.user, slug=slug, language=language)
    concept = page.concept
    data = _summaries([concept], language)[0]
    data.update(
        {
            "labels": list(page.revision.labels.all()),
            "definitions": list(page.revision.definitions.all()),
            "broader": [link.slug for link in page.broader],
            "narrower": [link.slug for link in page.narrower],
            "related": [link.slug for link in page.related],
            "matches": page.matches,
            "current_revision": page.revision.pk,
            "agreed_at": concept.agreed_at,
            "status_note": concept.status_note,
        }
    )
    return data


def _revision_data(revision: Revision) -> dict[str, Any]:
    diff = selectors.revision_diff(revision)
    content = content_of(revision)
    slugs = dict(
        Concept.objects.filter(pk__in=(*content.broader, *content.related)).values_list(
            "pk", "slug"
        )
    )
    data = dict(RevisionOutputSerializer(revision).data)
    data.update(
        {
            "labels": LabelOutputSerializer(revision.labels.all(), many=True).data,
            "definitions": DefinitionOutputSerializer(revision.definitions.all(), many=True).data,
            "broader": [slugs[pk] for pk in content.broader if pk in slugs],
            "related": [slugs[pk] for pk in content.related if pk in slugs],
            "matches": MatchOutputSerializer(revision.matches.all(), many=True).data,
            "compared_with": diff.against.pk if diff.against else None,
            "diff": FieldDiffSerializer(diff.fields, many=True).data,
        }
    )
    return data  # shaped as RevisionDetailSerializer (the schema's description of it)


LANGUAGE_PARAMETER = OpenApiParameter(
    "lang", str, enum=ContentLanguage.values, description="content language of the labels"
)


class LanguageFilterSerializer(serializers.Serializer):
    lang = choice(ContentLanguage, default=SOURCE_LANGUAGE)


# --- Concepts -----------------------------------------------------------------------------


class ConceptListApi(APIView):
    """Glossary concepts this caller may see: anonymous callers get the agreed, deprecated and
    superseded ones (what the exports hold); members also proposals. POST proposes a new
    concept (people of member organisations)."""

    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(LanguageFilterSerializer):
        status = choice(ConceptStatus, required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=ConceptStatus.values),
            LANGUAGE_PARAMETER,
        ],
        responses=ConceptSummarySerializer(many=True),
        operation_id="glossary_concepts_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        concepts = (
            selectors.visible_concepts(request.user).select_related("replaced_by").order_by("slug")
        )
        if filters.validated_data.get("status"):
            concepts = concepts.filter(status=filters.validated_data["status"])
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(concepts, request, view=self) or []
        return paginator.get_paginated_response(
            ConceptSummarySerializer(
                _summaries(list(page), filters.validated_data["lang"]), many=True
            ).data
        )

    @extend_schema(
        request=ContentInputSerializer,
        responses={201: ConceptDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="glossary_concepts_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "concept.propose")
        serializer = ContentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        concept = services.concept_propose(
            actor=request.user,
            content=serializer.validated_data["content"],
            rationale=serializer.validated_data["rationale"],
        )
        data = _concept_data(request, concept.slug, SOURCE_LANGUAGE)
        return Response(ConceptDetailSerializer(data).data, status=status.HTTP_201_CREATED)


class ConceptDetailApi(APIView):
    """One concept: every language's labels and definition, relations (narrower and related
    read both ways), external matches, and its replacement if retired."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER],
        responses=ConceptDetailSerializer,
        operation_id="glossary_concepts_retrieve",
    )
    def get(self, request: Request, slug: str) -> Response:
        filters = LanguageFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = _concept_data(request, slug, filters.validated_data["lang"])
        return Response(ConceptDetailSerializer(data).data)


class ConceptLabelsApi(APIView):
    """A concept's labels in every language, with their kind and term status."""

    @extend_schema(
        responses=LabelOutputSerializer(many=True), operation_id="glossary_concept_labels_list"
    )
    def get(self, request: Request, slug: str) -> Response:
        concept = selectors.concept_get(user=request.user, slug=slug)
        labels = concept.current_revision.labels.all() if concept.current_revision else []
        return Response(LabelOutputSerializer(labels, many=True).data)


class ConceptRevisionsApi(APIView):
    """A concept's revisions this caller may see (newest first). POST proposes a revision of
    an agreed concept: its full new text, which becomes current only when agreed."""

    @extend_schema(
        responses=RevisionOutputSerializer(many=True),
        operation_id="glossary_concept_revisions_list",
    )
    def get(self, request: Request, slug: str) -> Response:
        concept = selectors.concept_get(user=request.user, slug=slug)
        revisions = selectors.revision_list(user=request.user, concept=concept).order_by("-number")
        return Response(RevisionOutputSerializer(revisions, many=True).data)

    @extend_schema(
        request=ContentInputSerializer,
        responses={201: RevisionDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="glossary_concept_revisions_create",
    )
    def post(self, request: Request, slug: str) -> Response:
        concept = selectors.concept_get(user=request.user, slug=slug)
        policy.require(request.user, "revision.propose", concept)
        serializer = ContentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        revision = services.revision_propose(
            actor=request.user,
            concept=concept,
            content=serializer.validated_data["content"],
            rationale=serializer.validated_data["rationale"],
        )
        revision = selectors.revision_get(user=request.user, pk=revision.pk)
        return Response(_revision_data(revision), status=status.HTTP_201_CREATED)


class RetireInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
    replaced_by = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Concept.objects.filter(status=ConceptStatus.AGREED),
        required=False,
        allow_null=True,
        default=None,
        help_text="slug of the agreed concept to use instead",
    )

    class Meta:
        ref_name = "GlossaryRetireInput"


class ConceptDeprecateApi(APIView):
    """Deprecate an agreed concept (the secretariat), optionally naming its replacement."""

    @extend_schema(
        request=RetireInputSerializer,
        responses={200: ConceptDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="glossary_concepts_deprecate",
    )
    def post(self, request: Request, slug: str) -> Response:
        concept = selectors.concept_get(user=request.user, slug=slug)
        policy.require(request.user, "concept.deprecate", concept)
        serializer = RetireInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.concept_deprecate(actor=request.user, concept=concept, **serializer.validated_data)
        return Response(ConceptDetailSerializer(_concept_data(request, slug, SOURCE_LANGUAGE)).data)


class ConceptSupersedeApi(APIView):
    """Mark an agreed or deprecated concept superseded by another agreed concept (the
    secretariat)."""

    class InputSerializer(RetireInputSerializer):
        replaced_by = serializers.SlugRelatedField(
            slug_field="slug", queryset=Concept.objects.filter(status=ConceptStatus.AGREED)
        )

        class Meta:
            ref_name = "GlossarySupersedeInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: ConceptDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="glossary_concepts_supersede",
    )
    def post(self, request: Request, slug: str) -> Response:
        concept = selectors.concept_get(user=request.user, slug=slug)
        policy.require(request.user, "concept.supersede", concept)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.concept_supersede(actor=request.user, concept=concept, **serializer.validated_data)
        return Response(ConceptDetailSerializer(_concept_data(request, slug, SOURCE_LANGUAGE)).data)


class ConceptUsageNotesApi(APIView):
    """The usage notes on a concept this caller may read, by chamber order."""

    @extend_schema(
        responses=UsageNoteOutputSerializer(many=True),
        operation_id="glossary_concept_usage_notes_list",
    )
    def get(self, request: Request, slug: str) -> Response:
        concept = selectors.concept_get(user=request.user, slug=slug)
        notes = policy.visible(
            request.user, UsageNote.objects.filter(concept=concept)
        ).select_related("chamber", "organisation")
        return Response(UsageNoteOutputSerializer(notes, many=True).data)


# --- Revisions ----------------------------------------------------------------------------


class RevisionListApi(APIView):
    """Revisions this caller may see: anonymous callers the agreed revisions of public
    concepts; members also proposals, revisions under review and rejected ones."""

    pagination_class = PageNumberPagination  # documents the answer as a page

    class FilterSerializer(serializers.Serializer):
        status = choice(RevisionStatus, required=False)

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=RevisionStatus.values)],
        responses=RevisionOutputSerializer(many=True),
        operation_id="glossary_revisions_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        revisions = selectors.revision_list(
            user=request.user, status=filters.validated_data.get("status")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(revisions, request, view=self) or []
        return paginator.get_paginated_response(RevisionOutputSerializer(page, many=True).data)


class RevisionDetailApi(APIView):
    """One revision: its full text and its word-level difference against the current text
    (open revisions) or the text it replaced (decided ones)."""

    @extend_schema(responses=RevisionDetailSerializer, operation_id="glossary_revisions_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        revision = selectors.revision_get(user=request.user, pk=pk)
        return Response(_revision_data(revision))


class RevisionSubmitApi(APIView):
    """Put a proposed revision under review (the secretariat)."""

    @extend_schema(
        request=None,
        responses={200: RevisionDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="glossary_revisions_submit",
    )
    def post(self, request: Request, pk: int) -> Response:
        revision = selectors.revision_get(user=request.user, pk=pk)
        services.revision_submit_for_review(actor=request.user, revision=revision)
        return Response(_revision_data(selectors.revision_get(user=request.user, pk=pk)))


class RevisionRejectApi(APIView):
    """Reject a proposed revision or one under review (the secretariat), with a reason."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField()

        class Meta:
            ref_name = "GlossaryRejectInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: RevisionDetailSerializer, 400: VALIDATION_ERRORS},
        operation_id="glossary_revisions_reject",
    )
    def post(self, request: Request, pk: int) -> Response:
        revision = selectors.revision_get(user=request.user, pk=pk)
        policy.require(request.user, "revision.reject", revision)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.revision_reject(
            actor=request.user, revision=revision, reason=serializer.validated_data["reason"]
        )
        return Response(_revision_data(selectors.revision_get(user=request.user, pk=pk)))


# --- Search -------------------------------------------------------------------------------


class SearchApi(APIView):
    """Search every label and definition, in every language, best match first (the same
    ranking as /glossary/?q=)."""

    throttle_scope = "search"

    class FilterSerializer(LanguageFilterSerializer):
        q = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="what to look for (nothing: no results)"),
            LANGUAGE_PARAMETER,
        ],
        responses=SearchHitSerializer(many=True),
        operation_id="glossary_search",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        hits = selectors.concept_search(
            user=request.user,
            query=filters.validated_data["q"],
            language=filters.validated_data["lang"],
        )
        return Response(SearchHitSerializer(hits, many=True).data)
