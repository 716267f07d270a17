"""Demo data of the glossary: about thirty concepts of responsible sourcing with definitions in
the alliance's own words, French and Spanish for some, usage notes from several chambers,
revisions, and concepts in every status. Idempotent; runs after the members and standards
seeds (definitions cite standard elements when the standards demo data is there).

Under development settings (demo logins) the demo member and representative propose, and the
demo secretariat puts their proposals under review; elsewhere (tests, a fresh database) the same
data is the system's work (``policy.SYSTEM``), and so are the usage notes, recorded for their
organisations. The agreed concepts are the founding glossary, agreed with the alliance's charter
before the portal: they are loaded as agreed (``apply_agree_batch``, as the system). Since then
only a decision agrees a revision: the governance demo adopts a glossary batch by decision."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from alliance_portal import policy
from alliance_portal.demo import DemoLogin, demo_logins_enabled
from alliance_portal.models import User
from alliance_portal.types import Actor
from glossary import services
from glossary.content import (
    ConceptContent,
    DefinitionData,
    LabelData,
    MatchData,
    content_of,
)
from glossary.models import Concept, ConceptStatus, LabelKind, Revision, TermStatus
from members.models import Organisation, Person
from standards.models import Element

ALT, DEPRECATED_TERM, HIDDEN = "alt", "deprecated", "hidden"


@dataclass(frozen=True)
class Seed:
    label: str
    definition: str
    alt: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    deprecated_terms: tuple[str, ...] = ()
    scope_note: str = ""
    example: str = ""
    source: tuple[str, str, str] | None = None  # (standard code, version, element ref)
    citation: str = ""
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    matches: tuple[tuple[str, str, str], ...] = ()
    # language -> (preferred label, definition, alternative labels)
    translations: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    status: str = ConceptStatus.AGREED
    rationale: str = "A term members use every day; the alliance needs one meaning for it."
    notation: str = ""


OECD = ("oecd-ddg-minerals", "3rd-edition")
BASELINE = ("alliance-baseline", "1.0")
IRMA = ("irma-std-001", "1.0")

# fmt: off
CONCEPTS: list[Seed] = [
    Seed(
        "Responsible sourcing",
        "Buying and using minerals and metals in a way that finds, prevents and accounts for harm to people and the environment along the whole supply chain, from the mine to the finished product.",
        alt=("responsible mineral sourcing",),
        scope_note="Covers social, environmental and governance risks, not only conflict financing.",
        notation="RS-001",
        translations={
            "fr": ("approvisionnement responsable", "Acheter et utiliser des minerais et des métaux en repérant, en évitant et en rendant compte des atteintes aux personnes et à l'environnement tout au long de la chaîne d'approvisionnement, de la mine au produit fini.", ()),
            "es": ("abastecimiento responsable", "Comprar y usar minerales y metales de forma que se detecten, prevengan y expliquen los daños a las personas y al medio ambiente en toda la cadena de suministro, desde la mina hasta el producto terminado.", ()),
        },
    ),
    Seed(
        "Due diligence",
        "The ongoing process by which a company finds the actual and potential harms linked to its operations and supply chain, acts to prevent or reduce them, checks that this works and says publicly how it does so.",
        alt=("supply-chain due diligence",),
        source=(*BASELINE, "AB-1"),
        broader=("Responsible sourcing",),
        notation="RS-002",
        example="A carmaker maps its cobalt suppliers, asks each for its smelter list and visits the riskiest sites.",
        translations={
            "fr": ("devoir de diligence", "Le processus continu par lequel une entreprise repère les atteintes réelles et potentielles liées à ses activités et à sa chaîne d'approvisionnement, agit pour les prévenir ou les réduire, vérifie l'efficacité de ses mesures et en rend compte publiquement.", ("diligence raisonnable",)),
            "es": ("debida diligencia", "El proceso continuo por el que una empresa detecta los daños reales y potenciales vinculados a sus operaciones y a su cadena de suministro, actúa para prevenirlos o reducirlos, comprueba que sus medidas funcionan e informa públicamente de ello.", ()),
        },
    ),
    Seed(
        "Risk-based approach",
        "Putting the most effort where the risk of serious harm is greatest and most likely, rather than treating every supplier and site the same way.",
        source=(*BASELINE, "AB-1.6"),
        related=("Due diligence",),
    ),
    Seed(
        "Supply-chain policy",
        "A company's public commitment saying which risks in its mineral supply chain it will not tolerate and how it will respond when it finds them.",
        alt=("sourcing policy",),
        source=(*OECD, "Step 1A"),
        broader=("Due diligence",),
    ),
    Seed(
        "Conflict-affected and high-risk area",
        "A place marked by armed conflict, widespread violence, collapse of civil infrastructure or serious human-rights abuses, where sourcing minerals needs enhanced due diligence.",
        alt=("CAHRA",),
        scope_note="A designation describes the area, not every mine in it: responsible sourcing from a CAHRA is possible and often encouraged.",
        source=(*BASELINE, "AB-3.3"),
        citation="Regulation (EU) 2017/821, Article 2",
        related=("Due diligence",),
        matches=(("close", "https://www.cahraslist.net/", "EU indicative CAHRA list"),),
        notation="RS-003",
        translations={
            "fr": ("zone de conflit ou à haut risque", "Un lieu marqué par un conflit armé, une violence généralisée, l'effondrement des infrastructures civiles ou de graves atteintes aux droits humains, où l'approvisionnement en minerais exige un devoir de diligence renforcé.", ("ZCHR",)),
            "es": ("zona de conflicto o de alto riesgo", "Un lugar marcado por un conflicto armado, violencia generalizada, el colapso de la infraestructura civil o graves abusos de los derechos humanos, donde abastecerse de minerales exige una debida diligencia reforzada.", ()),
        },
    ),
    Seed(
        "Artisanal and small-scale mining",
        "Mining by individuals, families or small groups with little capital and mostly manual tools, often informal, which gives a living to millions of people in producer countries.",
        alt=("ASM", "small-scale mining", "artisanal mining"),
        scope_note="Includes formal cooperatives and informal diggers; excludes mechanised operations run by companies.",
        related=("Conflict-affected and high-risk area",),
        notation="RS-004",
        translations={
            "fr": ("exploitation minière artisanale et à petite échelle", "L'exploitation minière menée par des personnes, des familles ou de petits groupes disposant de peu de capital et d'outils surtout manuels, souvent informelle, qui fait vivre des millions de personnes dans les pays producteurs.", ("EMAPE", "exploitation minière artisanale")),
            "es": ("minería artesanal y de pequeña escala", "La minería realizada por personas, familias o pequeños grupos con poco capital y herramientas sobre todo manuales, a menudo informal, que da sustento a millones de personas en los países productores.", ("MAPE", "minería artesanal")),
        },
    ),
    Seed(
        "Large-scale mining",
        "Industrial mining run by companies with heavy machinery, formal permits and a workforce of employees and contractors.",
        alt=("LSM", "industrial mining"),
        related=("Artisanal and small-scale mining",),
    ),
    Seed(
        "Upstream",
        "The part of a mineral supply chain from the mine to the smelter or refiner: extraction, local trading, transport and processing before refining.",
        alt=("upstream supply chain",),
        broader=("Responsible sourcing",),
    ),
    Seed(
        "Downstream",
        "The part of a mineral supply chain after the smelter or refiner: metal traders, component makers, manufacturers, brands and retailers.",
        alt=("downstream supply chain",),
        broader=("Responsible sourcing",),
        related=("Upstream",),
    ),
    Seed(
        "Smelter or refiner",
        "A plant that turns ore or concentrate into metal. Few in number, smelters and refiners are the point where due diligence on many mines can be checked in one place.",
        alt=("smelter", "refiner", "SOR"),
        related=("Upstream", "Downstream"),
    ),
    Seed(
        "Red flag",
        "A circumstance in a supply chain, such as a mineral coming from or through a conflict-affected area or an unusual supplier, that calls for a closer look before sourcing goes on.",
        alt=("red flag indicator",),
        source=(*OECD, "Step 2"),
        broader=("Due diligence",),
    ),
    Seed(
        "Annex II risks",
        "The serious harms named in the model supply-chain policy of the OECD minerals guidance: worst forms of abuse, direct or indirect support to armed groups, abuses by security forces, bribery, money laundering and unpaid taxes to governments.",
        source=(*OECD, "Annex II"),
        broader=("Due diligence",),
        related=("Conflict-affected and high-risk area",),
    ),
    Seed(
        "3TG",
        "Tin, tantalum, tungsten and gold: the four metals first targeted by conflict-minerals rules because trade in them financed armed groups in the Great Lakes region.",
        alt=("tin, tantalum, tungsten and gold",),
        deprecated_terms=("conflict minerals",),
        citation="Regulation (EU) 2017/821, Article 1",
    ),
    Seed(
        "Chain of custody",
        "The record of who held a material, in what form and where, at each step from the mine onward, so that claims about its origin can be checked.",
        alt=("CoC",),
        source=(*OECD, "Step 1C"),
        related=("Due diligence",),
        translations={
            "fr": ("chaîne de contrôle", "L'enregistrement de qui a détenu une matière, sous quelle forme et où, à chaque étape depuis la mine, de sorte que les affirmations sur son origine puissent être vérifiées.", ()),
            "es": ("cadena de custodia", "El registro de quién tuvo un material, en qué forma y dónde, en cada etapa desde la mina, para que las afirmaciones sobre su origen puedan verificarse.", ()),
        },
    ),
    Seed(
        "Segregation",
        "A chain-of-custody model in which certified material is kept physically apart from other material at every step, so the product contains only certified material.",
        alt=("segregated", "segregated model"),
        broader=("Chain of custody",),
    ),
    Seed(
        "Mass balance",
        "A chain-of-custody model in which certified and other material may be mixed, while the amount sold as certified never exceeds the amount of certified material bought, over a set period.",
        broader=("Chain of custody",),
        related=("Segregation",),
    ),
    Seed(
        "Book and claim",
        "A chain-of-custody model in which certificates for responsibly produced material are traded separately from the material itself; the buyer of a certificate may claim support for that production.",
        broader=("Chain of custody",),
        related=("Mass balance",),
    ),
    Seed(
        "Traceability",
        "The ability to follow a material back through its supply chain to where it was mined, using records, physical markers or digital tools.",
        source=(*BASELINE, "AB-1.3"),
        related=("Chain of custody",),
        translations={
            "fr": ("traçabilité", "La capacité de remonter une matière le long de sa chaîne d'approvisionnement jusqu'à son lieu d'extraction, à l'aide de registres, de marqueurs physiques ou d'outils numériques.", ()),
            "es": ("trazabilidad", "La capacidad de seguir un material a lo largo de su cadena de suministro hasta el lugar donde se extrajo, mediante registros, marcadores físicos o herramientas digitales.", ()),
        },
    ),
    Seed(
        "Grievance mechanism",
        "A way for workers, communities and anyone else affected to raise a concern about an operation or a supply chain and get a fair, timely answer and, where harm was done, a remedy.",
        alt=("complaints mechanism",),
        source=(*BASELINE, "AB-1.5"),
        broader=("Due diligence",),
        translations={
            "fr": ("mécanisme de réclamation", "Un moyen pour les travailleurs, les communautés et toute autre personne concernée de faire part d'une préoccupation au sujet d'une activité ou d'une chaîne d'approvisionnement et d'obtenir une réponse équitable et rapide et, en cas de préjudice, une réparation.", ()),
            "es": ("mecanismo de quejas", "Un medio para que trabajadores, comunidades y cualquier otra persona afectada planteen una preocupación sobre una operación o una cadena de suministro y obtengan una respuesta justa y oportuna y, si hubo daño, una reparación.", ("mecanismo de reclamación",)),
        },
    ),
    Seed(
        "Free, prior and informed consent",
        "The right of Indigenous Peoples to give or withhold their agreement to a project affecting their lands, resources or rights, freely, before it starts and with full information, through their own decision-making.",
        alt=("FPIC",),
        source=(*BASELINE, "AB-3.2"),
        related=("Grievance mechanism",),
        notation="RS-005",
        translations={
            "fr": ("consentement libre, préalable et éclairé", "Le droit des peuples autochtones de donner ou de refuser leur accord à un projet touchant leurs terres, leurs ressources ou leurs droits, librement, avant son démarrage et en pleine connaissance de cause, selon leurs propres modes de décision.", ("CLIP",)),
            "es": ("consentimiento libre, previo e informado", "El derecho de los pueblos indígenas a dar o negar su acuerdo a un proyecto que afecte a sus tierras, recursos o derechos, libremente, antes de que comience y con información completa, mediante sus propias formas de decisión.", ("CLPI",)),
        },
    ),
    Seed(
        "Tailings",
        "The finely ground rock and process water left over once the valuable minerals have been extracted from ore, usually stored behind dams that must stay safe for decades.",
        alt=("mine tailings",),
        source=(*IRMA, "4.1"),
        translations={
            "fr": ("résidus miniers", "La roche finement broyée et l'eau de procédé qui restent une fois les minéraux utiles extraits du minerai, généralement stockées derrière des digues qui doivent rester sûres pendant des décennies.", ()),
            "es": ("relaves", "La roca finamente molida y el agua de proceso que quedan una vez extraídos los minerales valiosos del mineral, normalmente almacenados tras presas que deben seguir siendo seguras durante décadas.", ("colas",)),
        },
    ),
    Seed(
        "Assurance",
        "The confidence, gained through checks by others, that a company does what it says it does; its strength depends on who checks, how independently and how deeply.",
        related=("Due diligence",),
    ),
    Seed(
        "Third-party audit",
        "An assessment of a site's or company's practices against a standard, carried out by an auditor independent of both the company and its customers.",
        alt=("independent third-party audit",),
        source=(*OECD, "Step 4"),
        broader=("Assurance",),
    ),
    Seed(
        "Conformant",
        "Said of a smelter, refiner or site that an assurance programme has found to meet its standard, for the period and scope of the assessment.",
        alt=("conformant smelter",),
        related=("Third-party audit", "Smelter or refiner"),
    ),
    Seed(
        "Cross-recognition",
        "An agreement by which one standard or assurance programme accepts the assessments of another as equivalent for some or all of its requirements, sparing sites duplicate audits.",
        alt=("mutual recognition",),
        related=("Assurance",),
    ),
    Seed(
        "Alignment assessment",
        "A systematic comparison of a standard or programme with a reference framework, requirement by requirement, saying where it is fully, partly or not aligned.",
        related=("Cross-recognition",),
    ),
    Seed(
        "Battery passport",
        "A digital record for an industrial or electric-vehicle battery giving its composition, the origin of its materials, its carbon footprint and due-diligence information, readable along its life.",
        alt=("digital battery passport",),
        citation="Regulation (EU) 2023/1542 on batteries, Article 77",
        related=("Traceability",),
    ),
    Seed(
        "Stakeholder engagement",
        "Involving the people who affect or are affected by an operation in the decisions about it, early and throughout, in a form and language that suits them, and reporting back on what was done with their views.",
        source=(*BASELINE, "AB-3.1"),
        related=("Free, prior and informed consent",),
    ),
    Seed(
        "Responsible disengagement",
        "Ending a business relationship with a supplier only after efforts to improve have failed, in a way that limits harm to workers and communities who depend on it.",
        alt=("responsible exit",),
        broader=("Due diligence",),
    ),
    # Retired concepts (their replacements come first).
    Seed(
        "Conflict-free",
        "Said of a mineral or product claimed not to finance armed groups. The alliance no longer uses the term: no supply chain can be shown to be free of all conflict, and it hides other harms.",
        alt=("conflict-free sourcing",),
        status=ConceptStatus.DEPRECATED,
    ),
    Seed(
        "Conflict minerals",
        "The metals whose trade financed armed groups, in the alliance's earlier usage; now replaced by the neutral 3TG, which names the metals without stigmatising the places they come from.",
        status=ConceptStatus.SUPERSEDED,
    ),
    # Proposals under discussion, and one rejected.
    Seed(
        "Formalisation",
        "The process by which artisanal miners obtain legal title, permits and recognition, and with them access to markets, finance and protection.",
        alt=("ASM formalisation",),
        related=("Artisanal and small-scale mining",),
        status=ConceptStatus.UNDER_REVIEW,
        rationale="Buyers and governments use the word differently; we need one meaning before the ASM workstream reports.",
    ),
    Seed(
        "Living income",
        "The net income a household needs to afford a decent standard of living for all its members, where it lives.",
        status=ConceptStatus.PROPOSED,
        rationale="Communities and unions ask that baseline requirements on wages refer to it.",
    ),
    Seed(
        "Green premium",
        "The extra price paid for a metal produced with lower emissions.",
        status=ConceptStatus.REJECTED,
        rationale="Downstream members talk about it in every contract discussion.",
    ),
]
# fmt: on

REPLACEMENTS = {
    "Conflict-free": (
        "Responsible sourcing",
        "The term promises more than due diligence can show.",
    ),
    "Conflict minerals": (
        "3TG",
        "Replaced by 3TG, which names the metals without stigmatising the places they come from.",
    ),
}
REJECTION = "Too close to commercial pricing for the alliance to define: see the information-sharing protocol."

# A revision of an agreed concept, agreed (its history shows two texts), and one left open.
REVISED = (
    "Due diligence",
    "The ongoing, risk-based process by which a company finds the actual and potential harms linked to its operations and supply chain, acts to prevent or reduce them, checks that this works, says publicly how it does so and provides for remedy where it caused or contributed to harm.",
    "Members asked that the definition name remedy and the risk-based approach, as the baseline does.",
)
OPEN_REVISION = (
    "Traceability",
    "The ability to follow a material back through its supply chain to the mine or site where it was produced, using records, physical markers or digital tools, and to show it to others.",
    "Downstream members need to show traceability to regulators and customers, not only to know it.",
)

# Usage notes: concept -> [(organisation, note)]
NOTES: dict[str, list[tuple[str, str]]] = {
    "Traceability": [
        (
            "Rhine Motor Works",
            "For us traceability means knowing **the mine of origin** of the cobalt in each battery model, because the battery regulation and our customers ask for it.",
        ),
        (
            "Fair Minerals Watch",
            "Traceability is a tool, not a result: knowing where cobalt comes from says nothing about how it was mined unless due diligence follows.",
        ),
        (
            "Lualaba Women Miners' Association",
            "Traceability schemes must not shut artisanal miners out: the costs of tags and records should not fall on the diggers.",
        ),
        (
            "Rotterdam Cobalt Refinery",
            "At the refinery we trace lots, not individual mines: material from several sources is blended before refining.",
        ),
    ],
    "Due diligence": [
        (
            "Katanga Copper-Cobalt Mining",
            "We read due diligence as the management system auditors check each year.",
        ),
        (
            "Congo River Rights Network",
            "Due diligence is judged by what changes on the ground for communities, not by the paperwork.",
        ),
        (
            "Ministry of Mines, Democratic Republic of the Congo",
            "Due diligence should support national mining law and formalisation, not replace them.",
        ),
    ],
    "Artisanal and small-scale mining": [
        (
            "Artisanal Miners' Cooperative of Kolwezi",
            "We are miners, organised in a cooperative with a permit: ASM is our work, not a risk category.",
        ),
        (
            "Loire Automobiles",
            "ASM cobalt is a high-risk source for us; we engage through formalisation programmes rather than exclude it.",
        ),
        (
            "Lualaba Women Miners' Association",
            "Women in ASM wash, sort and trade ore; their work must count when ASM is discussed.",
        ),
    ],
    "Free, prior and informed consent": [
        (
            "Comunidad Atacameña de Peine",
            "Consent is given by our assembly, in our time, and it can be withdrawn if the terms change.",
        ),
        (
            "Atacama Lithium Brines",
            "We seek FPIC through the consultation process the national law sets, and go beyond it where the community asks.",
        ),
        (
            "Fair Minerals Watch",
            "FPIC is consent, not consultation: a project the community refuses does not go ahead.",
        ),
    ],
    "Mass balance": [
        (
            "Rotterdam Cobalt Refinery",
            "Mass balance lets us process certified and other material in the same plant without separate lines.",
        ),
        (
            "Transparency for Extractives",
            "Claims based on mass balance must say so on the product; otherwise buyers are misled.",
        ),
        (
            "Great Lakes Battery Systems",
            "Mass balance is a step towards segregation, not the end point.",
        ),
    ],
}


@dataclass(frozen=True)
class _People:
    """Who proposes (in turn) and who decides in the demo data."""

    authors: list[Actor]
    secretariat: Actor


def _people() -> _People:
    """The demo logins that may act here (development settings), or the system."""
    if not demo_logins_enabled():
        return _People(authors=[policy.SYSTEM], secretariat=policy.SYSTEM)
    authors: list[Actor] = [
        user
        for user in User.objects.filter(
            email__in=["member@demo.alliance.example", "representative@demo.alliance.example"]
        ).order_by("email")
        if policy.may(user, "concept.propose")
    ]
    secretariat = User.objects.filter(email="secretariat@demo.alliance.example").first()
    return _People(
        authors=authors or [policy.SYSTEM],
        secretariat=secretariat
        if secretariat is not None and policy.may(secretariat, "revision.submit_for_review")
        else policy.SYSTEM,
    )


def _element(source: tuple[str, str, str] | None) -> int | None:
    if source is None:
        return None
    code, version, ref = source
    element = Element.objects.filter(
        version__standard__code=code, version__label=version, ref=ref
    ).first()
    return element.pk if element else None


def _content(seed: Seed, ids: dict[str, int]) -> ConceptContent:
    labels = [LabelData("en", seed.label)]
    labels += [
        LabelData("en", text, LabelKind.ALTERNATIVE, TermStatus.ADMITTED) for text in seed.alt
    ]
    labels += [LabelData("en", text, LabelKind.HIDDEN, TermStatus.ADMITTED) for text in seed.hidden]
    labels += [
        LabelData("en", text, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED)
        for text in seed.deprecated_terms
    ]
    element = _element(seed.source)
    definitions = [
        DefinitionData("en", seed.definition, seed.scope_note, seed.example, element, seed.citation)
    ]
    for language, (label, definition, alternatives) in seed.translations.items():
        labels.append(LabelData(language, label))
        labels += [
            LabelData(language, text, LabelKind.ALTERNATIVE, TermStatus.ADMITTED)
            for text in alternatives
        ]
        definitions.append(DefinitionData(language, definition, "", "", element, seed.citation))
    return ConceptContent(
        labels=tuple(labels),
        definitions=tuple(definitions),
        broader=tuple(ids[label] for label in seed.broader if label in ids),
        related=tuple(ids[label] for label in seed.related if label in ids),
        matches=tuple(MatchData(kind, uri, name) for kind, uri, name in seed.matches),
    )


FOUNDING_NOTE = "The founding glossary, agreed with the alliance's charter."


def _decide(revision: Revision, people: _People, *, agree: bool) -> None:
    services.revision_submit_for_review(actor=people.secretariat, revision=revision)
    if agree:
        # The founding glossary's history, loaded as it was agreed (see the docstring).
        with transaction.atomic():
            services.apply_agree_batch([revision], actor=policy.SYSTEM, note=FOUNDING_NOTE)


def seed() -> list[DemoLogin]:
    people = _people()
    authors = people.authors
    ids: dict[str, int] = {}
    for index, item in enumerate(CONCEPTS):
        existing = Concept.objects.filter(slug=slugify(item.label)).first()
        if existing is not None:
            ids[item.label] = existing.pk
            continue
        concept = services.concept_propose(
            actor=authors[index % len(authors)],
            content=_content(item, ids),
            rationale=item.rationale,
        )
        ids[item.label] = concept.pk
        revision = concept.current_text
        if item.notation:
            services.concept_set_notation(
                actor=people.secretariat, concept=concept, notation=item.notation
            )
        if item.status == ConceptStatus.PROPOSED:
            continue
        _decide(
            revision,
            people,
            agree=item.status != ConceptStatus.UNDER_REVIEW
            and item.status != ConceptStatus.REJECTED,
        )
        if item.status == ConceptStatus.REJECTED:
            services.revision_reject(actor=people.secretariat, revision=revision, reason=REJECTION)
        elif item.label in REPLACEMENTS:
            replacement, reason = REPLACEMENTS[item.label]
            concept.refresh_from_db()
            target = Concept.objects.get(pk=ids[replacement])
            if item.status == ConceptStatus.SUPERSEDED:
                services.concept_supersede(
                    actor=people.secretariat, concept=concept, replaced_by=target, reason=reason
                )
            else:
                services.concept_deprecate(
                    actor=people.secretariat, concept=concept, replaced_by=target, reason=reason
                )
    _seed_revisions(people, ids)
    _seed_notes(ids)
    return []


def _revised_content(concept: Concept, definition: str) -> ConceptContent:
    current = content_of(concept.current_text)
    english = current.definition("en")
    return current.with_language(
        "en",
        pref_label=current.pref_label("en") or "",
        alt_labels=current.labels_in("en", LabelKind.ALTERNATIVE, TermStatus.ADMITTED),
        deprecated_labels=current.labels_in("en", LabelKind.ALTERNATIVE, TermStatus.DEPRECATED),
        hidden_labels=current.labels_in("en", LabelKind.HIDDEN),
        definition=definition,
        scope_note=english.scope_note if english else "",
        example=english.example if english else "",
        source_element_id=english.source_element_id if english else None,
        source_citation=english.source_citation if english else "",
    )


def _seed_revisions(people: _People, ids: dict[str, int]) -> None:
    author = people.authors[-1]
    for (label, definition, rationale), agree in ((REVISED, True), (OPEN_REVISION, False)):
        concept = Concept.objects.get(pk=ids[label])
        if concept.revisions.count() > 1:
            continue
        revision = services.revision_propose(
            actor=author,
            concept=concept,
            content=_revised_content(concept, definition),
            rationale=rationale,
        )
        _decide(revision, people, agree=agree)


def _seed_notes(ids: dict[str, int]) -> None:
    for label, notes in NOTES.items():
        concept = Concept.objects.get(pk=ids[label])
        for organisation_name, text in notes:
            organisation = Organisation.objects.filter(name=organisation_name).first()
            if (
                organisation is None
                or concept.usage_notes.filter(organisation=organisation).exists()
            ):
                continue
            # The organisation's demo person writes it when there is one (development).
            person = (
                Person.objects.filter(
                    organisation=organisation, user__email__endswith="@demo.alliance.example"
                )
                .select_related("user")
                .first()
            )
            services.usage_note_write(
                actor=policy.SYSTEM,
                concept=concept,
                organisation=organisation,
                author=person.user if person else None,
                text=text,
            )
