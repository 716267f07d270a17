"""The decision record: what a decision is published with (tally, impact, responses, electors)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from governance.ballots.methods import Method
from governance.ballots.models import (
    Ballot,
    BallotElector,
    Vote,
)
from governance.ballots.secrecy import public_tally
from governance.ballots.selectors.ballots import (
    chamber_ref,
    declaration_list,
    electorate,
    fraction,
    organisation_ref,
    recused_ids,
    timestamp,
)
from governance.consultations.selectors import response_table
from governance.proposals.models import Proposal
from governance.proposals.selectors import impact_assessment_of
from governance.tally import GroupTally, TallyResult, tally
from members.models import Chamber

# --- the decision record ------------------------------------------------------------------------


def _figures(group: GroupTally, method: Method) -> dict[str, Any]:
    """One group's figures in full. ``eligible`` is |E_c| (the electorate minus the recused
    organisations), ``electorate`` counts them all. In a consent ballot ``yes`` counts the
    consents. What a secret ballot withholds is decided afterwards, for the whole tally, by
    ``secrecy.public_tally``."""
    return {
        "takes_part": group.takes_part,
        "electorate": group.eligible + group.recused,
        "eligible": group.eligible,
        "recused": group.recused,
        "quorum_needed": group.quorum_needed,
        "quorum_met": group.quorum_met,
        "supported": method.supported(group),
        "figures_withheld": False,
        "cast": group.cast,
        "yes": group.yes,
        "no": group.no,
        "abstain": group.abstain,
        "object": group.objections,
        "share": fraction(group.share),
    }


def _chamber_groups(ballot: Ballot, result: TallyResult) -> list[tuple[int, GroupTally]]:
    """Each chamber's group: the result's own groups in a chamber-balanced ballot; otherwise
    the same count made chamber by chamber (participation figures, not what decided)."""
    if ballot.rule.by_chamber:
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
    quorum needed and met, and whether it supported. In a secret ballot ``public_tally`` (the
    method's ``withholds_figures``) withholds a chamber's counts when fewer than three organisations cast or
    one choice holds every vote cast (then only whether it met quorum and supported shows),
    and the overall figures and the support with it (they would give it away by
    subtraction)."""
    chambers = {c.pk: c for c in Chamber.objects.filter(pk__in=electorate(ballot=ballot))}
    rows = [
        {"chamber": chamber_ref(chambers[chamber_id]), **_figures(group, ballot.rule)}
        for chamber_id, group in sorted(
            _chamber_groups(ballot, result),
            key=lambda item: (chambers[item[0]].order, chambers[item[0]].name),
        )
    ]
    overall = None if ballot.rule.by_chamber else _figures(result.groups[0], ballot.rule)
    return public_tally(
        {
            "method": ballot.method,
            "quorum": fraction(ballot.quorum),
            "threshold": fraction(ballot.threshold),
            "concurrent_majority": ballot.concurrent_majority,
            "secret": ballot.secret,
            "decided_by": "chambers" if ballot.rule.by_chamber else "overall",
            "support": None if result.support is None else fraction(result.support),
            "support_withheld": False,
            "outcome": result.outcome,
            "chambers": rows,
            "overall": overall,
        }
    )


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
                    # Input recorded on behalf of a community: the group it speaks for, in its
                    # chamber, and how it reached the alliance (never who typed it in).
                    "group": {
                        "name": comment.group.name,
                        "chamber": chamber_ref(comment.group.chamber),
                    }
                    if comment.group
                    else None,
                    "channel": comment.channel,
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
    roll-call (not for a secret ballot), the conflict declarations and the version of the text
    voted on (its number and sha256). Names organisations,
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
    version = ballot.version
    if version is not None:
        # The frozen text voted on (ballots opened before proposals had versions have none).
        record["version"] = {"number": version.number, "sha256": version.sha256}
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
