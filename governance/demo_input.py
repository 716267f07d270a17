"""Demo data of issue 16's "input" slice: input recorded by phone on behalf of a community
organisation and through an interpreter on behalf of a community group, a Spanish
translation of the lithium consent proposal, and review dates on adopted decisions (one
already reviewed, its outcome in the log). Idempotent; everything through the services, as
the system."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.consultations import services as consultation_services
from governance.consultations.models import AuthorKind, Channel, Comment, ProposalTranslation
from governance.decision_log.models import PublishedDecision
from governance.proposals.models import Proposal, ProposalStatus
from governance.reviews import services as review_services
from governance.reviews.models import DecisionReview
from members.models import Chamber, Organisation

LITHIUM = "Community-consent guidance for lithium projects"
COMMUNITIES = "affected-communities-labour"

SPANISH_TITLE = "Guía de consentimiento de las comunidades para proyectos de litio"
SPANISH_SUMMARY = (
    "Cómo los miembros obtienen y documentan el consentimiento libre, previo e informado de "
    "las comunidades antes de que avance un proyecto de litio."
)
SPANISH = """Antes de iniciar o ampliar un proyecto de litio, el miembro obtiene el \
consentimiento libre, previo e informado de los pueblos indígenas y las comunidades locales \
cuyas tierras, aguas o medios de vida se ven afectados por el proyecto.

El consentimiento se busca a través de las propias instituciones de las comunidades, en sus \
idiomas, con el tiempo que necesiten y con asesoría independiente pagada por el miembro.

El miembro documenta el proceso y el resultado, y publica un resumen acordado con las \
comunidades.

Cuando las comunidades niegan su consentimiento, el proyecto no avanza en esa forma."""

BY_PHONE = (
    "Llamamos para decir que el plazo del párrafo 2 debe fijarlo la asamblea de la comunidad, "
    "no la empresa. En 2019 nos dieron tres semanas y no alcanzó."
)
THROUGH_INTERPRETER = (
    "The irrigators' assembly asks that the water monitoring results be read out at the "
    "assembly in Kunza and Spanish before anyone is asked to consent (interpreted from "
    "Spanish at the assembly in Talabre)."
)

# (proposal title, review after this many days from today, outcome or "")
REVIEWS = (
    (
        "Remediation-first protocol for child labour found at artisanal cobalt sites",
        540,
        "",
    ),
    (
        "Recognise IRMA, RMI and Copper Mark audits instead of alliance audits",
        0,
        "The first year's audit summaries were public for every mine site; two smelter "
        "summaries came late. The decision stands; the secretariat follows up on the two.",
    ),
)


def seed() -> None:
    proposal = Proposal.objects.filter(title=LITHIUM).first()
    if proposal is not None:
        _seed_translation(proposal)
        if proposal.status == ProposalStatus.CONSULTATION:
            _seed_received_input(proposal)
    _seed_reviews()


def _seed_translation(proposal: Proposal) -> None:
    if ProposalTranslation.objects.filter(proposal=proposal, language="es").exists():
        return
    consultation_services.proposal_translation_save(
        actor=SYSTEM,
        proposal=proposal,
        language="es",
        title=SPANISH_TITLE,
        summary=SPANISH_SUMMARY,
        text=SPANISH,
    )


def _seed_received_input(proposal: Proposal) -> None:
    if Comment.objects.filter(proposal=proposal, channel=Channel.PHONE).exists():
        return
    now = timezone.now()
    peine = Organisation.objects.filter(name="Comunidad Atacameña de Peine").first()
    if peine is not None:
        consultation_services.comment_record_received(
            actor=SYSTEM,
            proposal=proposal,
            text=BY_PHONE,
            author_kind=AuthorKind.MEMBER,
            organisation=peine,
            channel=Channel.PHONE,
            language="es",
            paragraph=2,
            received_at=now - timedelta(days=3),
        )
    chamber = Chamber.objects.filter(slug=COMMUNITIES).first()
    if chamber is not None and proposal.consultation_public:
        consultation_services.comment_record_received(
            actor=SYSTEM,
            proposal=proposal,
            text=THROUGH_INTERPRETER,
            author_kind=AuthorKind.GROUP,
            group_name="Talabre Irrigators' Assembly",
            group_chamber=chamber,
            channel=Channel.INTERPRETER,
            paragraph=3,
            received_at=now - timedelta(days=2),
        )


def _seed_reviews() -> None:
    today = timezone.localdate()
    for title, days, outcome_text in REVIEWS:
        decision = PublishedDecision.objects.filter(title=title).order_by("-decided_at").first()
        if decision is None or DecisionReview.objects.filter(decision=decision.entry).exists():
            continue
        review = review_services.decision_review_set(
            actor=SYSTEM, decision_seq=decision.entry_id, due_on=today + timedelta(days=days)
        )
        if outcome_text:
            review_services.decision_review_record(
                actor=SYSTEM, review=review, outcome="confirmed", text=outcome_text
            )
