"""Reads about ballots, votes, conflicts of interest and decisions.

Two rules hold for everything here. A secret ballot's individual choices are read only by
``ballot_tally`` (to count them) and never returned: not to the organisation that cast them,
not to the secretariat. Published records name organisations, never people, and hold no
floats (fractions as ``{"num", "den"}``, amounts as decimal strings, times as
``YYYY-MM-DDTHH:MM:SSZ``), so the public decision log can hash them as they are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.roles import Role
from governance.ballots.models import (
    DISSENTING_CHOICES,
    Ballot,
    BallotElector,
    BallotMethod,
    BallotOutcome,
    ConflictDeclaration,
    Decision,
    DissentingStatement,
    Endorsement,
    InterestDeclaration,
    ReviewerStatement,
    Vote,
)
from governance.consultations.selectors import response_table
from governance.proposals.models import Proposal
from governance.proposals.selectors import impact_assessment_of
from governance.tally import GroupTally, Method, TallyResult, tally
from members.models import Chamber, Organisation, Person

# Below this many organisations casting, a secret ballot's chamber shows no figures (item 5).
SECRET_MINIMUM_CAST = 3
# How long after a decision a dissenting statement may be attached.
DISSENT_DAYS = 14
REVIEWER = "civil-society reviewer"


# --- small formatting helpers for published records --------------------------------------------


def timestamp(moment: datetime) -> str:
    """UTC, whole seconds: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fraction(value: Fraction) -> dict[str, int]:
    return {"num": value.numerator, "den": value.denominator}


def organisation_ref(organisation: Organisation) -> dict[str, str]:
    return {"slug": organisation.slug, "name": organisation.name}


def chamber_ref(chamber: Chamber) -> dict[str, str]:
    return {"slug": chamber.slug, "name": chamber.name}


# --- ballots ------------------------------------------------------------------------------------


def ballot_of(*, proposal: Proposal) -> Ballot | None:
    """The proposal's ballot (set up, open or closed), or None."""
    return Ballot.objects.filter(proposal=proposal).select_related("proposal__body").first()


def ballot_get(*, user: Any, pk: int) -> Ballot:
    """One ballot this user may see (the proposal's disclosure decides); 404 otherwise, or a
    request to sign in for an anonymous visitor."""
    queryset = Ballot.objects.select_related("proposal__body")
    return policy.get_visible_or_404(user, queryset, pk=pk)


def ballot_list(
    *, user: Any, state: str | None = None, body: str | None = None
) -> QuerySet[Ballot]:
    """Ballots this user may see: ``state`` ``scheduled`` (set up, not open), ``open`` or
    ``closed``; ``body`` a body slug. Open ones first (closing soonest), then the rest, newest
    first. One query for any number of ballots (proposal and body loaded)."""
    queryset = Ballot.objects.filter(proposal__in=_visible_proposals(user)).select_related(
        "proposal__body"
    )
    if state == "scheduled":
        queryset = queryset.filter(opened_at__isnull=True)
    elif state == "open":
        queryset = queryset.filter(opened_at__isnull=False, closed_at__isnull=True)
    elif state == "closed":
        queryset = queryset.filter(closed_at__isnull=False)
    if body:
        queryset = queryset.filter(proposal__body__slug=body)
    return queryset.order_by("closed_at", "closes_at", "-opened_at", "-pk")


def _visible_proposals(user: Any) -> QuerySet[Proposal, Any]:
    """The proposals this user may see, as a subquery: a ballot, a decision and what is said
    about it are read by whoever may read their proposal (the access policy's rule)."""
    return policy.visible(user, Proposal.objects.all()).values("pk")


def electorate(*, ballot: Ballot) -> dict[int, set[int]]:
    """Chamber id → ids of the organisations of that chamber in the ballot's electorate (taken
    when it opened), before recusals. One query."""
    chambers: dict[int, set[int]] = defaultdict(set)
    for chamber_id, organisation_id in BallotElector.objects.filter(ballot=ballot).values_list(
        "chamber_id", "organisation_id"
    ):
        chambers[chamber_id].add(organisation_id)
    return dict(chambers)


def recused_ids(*, ballot: Ballot) -> set[int]:
    """Organisations recused from the ballot: they declared a conflict of interest and the
    secretariat recorded no exemption. One query."""
    return set(
        ConflictDeclaration.objects.filter(
            ballot=ballot, has_conflict=True, exemption__isnull=True
        ).values_list("organisation_id", flat=True)
    )


def ballot_tally(*, ballot: Ballot) -> TallyResult:
    """The ballot's result computed from the stored votes by ``governance.tally.tally``, the
    one implementation of the rules: E_c is the electorate of chamber c minus the recused
    organisations. Three queries. While the ballot is open this is the count so far (for the
    close only: never shown while the ballot runs)."""
    method: Method = ballot.method  # type: ignore[assignment]
    votes = dict(Vote.objects.filter(ballot=ballot).values_list("organisation_id", "choice"))
    return tally(
        method=method,
        eligible=electorate(ballot=ballot),
        votes=votes,
        recused=recused_ids(ballot=ballot),
        quorum=ballot.quorum,
        threshold=ballot.threshold,
        concurrent_majority=ballot.concurrent_majority,
    )


@dataclass(frozen=True)
class VoterStatus:
    """Where one organisation stands in a ballot. ``vote`` is its vote when the ballot is a
    roll-call; for a secret ballot only ``voted_at`` is known here, never the choice."""

    organisation: Organisation | None
    is_elector: bool
    declaration: ConflictDeclaration | None
    is_recused: bool
    vote: Vote | None
    voted_at: datetime | None

    @property
    def has_declared(self) -> bool:
        return self.declaration is not None


def voter_status(*, ballot: Ballot, organisation: Organisation | None) -> VoterStatus:
    """The organisation's place in the ballot: in the electorate or not, its conflict
    declaration (with any exemption), whether it is recused, and its vote. Three queries."""
    if organisation is None:
        return VoterStatus(None, False, None, False, None, None)
    is_elector = BallotElector.objects.filter(ballot=ballot, organisation=organisation).exists()
    declaration = (
        ConflictDeclaration.objects.filter(ballot=ballot, organisation=organisation)
        .select_related("exemption")
        .first()
    )
    recused = bool(
        declaration is not None
        and declaration.has_conflict
        and not hasattr(declaration, "exemption")
    )
    if ballot.secret:
        voted_at = (
            Vote.objects.filter(ballot=ballot, organisation=organisation)
            .values_list("cast_at", flat=True)
            .first()
        )
        return VoterStatus(organisation, is_elector, declaration, recused, None, voted_at)
    vote = Vote.objects.filter(ballot=ballot, organisation=organisation).first()
    return VoterStatus(
        organisation, is_elector, declaration, recused, vote, vote.cast_at if vote else None
    )


@dataclass(frozen=True)
class VoteRow:
    """A vote as a reader may see it; ``choice`` and ``reason`` are None for a secret ballot."""

    organisation: Organisation
    chamber: Chamber | None
    choice: str | None
    reason: str | None
    cast_at: datetime


def votes_visible_to(*, user: Any, ballot: Ballot) -> list[VoteRow]:
    """The votes this reader may see (the caller has checked they may see the ballot):
    after a roll-call ballot closed, every vote (the roll-call); otherwise only the reader's
    own organisation's vote. A secret ballot's choices are never returned, to anyone: the own
    organisation learns only that, and when, its vote was recorded. Two queries."""
    who = policy.principal(user)
    votes = Vote.objects.filter(ballot=ballot).select_related("organisation")
    roll_call = ballot.closed_at is not None and not ballot.secret
    if not roll_call:
        if who.organisation_id is None or who.role not in (
            Role.MEMBER,
            Role.ORGANISATION_REPRESENTATIVE,
        ):
            return []
        votes = votes.filter(organisation_id=who.organisation_id)
    chambers = {
        elector.organisation_id: elector.chamber
        for elector in BallotElector.objects.filter(ballot=ballot).select_related("chamber")
    }
    rows = []
    for vote in votes.order_by("organisation__name"):
        secret = ballot.secret
        rows.append(
            VoteRow(
                organisation=vote.organisation,
                chamber=chambers.get(vote.organisation_id),
                choice=None if secret else vote.choice,
                reason=None if secret else vote.reason,
                cast_at=vote.cast_at,
            )
        )
    return rows


def declaration_list(*, ballot: Ballot) -> QuerySet[ConflictDeclaration]:
    """The ballot's conflict-of-interest declarations, with organisation, chamber and any
    exemption loaded, by organisation name. Public with the ballot: they name organisations,
    not the people who declared. One query."""
    return (
        ConflictDeclaration.objects.filter(ballot=ballot)
        .select_related("organisation__chamber", "exemption", "ballot__proposal")
        .order_by("organisation__name")
    )


@dataclass(frozen=True)
class ElectorRow:
    """An organisation of the electorate for the secretariat's view of a running ballot:
    whether it has declared, is recused and has voted (never how)."""

    elector: BallotElector
    declaration: ConflictDeclaration | None
    recused: bool
    voted: bool


def ballot_turnout(*, ballot: Ballot) -> list[ElectorRow]:
    """Every organisation of the electorate, in chamber order, with its declaration and
    whether it voted: for the secretariat while the ballot runs (who still has to declare
    or vote). Never a choice. Three queries."""
    declarations = {
        d.organisation_id: d
        for d in ConflictDeclaration.objects.filter(ballot=ballot).select_related("exemption")
    }
    voted = set(Vote.objects.filter(ballot=ballot).values_list("organisation_id", flat=True))
    rows = []
    for elector in BallotElector.objects.filter(ballot=ballot).select_related(
        "organisation", "chamber"
    ):
        declaration = declarations.get(elector.organisation_id)
        recused = bool(
            declaration and declaration.has_conflict and not hasattr(declaration, "exemption")
        )
        rows.append(ElectorRow(elector, declaration, recused, elector.organisation_id in voted))
    return rows


# --- the decision record ------------------------------------------------------------------------


def _supported(group: GroupTally, method: str) -> bool:
    if method == BallotMethod.CONSENT:
        return group.takes_part and group.objections == 0
    return group.share > Fraction(1, 2)


def _figures(group: GroupTally, method: str, *, withheld: bool) -> dict[str, Any]:
    """One group's published figures. ``eligible`` is |E_c| (the electorate minus the recused
    organisations), ``electorate`` counts them all. In a consent ballot ``yes`` counts the
    consents. Withheld figures (a secret ballot's chamber where fewer than three cast) are
    null, leaving whether the chamber met quorum and supported."""
    row: dict[str, Any] = {
        "takes_part": group.takes_part,
        "electorate": group.eligible + group.recused,
        "eligible": group.eligible,
        "recused": group.recused,
        "quorum_needed": group.quorum_needed,
        "quorum_met": group.quorum_met,
        "supported": _supported(group, method),
        "figures_withheld": withheld,
    }
    counts = {
        "cast": group.cast,
        "yes": group.yes,
        "no": group.no,
        "abstain": group.abstain,
        "object": group.objections,
        "share": fraction(group.share),
    }
    row.update(dict.fromkeys(counts) if withheld else counts)
    return row


def _chamber_groups(ballot: Ballot, result: TallyResult) -> list[tuple[int, GroupTally]]:
    """Each chamber's group: the result's own groups in a chamber-balanced ballot; otherwise
    the same count made chamber by chamber (participation figures, not what decided)."""
    if ballot.method == BallotMethod.CHAMBER_BALANCED:
        return [(int(group.group), group) for group in result.groups]  # type: ignore[call-overload]
    eligible = electorate(ballot=ballot)
    recused = recused_ids(ballot=ballot)
    votes = dict(Vote.objects.filter(ballot=ballot).values_list("organisation_id", "choice"))
    rows = []
    for chamber_id, members in eligible.items():
        per_chamber = tally(
            method=result.method,
            eligible={chamber_id: members},
            votes=votes,
            recused=recused,
            quorum=result.quorum,
            threshold=result.threshold,
        )
        rows.append((chamber_id, per_chamber.groups[0]))
    return rows


def tally_record(*, ballot: Ballot, result: TallyResult) -> dict[str, Any]:
    """The published tally: method, quorum, threshold, concurrent majority, support, and
    per chamber electorate, eligible, recused, cast, yes, no, abstain, objections, share,
    quorum needed and met, and whether it supported. In a secret ballot a chamber where fewer
    than three organisations cast shows only whether it met quorum and supported; the overall
    figures and the mean support are then withheld too, since they would give the hidden
    chamber's figures away by subtraction."""
    chambers = {c.pk: c for c in Chamber.objects.filter(pk__in=electorate(ballot=ballot))}
    rows = []
    any_withheld = False
    for chamber_id, group in sorted(
        _chamber_groups(ballot, result),
        key=lambda item: (chambers[item[0]].order, chambers[item[0]].name),
    ):
        withheld = ballot.secret and group.cast < SECRET_MINIMUM_CAST
        any_withheld = any_withheld or (withheld and group.takes_part)
        rows.append(
            {
                "chamber": chamber_ref(chambers[chamber_id]),
                **_figures(group, ballot.method, withheld=withheld),
            }
        )
    overall = None
    if ballot.method != BallotMethod.CHAMBER_BALANCED:
        group = result.groups[0]
        hide = ballot.secret and (any_withheld or group.cast < SECRET_MINIMUM_CAST)
        overall = _figures(group, ballot.method, withheld=hide)
        any_withheld = any_withheld or hide
    support_withheld = ballot.secret and any_withheld
    return {
        "method": ballot.method,
        "quorum": fraction(ballot.quorum),
        "threshold": fraction(ballot.threshold),
        "concurrent_majority": ballot.concurrent_majority,
        "secret": ballot.secret,
        "decided_by": "chambers" if ballot.method == BallotMethod.CHAMBER_BALANCED else "overall",
        "support": None if result.support is None or support_withheld else fraction(result.support),
        "support_withheld": support_withheld,
        "outcome": result.outcome,
        "chambers": rows,
        "overall": overall,
    }


def _impact_record(proposal: Proposal) -> dict[str, Any] | None:
    assessment = impact_assessment_of(proposal=proposal)
    if assessment is None:
        return None
    return {
        "options": [
            {"title": o.title, "description": o.description, "chosen": o.is_chosen}
            for o in assessment.options.all()
        ],
        "rationale": assessment.rationale,
        "trade_offs": assessment.trade_offs,
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
            for c in assessment.costs.all()
        ],
    }


def _responses_record(proposal: Proposal) -> list[dict[str, Any]]:
    rows = []
    for comment in response_table(proposal=proposal):
        response = getattr(comment, "response", None)
        rows.append(
            {
                "comment": comment.pk,
                "paragraph": comment.paragraph,
                "speaker": {
                    "kind": comment.author_kind,
                    "organisation": organisation_ref(comment.organisation)
                    if comment.organisation
                    else None,
                },
                "said": comment.text,
                "outcome": response.outcome if response else None,
                "response": response.reason if response else None,
            }
        )
    return rows


def _electors(ballot: Ballot) -> list[BallotElector]:
    return list(
        BallotElector.objects.filter(ballot=ballot)
        .select_related("organisation", "chamber")
        .order_by("chamber__order", "chamber__name", "organisation__name")
    )


def decision_record_build(
    *,
    ballot: Ballot,
    result: TallyResult,
    decided_at: datetime,
    summary: str,
    rationale: str,
    effective_date: date | None,
) -> dict[str, Any]:
    """The decision's full public record, built once when the ballot closes and then kept
    frozen on the ``Decision``: the proposal, body, outcome, summary, rationale, effective
    date, objectives, countries, materials, the ballot's rules and times, the impact
    assessment, the consultation's "you said, we did" table, the tally, the electorate, the
    roll-call (not for a secret ballot) and the conflict declarations. Names organisations,
    never people; holds no floats."""
    proposal = ballot.proposal
    recused = recused_ids(ballot=ballot)
    electors = _electors(ballot)
    record: dict[str, Any] = {
        "proposal": {"id": proposal.pk, "title": proposal.title},
        "body": {"slug": proposal.body.slug, "name": proposal.body.name},
        "outcome": result.outcome,
        "summary": summary,
        "rationale": rationale,
        "effective_date": effective_date.isoformat() if effective_date else None,
        "decided_at": timestamp(decided_at),
        "objectives": sorted(proposal.objectives.values_list("slug", flat=True)),
        "countries": sorted(str(country.code) for country in proposal.countries),
        "materials": sorted(proposal.materials),
        "consultation": {
            "opened_at": timestamp(proposal.consultation_opened_at)
            if proposal.consultation_opened_at
            else None,
            "closed_at": timestamp(proposal.consultation_closed_at)
            if proposal.consultation_closed_at
            else None,
        },
        "ballot": {
            "id": ballot.pk,
            "method": ballot.method,
            "secret": ballot.secret,
            "opened_at": timestamp(ballot.opened_at) if ballot.opened_at else None,
            "closes_at": timestamp(ballot.closes_at) if ballot.closes_at else None,
            "closed_at": timestamp(decided_at),
            "closed_early_because": ballot.close_reason or None,
        },
        "impact_assessment": _impact_record(proposal),
        "consultation_responses": _responses_record(proposal),
        "tally": tally_record(ballot=ballot, result=result),
        "electorate": [
            {
                "organisation": organisation_ref(e.organisation),
                "chamber": e.chamber.slug,
                "recused": e.organisation_id in recused,
            }
            for e in electors
        ],
        "conflict_declarations": [
            {
                "organisation": organisation_ref(d.organisation),
                "chamber": d.organisation.chamber.slug,
                "conflict": d.has_conflict,
                "nature": d.nature,
                "recused": d.organisation_id in recused,
                "exemption": {"reason": d.exemption.reason} if hasattr(d, "exemption") else None,
                "declared_at": timestamp(d.declared_at),
            }
            for d in declaration_list(ballot=ballot)
        ],
    }
    if not ballot.secret:
        votes = {v.organisation_id: v for v in Vote.objects.filter(ballot=ballot)}
        record["roll_call"] = [
            {
                "organisation": organisation_ref(e.organisation),
                "chamber": e.chamber.slug,
                "recused": e.organisation_id in recused,
                "choice": votes[e.organisation_id].choice if e.organisation_id in votes else None,
                "reason": votes[e.organisation_id].reason if e.organisation_id in votes else "",
            }
            for e in electors
        ]
    return record


def decision_public_record(decision: Decision) -> dict[str, Any]:
    """The decision's public record: what the members' decision page shows and what the public
    decision log publishes, the same frozen content for both."""
    return dict(decision.record)


def decision_of(*, proposal: Proposal) -> Decision | None:
    return Decision.objects.filter(proposal=proposal).select_related("log_entry").first()


def dissent_public_record(dissent: DissentingStatement, decision_seq: int) -> dict[str, Any]:
    """The public record of a dissenting statement (names the organisation)."""
    return {
        "decision_seq": decision_seq,
        "proposal": {"id": dissent.decision.proposal_id},
        "organisation": organisation_ref(dissent.organisation),
        "text": dissent.text,
        "filed_at": timestamp(dissent.filed_at),
    }


def reviewer_statement_public_record(
    statement: ReviewerStatement, decision_seq: int
) -> dict[str, Any]:
    """The public record of a reviewer statement: "a civil-society reviewer", not a person."""
    return {
        "decision_seq": decision_seq,
        "proposal": {"id": statement.decision.proposal_id},
        "author": REVIEWER,
        "text": statement.text,
        "filed_at": timestamp(statement.filed_at),
    }


def endorsement_public_record(endorsement: Endorsement, decision_seq: int) -> dict[str, Any]:
    """The public record of an endorsement, with its evidence."""
    return {
        "decision_seq": decision_seq,
        "proposal": {"id": endorsement.decision.proposal_id},
        "endorser": {
            "name": endorsement.endorser_name,
            "kind": endorsement.endorser_kind,
            "country": str(endorsement.country.code) if endorsement.country else None,
            "organisation": organisation_ref(endorsement.organisation)
            if endorsement.organisation
            else None,
        },
        "organisation": {"slug": None, "name": endorsement.endorser_name}
        if endorsement.organisation is None
        else organisation_ref(endorsement.organisation),
        "text": endorsement.statement,
        "endorsed_on": endorsement.endorsed_on.isoformat(),
        "evidence": {"url": endorsement.evidence_url, "note": endorsement.evidence_note},
    }


def dissent_deadline(decision: Decision) -> datetime:
    return decision.decided_at + timedelta(days=DISSENT_DAYS)


def may_dissent(*, decision: Decision, organisation_id: int | None, now: datetime) -> bool:
    """True when the organisation may still attach a dissenting statement: a roll-call
    ballot, within 14 days, it voted no or objected (and was not recused), none filed yet."""
    if organisation_id is None or decision.ballot.secret or now > dissent_deadline(decision):
        return False
    if DissentingStatement.objects.filter(
        decision=decision, organisation_id=organisation_id
    ).exists():
        return False
    return bool(
        Vote.objects.filter(
            ballot_id=decision.ballot_id,
            organisation_id=organisation_id,
            choice__in=DISSENTING_CHOICES,
        ).exists()
        and organisation_id not in recused_ids(ballot=decision.ballot)
    )


@dataclass
class DecisionView:
    """A decision with what was said about it, for its page and the API."""

    decision: Decision
    record: dict[str, Any]
    dissents: list[DissentingStatement]
    reviewer_statements: list[ReviewerStatement]
    endorsements: list[Endorsement]


def decision_view(*, decision: Decision) -> DecisionView:
    """The decision's public record with its dissenting statements, reviewer statements and
    endorsements (oldest first). Four queries."""
    return DecisionView(
        decision=decision,
        record=decision_public_record(decision),
        dissents=list(decision.dissents.select_related("organisation", "log_entry")),
        reviewer_statements=list(decision.reviewer_statements.select_related("log_entry")),
        endorsements=list(decision.endorsements.select_related("organisation", "log_entry")),
    )


def decision_list(*, user: Any) -> QuerySet[Decision]:
    """Decisions this user may see, newest first, with proposal and body loaded and the number
    of endorsements counted. One query."""
    return (
        Decision.objects.filter(proposal__in=_visible_proposals(user))
        .select_related("proposal__body", "log_entry")
        .annotate(endorsement_count=Count("endorsements"))
        .order_by("-decided_at", "-pk")
    )


# --- the register of interests ------------------------------------------------------------------


def interest_register(
    *, organisation: str | None = None, current_only: bool = False
) -> QuerySet[InterestDeclaration]:
    """The standing register of interests (public): every declared interest, current and
    ended, by organisation name, newest first; ``organisation`` a slug. One query."""
    queryset = InterestDeclaration.objects.select_related("organisation__chamber")
    if organisation:
        queryset = queryset.filter(organisation__slug=organisation)
    if current_only:
        queryset = queryset.filter(ended_at__isnull=True)
    return queryset.order_by("organisation__name", "ended_at", "-declared_at", "-pk")


def declarer_names(*, user: Any, interests: list[InterestDeclaration]) -> dict[int, str]:
    """Who declared each interest, as this reader may see it (interest id → display name):
    named only when the access policy lets the reader see that person. One query."""
    user_ids = {i.declared_by_id for i in interests if i.declared_by_id}
    if not user_ids:
        return {}
    people = {
        person.user_id: person.user.display_name
        for person in policy.visible(
            user, Person.objects.filter(user_id__in=user_ids)
        ).select_related("user")
    }
    return {
        i.pk: people[i.declared_by_id]
        for i in interests
        if i.declared_by_id is not None and i.declared_by_id in people
    }


# --- dashboard ----------------------------------------------------------------------------------


@dataclass
class BallotDashboard:
    decisions_by_outcome: list[tuple[str, str, int]]  # (outcome, label, number)
    endorsements: int
    endorsed_decisions: int


def ballot_dashboard(*, user: Any) -> BallotDashboard:
    """How many decisions this user may see per outcome, and the endorsements of those
    decisions by governments and public bodies (how many, and of how many decisions). One
    query."""
    rows = (
        Decision.objects.filter(proposal__in=_visible_proposals(user))
        .order_by()
        .values("outcome")
        .annotate(
            decided=Count("pk", distinct=True),
            endorsement_total=Count("endorsements"),
            endorsed_total=Count("endorsements__decision", distinct=True),
        )
    )
    counts = {row["outcome"]: row for row in rows}
    return BallotDashboard(
        decisions_by_outcome=[
            (
                outcome.value,
                outcome.label,
                counts[outcome.value]["decided"] if outcome in counts else 0,
            )
            for outcome in BallotOutcome
            if outcome != BallotOutcome.CANCELLED
        ],
        endorsements=sum(row["endorsement_total"] for row in counts.values()),
        endorsed_decisions=sum(row["endorsed_total"] for row in counts.values()),
    )


def ballots_needing(*, user: Any) -> list[Ballot]:
    """Open ballots where this representative's organisation is in the electorate and has not
    voted and is not recused (for "needs my action"). One query."""
    who = policy.principal(user)
    if who.role != Role.ORGANISATION_REPRESENTATIVE or who.organisation_id is None:
        return []
    return list(
        ballot_list(user=user, state="open")
        .filter(electors__organisation_id=who.organisation_id, closes_at__gt=timezone.now())
        .exclude(
            Q(votes__organisation_id=who.organisation_id)
            | Q(
                declarations__organisation_id=who.organisation_id,
                declarations__has_conflict=True,
            )
        )
        .distinct()
    )
