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
from datetime import timedelta

from alliance_portal.bench import (
    BATCH,
    END,
    SLUG_PREFIX,
    START,
    BenchData,
    count,
    day,
    sentence,
    sentences,
    title,
)
from alliance_portal.disclosure import DisclosureLevel
from governance.actions.models import ActionItem, ActionStatus, ProgressMode
from governance.bench_consultations import CHUNK, TOPICS, OrgRef, Plan, spread
from governance.bench_decisions import Decisions
from governance.bodies.models import Body, BodyKind, BodySeat, Constitution, Electorate, SeatHolder
from members.bench import COUNTRIES
from members.models import MembershipStatus


def _bodies(
    rng: random.Random, data: BenchData, orgs: dict[int, OrgRef]
) -> list[tuple[Body, list]]:
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
            name=f"Working group {i + 1} on {TOPICS[i % len(TOPICS)]} (benchmark)",
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
    by_chamber: dict[int, list[OrgRef]] = defaultdict(list)
    for org in orgs.values():
        by_chamber[org.chamber].append(org)
    seats: list[BodySeat] = []
    holders: list[SeatHolder] = []
    result: list[tuple[Body, list[OrgRef]]] = []
    for body in bodies[1:]:
        members: list[OrgRef] = []
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
        pk: OrgRef(pk, slug, name, chamber, representatives.get(pk))
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
    plans = [Plan(decided_at=moment, public=rng.random() < 0.85) for moment in times]
    public = [i for i, plan in enumerate(plans) if plan.public]
    corrections = max(0, count("decision_log_entries", scale) - len(public))
    for i in rng.sample(public, min(corrections, len(public))):
        plans[i].corrected = True
        following = plans[i + 1].decided_at if i + 1 < len(plans) else END
        gap = max(1, int((following - plans[i].decided_at).total_seconds()) - 1)
        plans[i].correction_at = plans[i].decided_at + timedelta(seconds=rng.randint(1, gap))
    for plan, comments in zip(
        plans, spread(count("comments", scale), decided, rng, 6), strict=True
    ):
        plan.comments = comments
    for plan, votes in zip(plans, spread(count("votes", scale), decided, rng, 3), strict=True):
        plan.votes = votes

    writer = Decisions(rng=rng, data=data, orgs=orgs, chambers=chambers, bodies=bodies)
    writer.persons_by_org = persons_by_org
    writer.speakers = speakers
    for start in range(0, len(plans), CHUNK):
        writer.decided_chunk(plans[start : start + CHUNK])
    writer.open_consultations(max(1, round(decided * 0.01)))
    _action_items(writer, count("action_items", scale))
    data.counts.update(writer.counts)


def _action_items(writer: Decisions, how_many: int) -> None:
    """Action items after adopted public decisions, owned by active members."""
    rng = writer.rng
    if not writer.adopted:
        return
    owners = list(writer.orgs.values())
    rows = []
    for _ in range(how_many):
        seq, decided_at = rng.choice(writer.adopted)
        owner = rng.choice(owners)
        created = decided_at + timedelta(days=rng.randint(1, 30))
        due = day(rng, created.date() + timedelta(days=30), 700)
        status = rng.choices(ActionStatus.values, [0.25, 0.35, 0.3, 0.05, 0.05])[0]
        started = (
            created + timedelta(days=rng.randint(1, 60))
            if status in (ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.BLOCKED)
            else None
        )
        people = writer.persons_by_org.get(owner.pk, [])
        rows.append(
            ActionItem(
                decision_id=seq,
                title=f"{title(rng)}: {rng.choice(TOPICS)}",
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
    writer.counts["action_items"] += len(rows)
