"""Benchmark data of governance, part 1: proposals and their consultations (see
``governance.bench``)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection

from alliance_portal.bench import (
    BATCH,
    END,
    BenchData,
    paragraphs,
    sentence,
    sentences,
    title,
)
from alliance_portal.bench_copy import copy_insert
from alliance_portal.disclosure import DisclosureLevel
from governance.bodies.models import Body
from governance.consultations.models import AuthorKind, Comment, CommentResponse, CommentStatus
from governance.decision_log.models import (
    GENESIS_HASH,
    DecisionLogEntry,
)
from governance.decision_log.services import LOCK_KEY
from governance.proposals.models import (
    CostEntry,
    ImpactAssessment,
    ImpactOption,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
)
from governance.versions.models import ProposalVersion, canonical_text, text_sha256
from members.bench import COUNTRIES
from members.vocabularies import Material

CHUNK = 1_000
TOPICS = [
    "cobalt due diligence",
    "artisanal mining",
    "tailings safety",
    "traceability",
    "grievance mechanisms",
    "living wages",
    "water stewardship",
    "battery recycling",
    "community consent",
    "audit harmonisation",
    "3TG minerals",
    "gender equality",
]


@dataclass
class OrgRef:
    pk: int
    slug: str
    name: str
    chamber: int
    representative_user: int | None


@dataclass
class Plan:
    """One decided proposal, planned before anything is written."""

    decided_at: datetime
    public: bool
    corrected: bool = False
    correction_at: datetime | None = None
    comments: int = 0
    votes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def spread(total: int, parts: int, rng: random.Random, wobble: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers near the mean, summing to ``total``."""
    base, rest = divmod(total, parts)
    shares = [base + (1 if i < rest else 0) for i in range(parts)]
    for i in range(0, parts - 1, 2):
        delta = rng.randint(0, min(wobble, shares[i + 1]))
        shares[i] += delta
        shares[i + 1] -= delta
    rng.shuffle(shares)
    return shares


class Consultations:
    """Writes proposals, their versions, comments, answers and impact assessments."""

    def __init__(
        self,
        *,
        rng: random.Random,
        data: BenchData,
        orgs: dict[int, OrgRef],
        chambers: dict[int, tuple[str, str, int]],
        bodies: list[tuple[Body, list[OrgRef]]],
    ) -> None:
        self.rng, self.data, self.orgs, self.chambers, self.bodies = (
            rng,
            data,
            orgs,
            chambers,
            bodies,
        )
        self.persons_by_org: dict[int, list[int]] = {}
        self.speakers: list[tuple[int, int]] = []
        self.counts: dict[str, int] = defaultdict(int)
        # As decision_log_append does: other publishers wait until this transaction ends.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        head = DecisionLogEntry.objects.order_by("-seq").first()
        self.seq = head.seq if head else 0
        self.prev_hash = head.hash if head else GENESIS_HASH
        self.adopted: list[tuple[int, datetime]] = []  # published decision seq, decided at
        self.staff = data.secretariat_users

    # --- proposals and their consultations -----------------------------------------------------

    def _proposal(self, decided_at: datetime | None, public: bool) -> tuple[Proposal, Body, list]:
        rng = self.rng
        body, members = rng.choice(self.bodies)
        anchor = decided_at or END
        opened = anchor - timedelta(days=51 if decided_at else rng.randint(1, 10))
        consultation_public = public and rng.random() < 0.3
        member_drafted = rng.random() < 0.2 and members
        text = canonical_text("\n\n".join(paragraphs(rng, 4, 8)))
        proposal = Proposal(
            disclosure=DisclosureLevel.PUBLIC if public else DisclosureLevel.MEMBERS,
            title=f"{title(rng)} in {rng.choice(TOPICS)}",
            summary=sentences(rng, 1, 2),
            text=text,
            body=body,
            proposed_by_id=rng.choice(members).pk if member_drafted else None,
            origin=ProposalOrigin.MEMBER if member_drafted else ProposalOrigin.SECRETARIAT,
            countries=sorted(rng.sample(COUNTRIES, rng.randint(0, 3))),  # type: ignore[misc]
            materials=sorted(rng.sample(Material.values[:-1], rng.randint(0, 3))),
            status=ProposalStatus.CONSULTATION,
            consultation_opens_at=opened,
            consultation_closes_at=opened + timedelta(days=30),
            consultation_public=consultation_public,
            consultation_opened_at=opened,
            consultation_closed_at=opened + timedelta(days=30) if decided_at else None,
            created_by_id=rng.choice(self.staff),
            created_at=opened - timedelta(days=rng.randint(5, 40)),
        )
        return proposal, body, members

    def _versions(self, proposals: list[Proposal]) -> list[ProposalVersion]:
        versions = ProposalVersion.objects.bulk_create(
            [
                ProposalVersion(
                    proposal=p,
                    number=1,
                    title=p.title,
                    summary=p.summary,
                    text=p.text,
                    sha256=text_sha256(p.text),
                    author_agreed=p.proposed_by_id is not None,
                    published_by_id=p.created_by_id,
                    published_at=p.consultation_opened_at,  # type: ignore[misc]
                )
                for p in proposals
            ],
            batch_size=BATCH,
        )
        self.counts["proposal_versions"] += len(versions)
        return versions

    def _comments(
        self, proposal: Proposal, version: ProposalVersion, how_many: int, open_: bool
    ) -> tuple[list[Comment], list[Comment]]:
        """Top-level comments and replies (not yet saved), each in time order."""
        rng = self.rng
        start = proposal.consultation_opened_at
        assert start is not None  # noqa: S101 (set by _proposal)
        paragraph_count = proposal.text.count("\n\n") + 1
        tops: list[Comment] = []
        replies: list[Comment] = []
        for _ in range(how_many):
            roll = rng.random()
            external = proposal.consultation_public and roll < 0.12
            secretariat = not external and roll > 0.93
            user, org = rng.choice(self.speakers) if self.speakers else (None, None)
            status = CommentStatus.SHOWN
            if external and rng.random() < 0.2:
                status = CommentStatus.HELD if open_ else CommentStatus.REJECTED
            comment = Comment(
                proposal=proposal,
                version=version,
                author_id=rng.choice(self.data.external_users)
                if external
                else rng.choice(self.staff)
                if secretariat
                else user,
                author_kind=AuthorKind.EXTERNAL
                if external
                else AuthorKind.SECRETARIAT
                if secretariat
                else AuthorKind.MEMBER,
                organisation_id=None if external or secretariat else org,
                language="en" if rng.random() < 0.85 else rng.choice(["fr", "es"]),
                paragraph=rng.randint(1, paragraph_count) if rng.random() < 0.4 else None,
                text=sentences(rng, 1, 4),
                status=status,
                moderation_reason=sentence(rng) if status == CommentStatus.REJECTED else "",
                moderated_by_id=rng.choice(self.staff) if status != CommentStatus.SHOWN else None,
                created_at=start + timedelta(seconds=rng.randrange(29 * 86400)),
            )
            if tops and status == CommentStatus.SHOWN and rng.random() < 0.2:
                parent = rng.choice(tops)
                if parent.status == CommentStatus.SHOWN:
                    comment.parent = parent
                    comment.paragraph = None
                    comment.created_at = parent.created_at + timedelta(
                        seconds=rng.randrange(1, 86400)
                    )
                    replies.append(comment)
                    continue
            if comment.moderated_by_id and status == CommentStatus.REJECTED:
                comment.moderated_at = comment.created_at + timedelta(hours=6)
            tops.append(comment)
        tops.sort(key=lambda c: c.created_at)
        replies.sort(key=lambda c: c.created_at)
        return tops, replies

    def _consultations(
        self,
        proposals: list[Proposal],
        versions: list[ProposalVersion],
        sizes: list[int],
        open_: bool,
    ) -> dict[int, list[Comment]]:
        rng = self.rng
        tops: list[Comment] = []
        replies: list[Comment] = []
        for proposal, version, size in zip(proposals, versions, sizes, strict=True):
            own_tops, own_replies = self._comments(proposal, version, size, open_)
            tops.extend(own_tops)
            replies.extend(own_replies)
        copy_insert(tops, with_ids=True)
        copy_insert(replies, with_ids=True)
        shown: dict[int, list[Comment]] = defaultdict(list)
        for comment in tops + replies:
            if comment.status == CommentStatus.SHOWN:
                shown[comment.proposal_id].append(comment)
        responses = []
        for proposal in proposals:
            closed = proposal.consultation_closed_at
            for comment in shown[proposal.pk]:
                if open_ and rng.random() < 0.5:
                    continue
                comment.response_row = CommentResponse(  # type: ignore[attr-defined]
                    comment=comment,
                    outcome=rng.choices(
                        ["accepted", "partly_accepted", "not_accepted"], [0.4, 0.35, 0.25]
                    )[0],
                    reason=sentences(rng, 1, 3),
                    responded_by_id=rng.choice(self.staff),
                    responded_at=(closed or comment.created_at) + timedelta(days=2),
                )
                responses.append(comment.response_row)  # type: ignore[attr-defined]
        copy_insert(responses)
        for comments in shown.values():
            comments.sort(key=lambda c: (c.created_at, c.pk))
        self.counts["comments"] += len(tops) + len(replies)
        self.counts["comment_responses"] += len(responses)
        return shown

    def _assessments(self, proposals: list[Proposal]) -> dict[int, dict[str, Any]]:
        rng = self.rng
        assessments = ImpactAssessment.objects.bulk_create(
            [
                ImpactAssessment(
                    proposal=p,
                    rationale=sentences(rng, 1, 3),
                    trade_offs=sentences(rng, 1, 2),
                    updated_by_id=rng.choice(self.staff),
                )
                for p in proposals
            ],
            batch_size=BATCH,
        )
        options, costs, records = [], [], {}
        for assessment in assessments:
            chosen = rng.randint(1, 2)
            own_options = [
                ImpactOption(
                    assessment=assessment,
                    position=position,
                    title=title(rng),
                    description=sentence(rng),
                    is_chosen=position == chosen,
                )
                for position in (1, 2)
            ]
            own_costs = [
                CostEntry(
                    assessment=assessment,
                    kind=kind,
                    dimension=dimension,
                    borne_by=rng.choice(["Mining companies", "Communities", "Smelters", "Buyers"]),
                    magnitude=rng.choice(["low", "medium", "high"]),
                    amount=Decimal(rng.randint(10, 5000) * 1000) if rng.random() < 0.5 else None,
                    horizon=rng.choice(["immediate", "short", "medium", "long"]),
                    confidence=rng.choice(["low", "medium", "high"]),
                    description=sentence(rng),
                )
                for kind, dimension in (("action", "economic"), ("inaction", "social"))
            ]
            for cost in own_costs:
                cost.currency = "USD" if cost.amount is not None else ""
                if cost.amount is not None:
                    cost.amount = cost.amount.quantize(Decimal("0.01"))
            options.extend(own_options)
            costs.extend(own_costs)
            records[assessment.proposal_id] = {
                "options": [
                    {"title": o.title, "description": o.description, "chosen": o.is_chosen}
                    for o in own_options
                ],
                "rationale": assessment.rationale,
                "trade_offs": assessment.trade_offs,
                # Ordered as the model orders them: by kind, then dimension.
                "costs": [
                    {
                        "kind": c.kind,
                        "dimension": c.dimension,
                        "borne_by": c.borne_by,
                        "magnitude": c.magnitude,
                        "amount": None if c.amount is None else str(c.amount),
                        "currency": c.currency,
                        "horizon": c.horizon,
                        "confidence": c.confidence,
                        "description": c.description,
                    }
                    for c in sorted(own_costs, key=lambda c: (c.kind, c.dimension))
                ],
            }
        ImpactOption.objects.bulk_create(options, batch_size=BATCH)
        CostEntry.objects.bulk_create(costs, batch_size=BATCH)
        self.counts["impact_assessments"] += len(assessments)
        return records

    # --- ballots, decisions and the log --------------------------------------------------------

    def open_consultations(self, how_many: int) -> None:
        """A few proposals still in consultation (no ballot yet), some comments answered."""
        made = [self._proposal(None, self.rng.random() < 0.85) for _ in range(how_many)]
        proposals = Proposal.objects.bulk_create([p for p, _, _ in made], batch_size=BATCH)
        self.counts["proposals"] += len(proposals)
        self.counts["open_consultations"] += len(proposals)
        versions = self._versions(proposals)
        self._consultations(proposals, versions, [self.rng.randint(2, 12) for _ in proposals], True)
