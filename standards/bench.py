"""Benchmark data of the standards app: standards (the first one the alliance baseline), one
current version each with its tree of chapters and requirements, and the crosswalk: one
mapping set from the baseline to every other standard, most mappings approved.

Written with ``bulk_create``, not through the services (see ``alliance_portal.bench``); the
rows keep every constraint and trigger (parents in the same version, elements in their set's
versions, strengths that fit their relationship, one approved mapping per pair, reviewers who
are not the author)."""

from __future__ import annotations

import random
from datetime import timedelta

from alliance_portal.bench import (
    BATCH,
    END,
    SLUG_PREFIX,
    START,
    BenchData,
    count,
    day,
    moment,
    sentences,
    title,
)
from members.vocabularies import Material, ValueChainStage
from standards.models import (
    Element,
    ElementKind,
    Mapping,
    MappingSet,
    MappingStatus,
    Rationale,
    Relationship,
    Standard,
    StandardKind,
    StandardVersion,
    VersionStatus,
)
from standards.models.crosswalk import FIXED_STRENGTH, PARTIAL_STRENGTH

_ISSUERS = [
    "Initiative for Responsible Mining Assurance",
    "Responsible Minerals Initiative",
    "OECD",
    "London Metal Exchange",
    "ResponsibleSteel",
    "Aluminium Stewardship Initiative",
    "Fairmined",
    "Copper Mark",
    "European Union",
    "Global Battery Alliance",
]
_KINDS = [
    StandardKind.CERTIFICATION_STANDARD,
    StandardKind.DUE_DILIGENCE_GUIDANCE,
    StandardKind.REGULATION,
    StandardKind.ASSURANCE_PROGRAMME,
]
_RELATIONSHIPS = [
    (Relationship.EQUAL, 0.15),
    (Relationship.SUBSET_OF, 0.2),
    (Relationship.SUPERSET_OF, 0.2),
    (Relationship.INTERSECTS_WITH, 0.35),
    (Relationship.NO_RELATIONSHIP, 0.1),
]


def _strength(rng: random.Random, relationship: str) -> int | None:
    if relationship in FIXED_STRENGTH:
        return FIXED_STRENGTH[relationship]
    return None if rng.random() < 0.2 else rng.randint(*PARTIAL_STRENGTH)


def build(scale: float, rng: random.Random, data: BenchData) -> None:
    how_many = count("standards", scale, minimum=2)
    per_standard = max(2, count("elements", scale) // how_many)
    has_baseline = Standard.objects.filter(kind=StandardKind.ALLIANCE_BASELINE).exists()
    standards = Standard.objects.bulk_create(
        [
            Standard(
                code=f"{SLUG_PREFIX}std-{i + 1:03d}",
                title=f"{rng.choice(_ISSUERS)} standard on {title(rng).lower()} ({i + 1})",
                short_name=f"STD-{i + 1:03d}" if i or has_baseline else "BASELINE",
                issuing_body=rng.choice(_ISSUERS),
                kind=StandardKind.ALLIANCE_BASELINE
                if i == 0 and not has_baseline
                else rng.choice(_KINDS),
                materials=rng.sample(Material.values[:-1], rng.randint(1, 5)),
                value_chain_stages=rng.sample(ValueChainStage.values, rng.randint(1, 4)),
                website=f"https://standard{i + 1}.example.org/",
                summary=sentences(rng, 2, 4),
            )
            for i in range(how_many)
        ]
    )
    versions = StandardVersion.objects.bulk_create(
        [
            StandardVersion(
                standard=standard,
                label=f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
                published_on=(published := day(rng, START.date(), 3000)),
                effective_on=published + timedelta(days=rng.randint(0, 180)),
                status=VersionStatus.CURRENT,
                notes=sentences(rng, 1, 2),
            )
            for standard in standards
        ]
    )

    # Each version's tree: chapters first (parents must exist), then their requirements.
    chapters_per_version = max(1, per_standard // 20)
    chapters = Element.objects.bulk_create(
        [
            Element(
                version=version,
                kind=ElementKind.CHAPTER,
                ref=f"{c + 1}",
                title=title(rng),
                summary=sentences(rng, 1, 3),
                order=c,
            )
            for version in versions
            for c in range(chapters_per_version)
        ],
        batch_size=BATCH,
    )
    by_version: dict[int, list[Element]] = {v.pk: [] for v in versions}
    for chapter in chapters:
        by_version[chapter.version_id].append(chapter)
    requirement_rows = []
    for version in versions:
        own = by_version[version.pk]
        for r in range(per_standard - len(own)):
            parent = own[r % len(own)]
            requirement_rows.append(
                Element(
                    version=version,
                    parent=parent,
                    kind=ElementKind.REQUIREMENT,
                    ref=f"{parent.ref}.{r // len(own) + 1}",
                    title=title(rng),
                    summary=sentences(rng, 1, 3),
                    order=r // len(own),
                )
            )
    requirements = Element.objects.bulk_create(requirement_rows, batch_size=BATCH)
    elements: dict[int, list[int]] = {v.pk: [] for v in versions}
    for element in requirements:
        elements[element.version_id].append(element.pk)
    data.element_ids = [e.pk for e in requirements]

    # The crosswalk: the baseline (the first version) against every other version.
    focal = versions[0]
    sets = MappingSet.objects.bulk_create(
        [
            MappingSet(
                focal_version=focal,
                reference_version=reference,
                purpose=sentences(rng, 1, 2),
                comprehensive=rng.random() < 0.3,
            )
            for reference in versions[1:]
        ]
    )
    mappings = count("mappings", scale)
    kinds, weights = zip(*_RELATIONSHIPS, strict=True)
    authors = [user for _, user, _, _ in data.people] or data.secretariat_users
    reviewers = data.secretariat_users
    rows = []
    for index, mapping_set in enumerate(sets):
        share = mappings // len(sets) + (1 if index < mappings % len(sets) else 0)
        focal_ids, reference_ids = elements[focal.pk], elements[mapping_set.reference_version_id]
        pairs = rng.sample(range(len(focal_ids) * len(reference_ids)), share)
        for pair in pairs:
            relationship = rng.choices(kinds, weights)[0]
            roll = rng.random()
            status = (
                MappingStatus.APPROVED
                if roll < 0.85
                else MappingStatus.REVIEWED
                if roll < 0.95
                else MappingStatus.DRAFT
            )
            reviewed = moment(rng, START, END) if status != MappingStatus.DRAFT else None
            rows.append(
                Mapping(
                    mapping_set=mapping_set,
                    focal_element_id=focal_ids[pair // len(reference_ids)],
                    reference_element_id=reference_ids[pair % len(reference_ids)],
                    relationship=relationship,
                    rationale=rng.choice(Rationale.values),
                    strength=_strength(rng, relationship),
                    explanation=sentences(rng, 1, 2),
                    status=status,
                    author_id=rng.choice(authors),
                    reviewed_by_id=rng.choice(reviewers) if reviewed else None,
                    reviewed_at=reviewed,
                    approved_by_id=rng.choice(reviewers)
                    if status == MappingStatus.APPROVED
                    else None,
                    approved_at=reviewed + timedelta(days=rng.randint(1, 60))
                    if reviewed and status == MappingStatus.APPROVED
                    else None,
                )
            )
    Mapping.objects.bulk_create(rows, batch_size=BATCH)
    data.counts.update(
        standards=len(standards),
        elements=len(chapters) + len(requirements),
        mappings=len(rows),
    )
