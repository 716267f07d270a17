"""Access cases of the standards app: the registry and the crosswalk are public; draft and
reviewed mappings are members-level; members propose mappings; a draft is edited by its
author or the secretariat; the secretariat reviews, approves, opens mapping sets and imports
element trees; an approved mapping is edited by nobody."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from standards import services
from standards.models import Element, Mapping, Standard, StandardKind, StandardVersion
from tests.access.matrix import Case

BASELINE, OTHER = "matrix-baseline", "matrix-standard"


def populate(world) -> None:
    """A baseline and another standard, a mapping set between them and mappings in each state
    the cases need. The first mapping (lowest id) is a draft, so the admin may delete it."""
    if "standards" in world.extra:
        return
    baseline = Standard.objects.create(
        code=BASELINE,
        title="Matrix baseline",
        short_name="Baseline",
        issuing_body="The alliance",
        kind=StandardKind.ALLIANCE_BASELINE,
    )
    other = Standard.objects.create(
        code=OTHER,
        title="Matrix standard",
        short_name="MS",
        issuing_body="A standards body",
        kind=StandardKind.CERTIFICATION_STANDARD,
    )
    baseline_version = StandardVersion.objects.create(
        standard=baseline, label="1.0", status="current"
    )
    other_version = StandardVersion.objects.create(standard=other, label="2.0", status="current")
    services.version_import_elements_csv(
        actor=SYSTEM,
        version=baseline_version,
        csv_text="ref,parent_ref,kind,title\nB-1,,principle,Due diligence\n"
        "B-1.1,B-1,requirement,Policy\nB-1.2,B-1,requirement,Grievances\n",
    )
    services.version_import_elements_csv(
        actor=SYSTEM,
        version=other_version,
        csv_text="ref,parent_ref,kind,title\nS-1,,chapter,Management\nS-1.1,S-1,criterion,Policy\n",
    )
    mapping_set = services.mapping_set_create(
        actor=SYSTEM,
        focal_version=baseline_version,
        reference_version=other_version,
        purpose="Matrix",
    )
    b11 = Element.objects.get(version=baseline_version, ref="B-1.1")
    b12 = Element.objects.get(version=baseline_version, ref="B-1.2")
    s11 = Element.objects.get(version=other_version, ref="S-1.1")

    def draft(author: Any, focal: Element = b11) -> Mapping:
        mapping = services.mapping_create(
            actor=SYSTEM,
            mapping_set=mapping_set,
            focal_element=focal,
            reference_element=s11,
            relationship="intersects_with",
            rationale="semantic",
            strength=5,
        )
        Mapping.objects.filter(pk=mapping.pk).update(author=author)
        mapping.refresh_from_db()
        return mapping

    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    member = world.users[Role.MEMBER]
    other_person = world.people["other-public"].user
    extra: dict[str, Any] = {
        "set": mapping_set,
        "draft_by_representative": draft(representative),
        "draft_by_other": draft(other_person),
        "draft_by_member": draft(member),
    }
    reviewed = draft(member, focal=b12)
    extra["reviewed_by_member"] = services.mapping_review(actor=SYSTEM, mapping=reviewed)
    approved = services.mapping_review(actor=SYSTEM, mapping=draft(other_person))
    extra["approved"] = services.mapping_approve(actor=SYSTEM, mapping=approved)
    world.extra["standards"] = extra


def _get(world, key: str) -> Any:
    populate(world)  # the API cases get the plain world
    return world.extra["standards"][key]


def _code(world) -> dict[str, Any]:
    populate(world)
    return {"code": BASELINE}


def _version(world) -> dict[str, Any]:
    populate(world)
    return {"code": OTHER, "version": "2.0"}


def _set(world) -> dict[str, Any]:
    return {"pk": _get(world, "set").pk}


def _mapping(key: str):
    def kwargs(world) -> dict[str, Any]:
        return {"pk": _get(world, key).pk}

    return kwargs


def _api_set(world) -> dict[str, Any]:
    return {"id": _get(world, "set").pk}


def _api_mapping(key: str):
    def kwargs(world) -> dict[str, Any]:
        return {"id": _get(world, key).pk}

    return kwargs


def _no_kwargs(world) -> dict[str, Any]:
    populate(world)
    return {}


PROPOSAL = {
    "focal_element": "B-1.2",
    "reference_element": "S-1.1",
    "relationship": "intersects_with",
    "rationale": "semantic",
    "strength": 5,
}
JUDGEMENT = {"relationship": "equal", "rationale": "semantic"}
MAPPING_CSV = (
    "Focal Document Element,Rationale,Relationship,Reference Document Element,"
    "Strength of Relationship,Comments\nB-1.2,functional,subset_of,S-1.1,7,Imported\n"
)
ELEMENT_CSV = "ref,parent_ref,kind,title\nS-2,,chapter,Added by import\n"
ONCE = frozenset({200, 400})  # the first allowed role does it; the next finds it done (400)

PAGES: dict[str, list[Case]] = {
    "standards:standard-list": [Case("public", kwargs=_no_kwargs)],
    "standards:standard-detail": [Case("public", kwargs=_code)],
    "standards:version-detail": [Case("public", kwargs=_version)],
    "standards:version-elements-csv": [Case("public", kwargs=_version)],
    "standards:version-import": [Case("secretariat", kwargs=_version)],
    "standards:crosswalk": [Case("public", kwargs=_no_kwargs)],
    "standards:coverage-csv": [Case("public", kwargs=_no_kwargs)],
    "standards:mapping-set-detail": [Case("public", kwargs=_set)],
    "standards:mapping-set-csv": [Case("public", kwargs=_set)],
    "standards:mapping-set-json": [Case("public", kwargs=_set)],
    "standards:mapping-set-import": [Case("members", kwargs=_set)],
    "standards:mapping-create": [Case("members", kwargs=_set)],
    "standards:mapping-detail": [
        Case("public", kwargs=_mapping("approved"), label="approved"),
        Case("members", kwargs=_mapping("draft_by_other"), label="draft"),
    ],
    "standards:mapping-edit": [
        Case(
            "own-organisation-edit",
            kwargs=_mapping("draft_by_representative"),
            label="draft by the representative: its author edits",
        ),
        Case(
            "other-organisation-edit",
            kwargs=_mapping("draft_by_other"),
            label="draft by someone else: only the secretariat",
        ),
    ],
    "standards:mapping-review": [
        Case(
            "secretariat",
            kwargs=_mapping("draft_by_member"),
            method="post",
            ok=frozenset({302}),
            label="draft by a member",
        )
    ],
    "standards:mapping-approve": [
        Case(
            "secretariat",
            kwargs=_mapping("reviewed_by_member"),
            method="post",
            ok=frozenset({302}),
            label="reviewed mapping by a member",
        )
    ],
    "standards:mapping-supersede": [Case("members", kwargs=_mapping("approved"))],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/standards/"): [Case("public", kwargs=_no_kwargs)],
    ("get", "/api/v1/standards/{code}/"): [Case("public", kwargs=_code)],
    ("get", "/api/v1/standards/{code}/versions/{version}/"): [Case("public", kwargs=_version)],
    ("get", "/api/v1/standards/{code}/versions/{version}/elements/"): [
        Case("public", kwargs=_version)
    ],
    ("post", "/api/v1/standards/{code}/versions/{version}/elements/import/"): [
        Case("secretariat", kwargs=_version, data={"csv": ELEMENT_CSV})
    ],
    ("get", "/api/v1/standards/{code}/versions/{version}/coverage/"): [
        Case("public", kwargs=_version)
    ],
    ("get", "/api/v1/mapping-sets/"): [Case("public", kwargs=_no_kwargs)],
    ("post", "/api/v1/mapping-sets/"): [
        Case(
            "secretariat",
            kwargs=_no_kwargs,
            data={
                "focal_standard": OTHER,
                "focal_version": "2.0",
                "reference_standard": BASELINE,
                "reference_version": "1.0",
                "purpose": "The other direction",
            },
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/mapping-sets/{id}/"): [Case("public", kwargs=_api_set)],
    ("get", "/api/v1/mapping-sets/{id}/mappings/"): [Case("public", kwargs=_api_set)],
    ("post", "/api/v1/mapping-sets/{id}/mappings/"): [
        Case("members", kwargs=_api_set, data=PROPOSAL, ok=frozenset({201}))
    ],
    ("post", "/api/v1/mapping-sets/{id}/import/"): [
        Case("members", kwargs=_api_set, data={"csv": MAPPING_CSV}, ok=frozenset({201}))
    ],
    ("get", "/api/v1/mappings/"): [Case("public", kwargs=_no_kwargs)],
    ("get", "/api/v1/mappings/{id}/"): [
        Case("public", kwargs=_api_mapping("approved"), label="approved"),
        Case("members", kwargs=_api_mapping("draft_by_other"), label="draft"),
    ],
    ("patch", "/api/v1/mappings/{id}/"): [
        Case(
            "own-organisation-edit",
            kwargs=_api_mapping("draft_by_representative"),
            data={"explanation": "Clarified."},
            label="draft by the representative: its author edits",
        ),
        Case(
            "other-organisation-edit",
            kwargs=_api_mapping("draft_by_other"),
            data={"explanation": "Clarified."},
            label="draft by someone else: only the secretariat",
        ),
        Case(
            "secretariat",
            kwargs=_api_mapping("approved"),
            data={"explanation": "Rewritten."},
            ok=frozenset({400}),
            label="approved: refused even to the secretariat",
        ),
    ],
    ("post", "/api/v1/mappings/{id}/review/"): [
        Case(
            "secretariat",
            kwargs=_api_mapping("draft_by_member"),
            ok=ONCE,
            label="draft by a member (the superuser then finds it reviewed)",
        )
    ],
    ("post", "/api/v1/mappings/{id}/approve/"): [
        Case(
            "secretariat",
            kwargs=_api_mapping("reviewed_by_member"),
            ok=ONCE,
            label="reviewed mapping by a member (the superuser then finds it approved)",
        )
    ],
    ("post", "/api/v1/mappings/{id}/supersede/"): [
        Case("members", kwargs=_api_mapping("approved"), data=JUDGEMENT, ok=frozenset({201}))
    ],
}
