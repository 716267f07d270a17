"""Reads of the standards registry: standards, versions and element trees."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from alliance_portal import policy
from alliance_portal.types import Actor
from standards.models import (
    INVERSE,
    PHRASE,
    Element,
    ElementKind,
    Mapping,
    MappingSet,
    MappingStatus,
    Standard,
    StandardKind,
    StandardVersion,
    VersionStatus,
)


def standard_list(
    *,
    user: Actor,
    kind: str | None = None,
    material: str | None = None,
    stage: str | None = None,
    search: str | None = None,
) -> QuerySet[Standard]:
    """Standards this user may see (all: they are public reference data), by title, filtered
    by kind, material, value-chain stage and a search in code, title, short name and issuing
    body. Each standard's versions are prefetched newest first as ``version_list`` (one query
    for the whole page, whatever its length)."""
    queryset = policy.visible(user, Standard.objects.all())
    if kind:
        queryset = queryset.filter(kind=kind)
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if stage:
        queryset = queryset.filter(value_chain_stages__contains=[stage])
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search)
            | Q(code__icontains=search)
            | Q(short_name__icontains=search)
            | Q(issuing_body__icontains=search)
        )
    versions = StandardVersion.objects.order_by("-published_on", "-label")
    return queryset.prefetch_related(
        Prefetch("versions", queryset=versions, to_attr="version_list")
    ).order_by("title")


def standard_get(*, user: Actor, code: str) -> Standard:
    """One standard by code, with its versions newest first as ``version_list`` (404 if none)."""
    standard = policy.get_visible_or_404(user, Standard.objects.all(), code=code)
    standard.version_list = list(  # type: ignore[attr-defined]
        standard.versions.order_by("-published_on", "-label").select_related("supersedes")
    )
    return standard


def version_get(*, user: Actor, code: str, label: str) -> StandardVersion:
    """One version of a standard, by the standard's code and the version's label (404 if none)."""
    return policy.get_visible_or_404(
        user,
        StandardVersion.objects.select_related("standard", "supersedes__standard"),
        standard__code=code,
        label=label,
    )


def published_version_find(*, code: str, label: str) -> StandardVersion | None:
    """The published (current or superseded) version ``label`` of the standard ``code``, or
    None: what a member may name when it records a certification or an acceptance request."""
    return (
        StandardVersion.objects.select_related("standard")
        .filter(standard__code=code, label=label)
        .exclude(status__in=(VersionStatus.DRAFT, VersionStatus.WITHDRAWN))
        .first()
    )


def element_search(*, version: StandardVersion, search: str) -> QuerySet[Element]:
    """The version's elements matching ``search``: full-text (English stemming, web-search
    syntax) over reference code, title and summary, or the reference code or title containing
    the text as typed (so "2.1" and "Art. 4" find their element)."""
    query = SearchQuery(search, search_type="websearch", config="english")
    return (
        Element.objects.filter(version=version)
        .annotate(document=SearchVector("ref", "title", "summary", config="english"))
        .filter(Q(document=query) | Q(ref__icontains=search) | Q(title__icontains=search))
    )


def element_list(
    *, user: Actor, version: StandardVersion, search: str | None = None
) -> QuerySet[Element]:
    """The version's elements in tree order of their parents (``parent`` loaded), optionally
    only those matching ``search`` (see ``element_search``)."""
    queryset = (
        element_search(version=version, search=search)
        if search
        else Element.objects.filter(version=version)
    )
    return policy.visible(user, queryset).select_related("parent").order_by("order", "ref", "pk")


@dataclass(frozen=True)
class ElementMapping:
    """A crosswalk mapping seen from one element: "this element is <relationship> other"."""

    mapping: Mapping
    relationship: str
    other: Element

    @property
    def phrase(self) -> str:
        return PHRASE[self.relationship]


@dataclass
class TreeNode:
    element: Element
    depth: int
    children: list[TreeNode] = field(default_factory=list)
    mappings: list[ElementMapping] = field(default_factory=list)
    matched: bool = False
    open: bool = False
    path: list[Element] = field(default_factory=list)  # ancestors, root first


@dataclass
class VersionTree:
    roots: list[TreeNode]
    nodes: list[TreeNode]  # every node, depth first
    matches: list[TreeNode]  # nodes matching the search, depth first
    search: str


def version_tree(
    *, user: Actor, version: StandardVersion, search: str | None = None, expand: bool = False
) -> VersionTree:
    """The version's element tree, siblings in their order, each node with the crosswalk
    mappings this user may see that involve it (superseded ones left out), read from the
    node's side (a stored "other subset_of this" shows as "this superset_of other").

    Open nodes: with ``expand`` every node; when searching, the ancestors of every match (so
    each match is visible without JavaScript); otherwise the top level. A fixed number of
    queries, whatever the size of the tree."""
    elements = list(
        policy.visible(user, Element.objects.filter(version=version)).order_by("order", "ref", "pk")
    )
    matched_ids: set[int] = set()
    if search:
        matched_ids = set(
            element_search(version=version, search=search).values_list("pk", flat=True)
        )
    mappings_by_element = _element_mappings(user=user, version=version)
    children: dict[int | None, list[Element]] = defaultdict(list)
    for element in elements:
        children[element.parent_id].append(element)

    nodes: list[TreeNode] = []

    def build(element: Element, depth: int, path: list[Element]) -> TreeNode:
        node = TreeNode(
            element=element,
            depth=depth,
            mappings=mappings_by_element.get(element.pk, []),
            matched=element.pk in matched_ids,
            path=path,
        )
        nodes.append(node)
        node.children = [
            build(child, depth + 1, [*path, element]) for child in children[element.pk]
        ]
        if search:
            # Built bottom-up: a node is open when a match lies anywhere below it.
            node.open = any(child.matched or child.open for child in node.children)
        else:
            node.open = expand or depth == 0
        return node

    roots = [build(element, 0, []) for element in children[None]]
    matches = [node for node in nodes if node.matched]
    return VersionTree(roots=roots, nodes=nodes, matches=matches, search=search or "")


def _element_mappings(*, user: Actor, version: StandardVersion) -> dict[int, list[ElementMapping]]:
    mappings = policy.visible(
        user,
        Mapping.objects.filter(
            Q(focal_element__version=version) | Q(reference_element__version=version)
        ).exclude(status=MappingStatus.SUPERSEDED),
    ).select_related("focal_element__version__standard", "reference_element__version__standard")
    by_element: dict[int, list[ElementMapping]] = defaultdict(list)
    for mapping in mappings.order_by("pk"):
        if mapping.focal_element.version_id == version.pk:
            by_element[mapping.focal_element_id].append(
                ElementMapping(mapping, mapping.relationship, mapping.reference_element)
            )
        if mapping.reference_element.version_id == version.pk:
            by_element[mapping.reference_element_id].append(
                ElementMapping(mapping, INVERSE[mapping.relationship], mapping.focal_element)
            )
    return by_element


def version_mapping_sets(*, user: Actor, version: StandardVersion) -> QuerySet[MappingSet]:
    """The mapping sets in which this version is the focal or the reference version."""
    return (
        policy.visible(
            user,
            MappingSet.objects.filter(Q(focal_version=version) | Q(reference_version=version)),
        )
        .select_related("focal_version__standard", "reference_version__standard")
        .order_by("focal_version__standard__title", "reference_version__standard__title", "pk")
    )


def baseline_version() -> StandardVersion | None:
    """The current version of the alliance baseline, or None when there is none yet."""
    return (
        StandardVersion.objects.filter(
            standard__kind=StandardKind.ALLIANCE_BASELINE, status=VersionStatus.CURRENT
        )
        .select_related("standard")
        .first()
    )


def baseline_requirements(*, baseline: StandardVersion) -> list[Element]:
    """The baseline requirements: the elements of kind ``requirement`` of the baseline
    version, in the order of its tree (depth first, siblings in their order). One query."""
    elements = list(Element.objects.filter(version=baseline).order_by("order", "ref", "pk"))
    children: dict[int | None, list[Element]] = defaultdict(list)
    for element in elements:
        children[element.parent_id].append(element)
    ordered: list[Element] = []

    def walk(parent_id: int | None) -> None:
        for element in children[parent_id]:
            if element.kind == ElementKind.REQUIREMENT:
                ordered.append(element)
            walk(element.pk)

    walk(None)
    return ordered


def element_get_by_ref(*, version_id: int, ref: str, field: str) -> Element:
    """The element with reference code ``ref`` in the version; a ``ValidationError`` on
    ``field`` (a 400 in the API) when there is none."""
    element = (
        Element.objects.filter(version_id=version_id, ref=ref)
        .select_related("version__standard")
        .first()
    )
    if element is None:
        version = StandardVersion.objects.select_related("standard").get(pk=version_id)
        raise ValidationError({field: f"No element '{ref}' in {version}."})
    return element
