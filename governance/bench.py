"""Benchmark data of governance: working groups with their seats, proposals with their
consultations (comments, some on numbered paragraphs, some replies, answered by the
secretariat), impact assessments, closed ballots with their electorate and votes, the frozen
decisions, the public decision log (a valid hash chain, with corrections) and action items.

Written with ``bulk_create``, not through the services (see ``alliance_portal.bench``). What
the services would compute is computed with the same code: the count with
``governance.tally.tally``, the published tally with ``secrecy.public_tally``, the summary and
rationale with the closing service's own helpers, the text's hash with ``text_sha256``, each
log entry's canonical JSON and hash with ``governance.decision_log.canonical``, the search
column with the log's own search document. The decision record has the shape
``decision_record_build`` gives (``tests/portal/test_seed_bench.py`` compares the two).

Proposals are built in time order, a chunk at a time, so the log's chain (ordered by seq)
also runs forward in time and memory stays bounded.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection
from django.utils import timezone

from alliance_portal.bench import (
    BATCH,
    END,
    SLUG_PREFIX,
    START,
    BenchData,
    count,
    day,
    paragraphs,
    sentence,
    sentences,
    title,
)
from alliance_portal.disclosure import DisclosureLevel
from governance.actions.models import ActionItem, ActionStatus, ProgressMode
from governance.ballots.methods import method_for
from governance.ballots.models import Ballot, BallotElector, BallotOutcome, Decision, Vote
from governance.ballots.secrecy import public_tally
from governance.ballots.selectors.ballots import fraction, timestamp
from governance.ballots.selectors.records import _figures
from governance.ballots.services.closing import _summary
from governance.bodies.models import Body, BodyKind, BodySeat, Constitution, Electorate, SeatHolder
from governance.consultations.models import AuthorKind, Comment, CommentResponse, CommentStatus
from governance.decision_log.canonical import canonical_json, entry_hash
from governance.decision_log.models import (
    GENESIS_HASH,
    DecisionLogEntry,
    DecisionState,
    LogEntryKind,
    PublishedDecision,
)
from governance.decision_log.services import LOCK_KEY, search_document
from governance.proposals.models import (
    CostEntry,
    ImpactAssessment,
    ImpactOption,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
)
from governance.tally import GroupTally, TallyResult, tally
from governance.versions.models import ProposalVersion, canonical_text, text_sha256
from members.bench import COUNTRIES
from members.models import MembershipStatus
from members.vocabularies import Material

CHUNK = 1_000
_TOPICS = [
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
class _Org:
    pk: int
    slug: str
    name: str
    chamber: int
    representative_user: int | None


@dataclass
class _Plan:
    """One decided proposal, planned before anything is written."""

    decided_at: datetime
    public: bool
    corrected: bool = False
    correction_at: datetime | None = None
    comments: int = 0
    votes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _spread(total: int, parts: int, rng: random.Random, wobble: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers near the mean, summing to ``total``."""
    base, rest = divmod(total, parts)
    shares = [base + (1 if i < rest else 0) for i in range(parts)]
    for i in range(0, parts - 1, 2):
        delta = rng.randint(0, min(wobble, shares[i + 1]))
        shares[i] += delta
        shares[i + 1] -= delta
    rng.shuffle(shares)
    return shares


def _bodies(rng: random.Random, data: BenchData, orgs: dict[int, _Org]) -> list[tuple[Body, list]]:
    """The executive board and the working groups, each with seats for every chamber held by
    active members (the bench's ballots are theirs), and the general assembly (no ballots)."""
    groups = max(1, round(len(orgs) / 80))
    bodies = [
        Body(
            slug=f"{SLUG_PREFIX}general-assembly",
            name="General assembly (benchmark)",
            kind=BodyKind.GENERAL_ASSEMBLY,
            electorate=Electorate.ALL_ACTIVE_MEMBERS,
            mandate=sentences(rng, 2, 3),
            order=100,
        ),
        Body(
            slug=f"{SLUG_PREFIX}executive-board",
            name="Executive board (benchmark)",
            kind=BodyKind.EXECUTIVE_BOARD,
            mandate=sentences(rng, 2, 3),
            order=101,
        ),
    ] + [
        Body(
            slug=f"{SLUG_PREFIX}wg-{i + 1:03d}",
            name=f"Working group {i + 1} on {_TOPICS[i % len(_TOPICS)]} (benchmark)",
            kind=BodyKind.WORKING_GROUP,
            mandate=sentences(rng, 2, 3),
            order=102 + i,
        )
        for i in range(groups)
    ]
    bodies = Body.objects.bulk_create(bodies)
    Constitution.objects.bulk_create(
        [Constitution(body=body, number=1, adopted_at=START) for body in bodies]
    )
    by_chamber: dict[int, list[_Org]] = defaultdict(list)
    for org in orgs.values():
        by_chamber[org.chamber].append(org)
    seats: list[BodySeat] = []
    holders: list[SeatHolder] = []
    result: list[tuple[Body, list[_Org]]] = []
    for body in bodies[1:]:
        members: list[_Org] = []
        # 18 seats: 3 for each of the first four chambers, 2 for the others.
        for position, (chamber_id, _, _, _) in enumerate(data.chambers):
            own_seats = 3 if position < 4 else 2
            seats.append(BodySeat(body=body, chamber_id=chamber_id, seats=own_seats))
            pool = by_chamber.get(chamber_id, [])
            members.extend(rng.sample(pool, min(own_seats, len(pool))))
        holders.extend(
            SeatHolder(
                body=body,
                organisation_id=org.pk,
                position="Chair" if i == 0 else "",
                term_start=START.date(),
            )
            for i, org in enumerate(members)
        )
        result.append((body, members))
    BodySeat.objects.bulk_create(seats)
    SeatHolder.objects.bulk_create(holders, batch_size=BATCH)
    return result


def build(scale: float, rng: random.Random, data: BenchData) -> None:
    representatives = {org: user for _, user, org, rep in data.people if rep}
    orgs = {
        pk: _Org(pk, slug, name, chamber, representatives.get(pk))
        for pk, slug, name, chamber, status in data.organisations
        if status == MembershipStatus.ACTIVE
    }
    chambers = {pk: (slug, name, order) for pk, slug, name, order in data.chambers}
    bodies = _bodies(rng, data, orgs)
    persons_by_org: dict[int, list[int]] = defaultdict(list)
    for person, _, org, _ in data.people:
        persons_by_org[org].append(person)
    speakers = [(user, org) for _, user, org, _ in data.people if org in orgs]

    # The plan: when each proposal was decided, which are public, which decisions a
    # correction follows (enough for the log to hold its share of entries).
    decided = count("ballots", scale)
    times = sorted(
        START
        + timedelta(
            days=120, seconds=rng.randrange(int((END - START).total_seconds()) - 10_368_000)
        )
        for _ in range(decided)
    )
    plans = [_Plan(decided_at=moment, public=rng.random() < 0.85) for moment in times]
    public = [i for i, plan in enumerate(plans) if plan.public]
    corrections = max(0, count("decision_log_entries", scale) - len(public))
    for i in rng.sample(public, min(corrections, len(public))):
        plans[i].corrected = True
        following = plans[i + 1].decided_at if i + 1 < len(plans) else END
        gap = max(1, int((following - plans[i].decided_at).total_seconds()) - 1)
        plans[i].correction_at = plans[i].decided_at + timedelta(seconds=rng.randint(1, gap))
    for plan, comments in zip(
        plans, _spread(count("comments", scale), decided, rng, 6), strict=True
    ):
        plan.comments = comments
    for plan, votes in zip(plans, _spread(count("votes", scale), decided, rng, 3), strict=True):
        plan.votes = votes

    writer = _Writer(rng=rng, data=data, orgs=orgs, chambers=chambers, bodies=bodies)
    writer.persons_by_org = persons_by_org
    writer.speakers = speakers
    for start in range(0, len(plans), CHUNK):
        writer.decided_chunk(plans[start : start + CHUNK])
    writer.open_consultations(max(1, round(decided * 0.01)))
    writer.action_items(count("action_items", scale))
    data.counts.update(writer.counts)


class _Writer:
    def __init__(
        self,
        *,
        rng: random.Random,
        data: BenchData,
        orgs: dict[int, _Org],
        chambers: dict[int, tuple[str, str, int]],
        bodies: list[tuple[Body, list[_Org]]],
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
            title=f"{title(rng)} in {rng.choice(_TOPICS)}",
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
        Comment.objects.bulk_create(tops, batch_size=BATCH)
        Comment.objects.bulk_create(replies, batch_size=BATCH)
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
        CommentResponse.objects.bulk_create(responses, batch_size=BATCH)
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

    def decided_chunk(self, plans: list[_Plan]) -> None:
        rng = self.rng
        made = [self._proposal(plan.decided_at, plan.public) for plan in plans]
        # The count first (it needs no ids), so each proposal is written with its result.
        counted = []
        for plan, (proposal, _, members) in zip(plans, made, strict=True):
            chamber_balanced = rng.random() < 0.6
            ballot = Ballot(
                proposal=proposal,
                method="chamber_balanced" if chamber_balanced else "one_member_one_vote",
                concurrent_majority=chamber_balanced and rng.random() < 0.2,
                secret=rng.random() < 0.1,
                opened_at=plan.decided_at - timedelta(days=14),
                closes_at=plan.decided_at,
                closed_at=plan.decided_at,
                created_at=plan.decided_at - timedelta(days=20),
            )
            eligible: dict[int, set[int]] = defaultdict(set)
            for org in members:
                eligible[org.chamber].add(org.pk)
            choices = {
                org.pk: rng.choices(["yes", "no", "abstain"], [0.68, 0.2, 0.12])[0]
                for org in rng.sample(members, min(plan.votes, len(members)))
            }
            result = tally(
                method=ballot.method,
                eligible=dict(eligible),
                votes=choices,
                quorum=ballot.quorum,
                threshold=ballot.threshold,
                concurrent_majority=ballot.concurrent_majority,
            )
            ballot.outcome = result.outcome
            proposal.status = result.outcome
            counted.append((ballot, result, eligible, choices))

        proposals = Proposal.objects.bulk_create([p for p, _, _ in made], batch_size=BATCH)
        self.counts["proposals"] += len(proposals)
        versions = self._versions(proposals)
        shown = self._consultations(proposals, versions, [p.comments for p in plans], open_=False)
        impact = self._assessments(proposals)

        ballots = [ballot for ballot, _, _, _ in counted]
        for ballot, version in zip(ballots, versions, strict=True):
            # bulk_create takes the proposal's new id from the related object (setting
            # proposal_id by hand would drop the cached proposal, and cost a query each).
            ballot.version = version
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        electors: list[BallotElector] = []
        votes: list[Vote] = []
        for (ballot, _, _, choices), (_, _, members) in zip(counted, made, strict=True):
            electors.extend(
                BallotElector(ballot=ballot, organisation_id=org.pk, chamber_id=org.chamber)
                for org in members
            )
            opened = ballot.opened_at
            assert opened is not None  # noqa: S101 (set above)
            votes.extend(
                Vote(
                    ballot=ballot,
                    organisation_id=org_id,
                    choice=choice,
                    reason=sentence(rng) if rng.random() < 0.2 else "",
                    cast_by_id=self.orgs[org_id].representative_user,
                    cast_at=opened + timedelta(seconds=rng.randrange(13 * 86400)),
                )
                for org_id, choice in choices.items()
            )
        BallotElector.objects.bulk_create(electors, batch_size=BATCH)
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        self.counts["ballots"] += len(ballots)
        self.counts["votes"] += len(votes)
        vote_rows: dict[int, dict[int, Vote]] = defaultdict(dict)
        for vote in votes:
            vote_rows[vote.ballot_id][vote.organisation_id] = vote
        results = [(result, eligible, choices) for _, result, eligible, choices in counted]

        entries, published, decisions = [], [], []
        for plan, ballot, (proposal, body, members), (result, eligible, _) in zip(
            plans, ballots, made, results, strict=True
        ):
            record, summary, rationale, effective = self._record(
                ballot=ballot,
                body=body,
                members=members,
                result=result,
                eligible=eligible,
                shown=shown[proposal.pk],
                impact=impact[proposal.pk],
                votes=vote_rows[ballot.pk],
            )
            entry = None
            if plan.public:
                entry = self._append(LogEntryKind.DECISION, plan.decided_at, record, None)
                entries.append(entry)
                row = PublishedDecision(
                    entry=entry,
                    latest_seq=entry.seq,
                    state=DecisionState.DECIDED,
                    title=proposal.title[:300],
                    proposal_id=proposal.pk,
                    body_slug=body.slug,
                    body_name=body.name,
                    outcome=result.outcome,
                    summary=summary,
                    rationale=rationale,
                    effective_date=effective,
                    decided_at=plan.decided_at,
                    objectives=[],
                    countries=list(record["countries"]),
                    materials=list(record["materials"]),
                    record=record,
                )
                published.append(row)
                if result.outcome == BallotOutcome.ADOPTED:
                    self.adopted.append((entry.seq, plan.decided_at))
                if plan.corrected:
                    assert plan.correction_at is not None  # noqa: S101 (planned with it)
                    new_summary = f"{summary} {sentence(rng)}"
                    correction = self._append(
                        LogEntryKind.CORRECTION,
                        plan.correction_at,
                        {
                            "decision_seq": entry.seq,
                            "reason": "An error of fact in the summary: " + sentence(rng),
                            "changes": {"summary": new_summary},
                        },
                        entry,
                    )
                    entries.append(correction)
                    row.latest_seq = correction.seq
                    row.state = DecisionState.CORRECTED
                    row.summary = new_summary
            decisions.append(
                Decision(
                    ballot=ballot,
                    proposal=proposal,
                    outcome=result.outcome,
                    summary=summary,
                    rationale=rationale,
                    effective_date=effective,
                    decided_at=plan.decided_at,
                    record=record,
                    log_entry=entry,
                )
            )
        DecisionLogEntry.objects.bulk_create(entries, batch_size=BATCH)
        PublishedDecision.objects.bulk_create(published, batch_size=BATCH)
        PublishedDecision.objects.filter(entry_id__in=[p.entry_id for p in published]).update(
            search=search_document()
        )
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        self.counts["decision_log_entries"] += len(entries)
        self.counts["decisions"] += len(decisions)

    def _append(
        self,
        kind: str,
        published_at: datetime,
        record: dict[str, Any],
        amends: DecisionLogEntry | None,
    ) -> DecisionLogEntry:
        """The next entry of the chain, hashed as ``decision_log_append`` hashes it."""
        self.seq += 1
        canonical = canonical_json(
            {
                "seq": self.seq,
                "kind": kind,
                "published_at": timestamp(published_at),
                "prev_hash": self.prev_hash,
                "amends": amends.seq if amends else None,
                "record": record,
            }
        )
        entry = DecisionLogEntry(
            seq=self.seq,
            kind=kind,
            published_at=published_at,
            canonical=canonical,
            prev_hash=self.prev_hash,
            hash=entry_hash(self.prev_hash, canonical),
            amends=amends,
        )
        self.prev_hash = entry.hash
        return entry

    def _record(
        self,
        *,
        ballot: Ballot,
        body: Body,
        members: list[_Org],
        result: TallyResult,
        eligible: dict[int, set[int]],
        shown: list[Comment],
        impact: dict[str, Any],
        votes: dict[int, Vote],
    ) -> tuple[dict[str, Any], str, str, Any]:
        """The decision record ``decision_record_build`` writes, with the closing service's
        summary and rationale."""
        proposal = ballot.proposal
        decided_at = ballot.closed_at
        assert decided_at is not None  # noqa: S101 (a closed ballot)
        rule = method_for(ballot.method)
        groups: list[tuple[int, GroupTally]]
        if rule.by_chamber:
            groups = [(int(g.group), g) for g in result.groups]  # type: ignore[call-overload]
        else:
            groups = []
            for chamber_id, ids in eligible.items():
                own = tally(
                    method=result.method,
                    eligible={chamber_id: ids},
                    votes={o: v.choice for o, v in votes.items()},
                    quorum=result.quorum,
                    threshold=result.threshold,
                )
                groups.append((chamber_id, own.groups[0]))

        def chamber_key(chamber_id: int) -> tuple[int, str]:
            return self.chambers[chamber_id][2], self.chambers[chamber_id][1]

        def chamber_ref(chamber_id: int) -> dict[str, str]:
            return {"slug": self.chambers[chamber_id][0], "name": self.chambers[chamber_id][1]}

        rows = [
            {"chamber": chamber_ref(chamber_id), **_figures(group, rule)}
            for chamber_id, group in sorted(groups, key=lambda item: chamber_key(item[0]))
        ]
        published_tally = public_tally(
            {
                "method": ballot.method,
                "quorum": fraction(Fraction(ballot.quorum)),
                "threshold": fraction(Fraction(ballot.threshold)),
                "concurrent_majority": ballot.concurrent_majority,
                "secret": ballot.secret,
                "decided_by": "chambers" if rule.by_chamber else "overall",
                "support": None if result.support is None else fraction(result.support),
                "support_withheld": False,
                "outcome": result.outcome,
                "chambers": rows,
                "overall": None if rule.by_chamber else _figures(result.groups[0], rule),
            }
        )
        electors = sorted(members, key=lambda o: (*chamber_key(o.chamber), o.name))
        summary = _summary(ballot, result.outcome)
        effective = (
            timezone.localdate(decided_at) if result.outcome == BallotOutcome.ADOPTED else None
        )
        record: dict[str, Any] = {
            "proposal": {"id": proposal.pk, "title": proposal.title},
            "body": {"slug": body.slug, "name": body.name},
            "outcome": result.outcome,
            "summary": summary,
            "rationale": "",
            "effective_date": effective.isoformat() if effective else None,
            "decided_at": timestamp(decided_at),
            "objectives": [],
            "countries": sorted(str(country.code) for country in proposal.countries),
            "materials": sorted(proposal.materials),
            "consultation": {
                "opened_at": timestamp(proposal.consultation_opened_at),  # type: ignore[arg-type]
                "closed_at": timestamp(proposal.consultation_closed_at),  # type: ignore[arg-type]
            },
            "ballot": {
                "id": ballot.pk,
                "method": ballot.method,
                "secret": ballot.secret,
                "opened_at": timestamp(ballot.opened_at),  # type: ignore[arg-type]
                "closes_at": timestamp(ballot.closes_at),  # type: ignore[arg-type]
                "closed_at": timestamp(decided_at),
                "closed_early_because": None,
            },
            "impact_assessment": impact,
            "consultation_responses": [self._response(c) for c in shown],
            "tally": published_tally,
            "electorate": [
                {
                    "organisation": {"slug": o.slug, "name": o.name},
                    "chamber": self.chambers[o.chamber][0],
                    "recused": False,
                }
                for o in electors
            ],
            "conflict_declarations": [],
            "version": {"number": 1, "sha256": ballot.version.sha256},  # type: ignore[union-attr]
        }
        if not ballot.secret:
            record["roll_call"] = [
                {
                    "organisation": {"slug": o.slug, "name": o.name},
                    "chamber": self.chambers[o.chamber][0],
                    "recused": False,
                    "choice": votes[o.pk].choice if o.pk in votes else None,
                    "reason": votes[o.pk].reason if o.pk in votes else "",
                }
                for o in electors
            ]
        # The closing service's words for how the count went (and, when adopted, why).
        rationale = " ".join(rule.rationale(result, published_tally))
        if result.outcome == BallotOutcome.ADOPTED:
            rationale += f"\n\nWhy this option (from the impact assessment): {impact['rationale']}"
        record["rationale"] = rationale
        return record, summary, rationale, effective

    def _response(self, comment: Comment) -> dict[str, Any]:
        response = getattr(comment, "response_row", None)
        organisation = self.orgs.get(comment.organisation_id) if comment.organisation_id else None
        return {
            "comment": comment.pk,
            "paragraph": comment.paragraph,
            "speaker": {
                "kind": comment.author_kind,
                "organisation": {"slug": organisation.slug, "name": organisation.name}
                if organisation
                else None,
                "group": None,
                "channel": comment.channel,
            },
            "said": comment.text,
            "outcome": response.outcome if response else None,
            "response": response.reason if response else None,
        }

    # --- what is still open, and what follows decisions ----------------------------------------

    def open_consultations(self, how_many: int) -> None:
        """A few proposals still in consultation (no ballot yet), some comments answered."""
        made = [self._proposal(None, self.rng.random() < 0.85) for _ in range(how_many)]
        proposals = Proposal.objects.bulk_create([p for p, _, _ in made], batch_size=BATCH)
        self.counts["proposals"] += len(proposals)
        self.counts["open_consultations"] += len(proposals)
        versions = self._versions(proposals)
        self._consultations(proposals, versions, [self.rng.randint(2, 12) for _ in proposals], True)

    def action_items(self, how_many: int) -> None:
        rng = self.rng
        if not self.adopted:
            return
        owners = list(self.orgs.values())
        rows = []
        for _ in range(how_many):
            seq, decided_at = rng.choice(self.adopted)
            owner = rng.choice(owners)
            created = decided_at + timedelta(days=rng.randint(1, 30))
            due = day(rng, created.date() + timedelta(days=30), 700)
            status = rng.choices(ActionStatus.values, [0.25, 0.35, 0.3, 0.05, 0.05])[0]
            started = (
                created + timedelta(days=rng.randint(1, 60))
                if status in (ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.BLOCKED)
                else None
            )
            people = self.persons_by_org.get(owner.pk, [])
            rows.append(
                ActionItem(
                    decision_id=seq,
                    title=f"{title(rng)}: {rng.choice(_TOPICS)}",
                    description=sentences(rng, 1, 3),
                    owner_id=owner.pk,
                    responsible_id=rng.choice(people) if people and rng.random() < 0.7 else None,
                    countries=sorted(rng.sample(COUNTRIES, rng.randint(0, 2))),
                    due_date=due,
                    original_due_date=due,
                    status=status,
                    status_reason=sentence(rng)
                    if status in (ActionStatus.BLOCKED, ActionStatus.CANCELLED)
                    else "",
                    progress_mode=ProgressMode.PERCENT,
                    percent=100
                    if status == ActionStatus.DONE
                    else rng.randint(5, 90)
                    if started
                    else 0,
                    disclosure=rng.choices(
                        [
                            DisclosureLevel.PUBLIC,
                            DisclosureLevel.MEMBERS,
                            DisclosureLevel.SECRETARIAT,
                        ],
                        [0.85, 0.1, 0.05],
                    )[0],
                    created_at=created,
                    started_at=started,
                    done_at=started + timedelta(days=rng.randint(10, 200))
                    if started and status == ActionStatus.DONE
                    else None,
                )
            )
        ActionItem.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["action_items"] += len(rows)
