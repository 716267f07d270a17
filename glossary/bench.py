"""Benchmark data of the glossary: concepts with one revision each, a preferred label in
English, French and Spanish, an English definition; most concepts agreed, some still proposed or
under review.

Written with ``bulk_create``, not through the services (see ``alliance_portal.bench``). The
database's workflow triggers are kept, not bypassed: concepts and revisions are inserted as
``proposed`` with their labels (text is added only to a proposed revision), then moved by
UPDATE through ``under_review`` to ``agreed``, as the secretariat's review would."""

from __future__ import annotations

import random
from itertools import product

from django.db import connection

from alliance_portal.bench import BATCH, END, START, BenchData, count, moment, sentences
from glossary.models import (
    Concept,
    ConceptStatus,
    Definition,
    Label,
    LabelKind,
    Revision,
    TermStatus,
)
from glossary.services.concepts import default_scheme

# (English, French, Spanish)
_QUALIFIERS = [
    ("artisanal", "artisanal", "artesanal"),
    ("responsible", "responsable", "responsable"),
    ("conflict-free", "hors conflit", "libre de conflicto"),
    ("downstream", "aval", "aguas abajo"),
    ("upstream", "amont", "aguas arriba"),
    ("independent", "indépendant", "independiente"),
    ("community", "communautaire", "comunitario"),
    ("mandatory", "obligatoire", "obligatorio"),
    ("voluntary", "volontaire", "voluntario"),
    ("third-party", "tiers", "de terceros"),
    ("corrective", "correctif", "correctivo"),
    ("high-risk", "à haut risque", "de alto riesgo"),
]
_SUBJECTS = [
    ("mineral", "minerai", "mineral"),
    ("supply chain", "chaîne d'approvisionnement", "cadena de suministro"),
    ("smelter", "fonderie", "fundición"),
    ("cobalt", "cobalt", "cobalto"),
    ("tailings", "résidus miniers", "relaves"),
    ("grievance", "plainte", "queja"),
    ("worker", "travailleur", "trabajador"),
    ("water", "eau", "agua"),
    ("land", "foncier", "tierra"),
    ("security", "sécurité", "seguridad"),
    ("due diligence", "diligence raisonnable", "debida diligencia"),
    ("audit", "audit", "auditoría"),
    ("traceability", "traçabilité", "trazabilidad"),
    ("sourcing", "approvisionnement", "abastecimiento"),
    ("recycling", "recyclage", "reciclaje"),
]
_HEADS = [
    ("assessment", "évaluation", "evaluación"),
    ("mechanism", "mécanisme", "mecanismo"),
    ("policy", "politique", "política"),
    ("report", "rapport", "informe"),
    ("risk", "risque", "riesgo"),
    ("standard", "norme", "norma"),
    ("plan", "plan", "plan"),
    ("register", "registre", "registro"),
    ("benchmark", "référentiel", "referencia"),
    ("programme", "programme", "programa"),
    ("requirement", "exigence", "requisito"),
    ("indicator", "indicateur", "indicador"),
    ("review", "revue", "revisión"),
    ("record", "dossier", "expediente"),
    ("agreement", "accord", "acuerdo"),
    ("zone", "zone", "zona"),
    ("certificate", "certificat", "certificado"),
    ("baseline", "référence", "línea de base"),
    ("threshold", "seuil", "umbral"),
    ("notice", "avis", "aviso"),
]
LANGUAGES = ("en", "fr", "es")


def _terms(rng: random.Random, how_many: int) -> list[tuple[str, str, str]]:
    """Distinct terms in the three languages (a running number beyond the combinations)."""
    combos = list(product(_QUALIFIERS, _SUBJECTS, _HEADS))
    rng.shuffle(combos)
    terms = []
    for i in range(how_many):
        (qe, qf, qs), (se, sf, ss), (he, hf, hs) = combos[i % len(combos)]
        suffix = "" if i < len(combos) else f" {i // len(combos) + 1}"
        terms.append(
            (f"{qe} {se} {he}{suffix}", f"{hf} {sf} {qf}{suffix}", f"{hs} de {ss} {qs}{suffix}")
        )
    return terms


def _slug(text: str, index: int) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return "-".join([*words, "b" + str(index + 1)])


def build(scale: float, rng: random.Random, data: BenchData) -> None:
    scheme = default_scheme()
    how_many = count("concepts", scale)
    terms = _terms(rng, how_many)
    concepts = Concept.objects.bulk_create(
        [
            Concept(scheme=scheme, slug=_slug(english, i), notation=f"BENCH-{i + 1:05d}")
            for i, (english, _, _) in enumerate(terms)
        ],
        batch_size=BATCH,
    )
    authors: list[tuple[int, int, int | None, bool]] = list(data.people) or [
        (0, user, None, False) for user in data.secretariat_users
    ]
    revisions = []
    for concept in concepts:
        _, user, organisation, _ = rng.choice(authors)
        revisions.append(
            Revision(
                concept=concept,
                number=1,
                rationale=sentences(rng, 1, 2),
                author_id=user,
                author_organisation_id=organisation,
                submitted_at=moment(rng, START, END),
            )
        )
    revisions = Revision.objects.bulk_create(revisions, batch_size=BATCH)
    labels, definitions = [], []
    elements = data.element_ids
    for revision, words in zip(revisions, terms, strict=True):
        for language, text in zip(LANGUAGES, words, strict=True):
            labels.append(
                Label(
                    revision=revision,
                    language=language,
                    kind=LabelKind.PREFERRED,
                    text=text,
                    term_status=TermStatus.PREFERRED,
                )
            )
        definitions.append(
            Definition(
                revision=revision,
                language="en",
                text=sentences(rng, 2, 4),
                scope_note=sentences(rng, 1, 2) if rng.random() < 0.5 else "",
                example=sentences(rng, 1, 1) if rng.random() < 0.3 else "",
                source_element_id=rng.choice(elements) if elements and rng.random() < 0.4 else None,
                source_citation="" if rng.random() < 0.7 else "OECD Due Diligence Guidance, 2016",
            )
        )
    Label.objects.bulk_create(labels, batch_size=BATCH)
    Definition.objects.bulk_create(definitions, batch_size=BATCH)

    # The review: 90 % agreed, the rest proposed or under review.
    statuses = [
        ConceptStatus.AGREED
        if roll < 0.9
        else ConceptStatus.UNDER_REVIEW
        if roll < 0.95
        else ConceptStatus.PROPOSED
        for roll in (rng.random() for _ in concepts)
    ]
    reviewed = [c.pk for c, s in zip(concepts, statuses, strict=True) if s != "proposed"]
    agreed = [c.pk for c, s in zip(concepts, statuses, strict=True) if s == "agreed"]
    decider = data.secretariat_users[0] if data.secretariat_users else None
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE glossary_revision SET status = 'under_review' WHERE concept_id = ANY(%s)",
            [reviewed],
        )
        cursor.execute(
            "UPDATE glossary_revision SET status = 'agreed', decided_by_id = %s,"
            " decided_at = submitted_at + interval '12 days' WHERE concept_id = ANY(%s)",
            [decider, agreed],
        )
        cursor.execute(
            "UPDATE glossary_concept AS c SET current_revision_id = r.id, proposed_by_id ="
            " r.author_id FROM glossary_revision AS r WHERE r.concept_id = c.id"
            " AND c.id = ANY(%s)",
            [[c.pk for c in concepts]],
        )
        cursor.execute(
            "UPDATE glossary_concept SET status = 'under_review' WHERE id = ANY(%s)", [reviewed]
        )
        cursor.execute(
            "UPDATE glossary_concept AS c SET status = 'agreed', agreed_at = r.decided_at,"
            " status_changed_at = r.decided_at FROM glossary_revision AS r"
            " WHERE r.id = c.current_revision_id AND c.id = ANY(%s)",
            [agreed],
        )
    data.counts.update(
        concepts=len(concepts),
        labels=len(labels),
        agreed_concepts=len(agreed),
        open_revisions=len(concepts) - len(agreed),
    )
