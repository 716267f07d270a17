"""Benchmark data of governance, part 2: ballots, votes, decisions and the public decision
log (see ``governance.bench``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from django.utils import timezone

from alliance_portal.bench import (
    BATCH,
    sentence,
)
from governance.ballots.methods import method_for
from governance.ballots.models import Ballot, BallotElector, BallotOutcome, Decision, Vote
from governance.ballots.secrecy import public_tally
from governance.ballots.selectors.ballots import fraction, timestamp
from governance.ballots.selectors.records import _figures
from governance.ballots.services.closing import _summary
from governance.bench_consultations import Consultations, OrgRef, Plan
from governance.bodies.models import Body
from governance.consultations.models import Comment
from governance.decision_log import merkle
from governance.decision_log.canonical import canonical_json, entry_hash
from governance.decision_log.models import (
    DecisionLogEntry,
    DecisionState,
    LogEntryKind,
    PublishedDecision,
)
from governance.decision_log.services import search_document
from governance.proposals.models import (
    Proposal,
)
from governance.tally import GroupTally, TallyResult, tally


class Decisions(Consultations):
    """Adds closed ballots, votes, decisions and their log entries, a chunk at a time."""

    def decided_chunk(self, plans: list[Plan]) -> None:
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
        if entries:  # their leaves in the log's Merkle tree, as decision_log_append stores them
            entries.sort(key=lambda entry: entry.seq)
            merkle.store_leaves(
                first=entries[0].seq - 1,
                leaves=[entry.canonical.encode("utf-8") for entry in entries],
            )
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
        members: list[OrgRef],
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
