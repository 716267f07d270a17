"""Who may act in governance: proposals and their lifecycle, consultations, ballots and what
follows a decision, bodies, the issue register, the decision log and transparency reports."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal, principal
from alliance_portal.policy.rules.common import (
    ORGANISATION_ROLES,
    is_representative,
    is_staff,
    represents,
)
from alliance_portal.policy.visibility import can_change
from alliance_portal.roles import Role

# --- proposals ----------------------------------------------------------------------------------


@action("proposal.create", refusal="Only the secretariat may table proposals.")
def _proposal_create(who: Principal, obj: Any) -> bool:
    """The secretariat tables proposals."""
    return is_staff(who)


@action("proposal.edit", refusal="You may not change this proposal.")
def _proposal_edit(who: Principal, proposal: Any) -> bool:
    """The secretariat, or whoever holds the change permission on this very proposal."""
    return who.is_authenticated and can_change(who.user, proposal)


@action("proposal.advance", refusal="You may not change this proposal.")
def _proposal_advance(who: Principal, proposal: Any) -> bool:
    """Moving a proposal through its lifecycle (opening and closing its consultation, sending
    it to a ballot, withdrawing it): whoever may change the proposal."""
    return who.is_authenticated and can_change(who.user, proposal)


# --- member-tabled proposals: drafted by a member organisation, co-sponsored by others, tabled
# by its author, admitted to consultation or declined by the secretariat.


def _author_organisation_id(proposal: Any) -> int | None:
    """The organisation whose draft ``proposal`` is (None for the secretariat's proposals)."""
    if getattr(proposal, "origin", None) != "member":
        return None
    return getattr(proposal, "proposed_by_id", None)


@action(
    "proposal.draft",
    refusal="Only an organisation's representative may draft a proposal for it.",
)
def _proposal_draft(who: Principal, obj: Any) -> bool | str:
    """An organisation's representative drafts a proposal in their organisation's name."""
    if is_representative(who):
        return True
    if is_staff(who):
        return (
            "The secretariat puts its own proposals forward directly; members' representatives "
            "draft theirs here."
        )
    return False


@action("proposal.edit_draft", refusal="Only the author organisation's people edit its draft.")
def _proposal_edit_draft(who: Principal, proposal: Any) -> bool:
    """The people (members and representative) of the organisation that drafted it."""
    author = _author_organisation_id(proposal)
    return author is not None and who.role in ORGANISATION_ROLES and who.organisation_id == author


@action(
    "proposal.table",
    refusal="Only the author organisation's representative asks for co-sponsors, tables and "
    "revises its proposal.",
)
def _proposal_table(who: Principal, proposal: Any) -> bool:
    """The representative of the organisation that drafted it."""
    author = _author_organisation_id(proposal)
    return represents(who, author)


@action(
    "proposal.sponsor",
    refusal="Only an organisation's representative may co-sponsor a proposal for it.",
)
def _proposal_sponsor(who: Principal, proposal: Any) -> bool | str:
    """The representative of another member organisation, for their own organisation (and
    only for their own: the secretariat does not co-sponsor)."""
    author = _author_organisation_id(proposal)
    if author is None:
        return "Only a member organisation's draft gathers co-sponsors."
    if not is_representative(who):
        return False
    if who.organisation_id == author:
        return "Your organisation drafted this proposal: other organisations co-sponsor it."
    return True


@action("proposal.admit", refusal="Only the secretariat admits tabled proposals.")
def _proposal_admit(who: Principal, proposal: Any) -> bool:
    """The secretariat admits a tabled proposal to consultation."""
    return is_staff(who)


@action("proposal.decline", refusal="Only the secretariat declines tabled proposals.")
def _proposal_decline(who: Principal, proposal: Any) -> bool:
    """The secretariat declines a tabled proposal, with a published reason."""
    return is_staff(who)


@action(
    "proposal.record_result",
    refusal="Only the ballot's tally or the secretariat records a result.",
)
def _proposal_record_result(who: Principal, proposal: Any) -> bool:
    """The secretariat (the ballot's tally runs as the system)."""
    return is_staff(who)


@action(
    "proposal.set_effect",
    refusal="Only the secretariat says what a proposal changes when it is adopted.",
)
def _proposal_set_effect(who: Principal, proposal: Any) -> bool:
    """The secretariat gives a proposal its effect (a constitution change, a glossary batch,
    objectives, an amendment or withdrawal of a decision), applied when it is adopted."""
    return is_staff(who)


@action("impact_assessment.save", refusal="Only the secretariat may record impact assessments.")
def _impact_assessment_save(who: Principal, proposal: Any) -> bool:
    """The secretariat records a proposal's impact assessment."""
    return is_staff(who)


# --- consultations ------------------------------------------------------------------------------


@action("comment.post", refusal="Sign in to comment.")
def _comment_post(who: Principal, proposal: Any) -> bool | str:
    """Everyone signed in who can see the proposal; an external stakeholder only in a
    consultation opened to the public."""
    if not who.is_authenticated:
        return False
    if who.role == Role.EXTERNAL_STAKEHOLDER and not getattr(
        proposal, "consultation_public", False
    ):
        return "This consultation is open to member organisations only."
    return True


@action(
    "comment.record_received",
    refusal="Only the secretariat may record comments received outside the portal.",
)
def _comment_record_received(who: Principal, proposal: Any) -> bool:
    """The secretariat records a comment sent by post, email or at a meeting."""
    return is_staff(who)


@action("comment.moderate", refusal="Only the secretariat may moderate comments.")
def _comment_moderate(who: Principal, comment: Any) -> bool:
    """The secretariat shows, holds or hides comments."""
    return is_staff(who)


@action("comment.respond", refusal="Only the secretariat may respond to comments.")
def _comment_respond(who: Principal, comment: Any) -> bool:
    """The secretariat answers each comment (accepted, partly, rejected, with the reason)."""
    return is_staff(who)


# --- ballots ------------------------------------------------------------------------------------


REPRESENTATIVE_ONLY = "Only an organisation's representative may {what}."


def represented_organisation_id(actor: Any) -> int | None:
    """The organisation ``actor`` speaks for as its representative (votes, conflict
    declarations, dissents and register entries are its); None for anyone else: the
    secretariat and the system name the organisation they act for."""
    who = principal(actor)
    return who.organisation_id if is_representative(who) else None


@action("ballot.configure", refusal="Only the secretariat may set up ballots.")
def _ballot_configure(who: Principal, proposal: Any) -> bool:
    """The secretariat sets a ballot's method, quorum, threshold and dates."""
    return is_staff(who)


@action("ballot.close", refusal="Only the secretariat may close ballots.")
def _ballot_close(who: Principal, ballot: Any) -> bool:
    """The secretariat closes a ballot early (the schedule closes it as the system)."""
    return is_staff(who)


@action(
    "ballot.follow_turnout",
    refusal="Only the secretariat follows who has declared and voted in a running ballot.",
)
def _ballot_follow_turnout(who: Principal, ballot: Any) -> bool:
    """The secretariat sees which organisations have declared and voted so far (never how)."""
    return is_staff(who)


@action("ballot.vote", refusal=REPRESENTATIVE_ONLY.format(what="vote"))
def _ballot_vote(who: Principal, ballot: Any) -> bool | str:
    """An organisation's representative, for their own organisation."""
    if is_representative(who):
        return True
    refused = REPRESENTATIVE_ONLY.format(what="vote")
    if is_staff(who):
        return f"{refused} The secretariat does not vote: it runs the ballot."
    if who.role == Role.CIVIL_SOCIETY_REVIEWER:
        return (
            f"{refused} Civil-society reviewers do not vote: they are independent, and may file "
            "a public statement on the decision."
        )
    if who.must_accept_agreements:
        return (
            f"{refused} Until you accept the current membership charter and "
            "information-sharing protocol, your account does not act for your organisation."
        )
    if who.is_authenticated and who.organisation_id is None:
        return (
            f"{refused} Your account does not belong to a member organisation: member "
            "organisations vote, through their representatives."
        )
    return False


@action("vote.read_own", refusal="Only the people of an organisation see how it voted.")
def _vote_read_own(who: Principal, ballot: Any) -> bool:
    """A member or representative reads their own organisation's vote before the roll-call is
    published (its choice never, in a secret ballot)."""
    return who.organisation_id is not None and who.role in ORGANISATION_ROLES


@action(
    "conflict.declare",
    refusal=REPRESENTATIVE_ONLY.format(what="declare conflicts of interest"),
)
def _conflict_declare(who: Principal, ballot: Any) -> bool:
    """An organisation's representative declares their organisation's conflict of interest."""
    return is_representative(who)


@action("recusal.exempt", refusal="Only the secretariat may exempt organisations from recusal.")
def _recusal_exempt(who: Principal, ballot: Any) -> bool:
    """The secretariat, with a reason, lets a recused organisation vote."""
    return is_staff(who)


@action("decision.publish", refusal="Only the secretariat may publish decisions.")
def _decision_publish(who: Principal, decision: Any) -> bool:
    """The secretariat publishes a decision in the public log."""
    return is_staff(who)


@action("decision.correct", refusal="Only the secretariat corrects published decisions.")
def _decision_correct(who: Principal, entry: Any) -> bool:
    """The secretariat appends a correction of an error of fact to a published decision
    (amendments and withdrawals are decisions' effects, never a person's act)."""
    return is_staff(who)


@action("dissent.file", refusal=REPRESENTATIVE_ONLY.format(what="file dissenting statements"))
def _dissent_file(who: Principal, decision: Any) -> bool:
    """An organisation's representative, for their organisation, after it voted no."""
    return is_representative(who)


@action("reviewer_statement.file", refusal="Only civil-society reviewers file reviewer statements.")
def _reviewer_statement_file(who: Principal, decision: Any) -> bool:
    """A civil-society reviewer files a public statement on a decision."""
    return who.role == Role.CIVIL_SOCIETY_REVIEWER


@action("endorsement.record", refusal="Only the secretariat may record endorsements.")
def _endorsement_record(who: Principal, decision: Any) -> bool:
    """The secretariat records a body's endorsement of an adopted decision."""
    return is_staff(who)


@action("interest.declare", refusal=REPRESENTATIVE_ONLY.format(what="declare interests"))
def _interest_declare(who: Principal, organisation: Any) -> bool | str:
    """The secretariat, for any organisation; a representative, for their own."""
    return is_staff(who) or _own_organisation(who, organisation, "declare interests")


@action("interest.end", refusal=REPRESENTATIVE_ONLY.format(what="end interests"))
def _interest_end(who: Principal, organisation: Any) -> bool | str:
    """The secretariat, for any organisation; a representative, for their own."""
    return is_staff(who) or _own_organisation(who, organisation, "end interests")


def _own_organisation(who: Principal, organisation: Any, what: str) -> bool | str:
    """A representative acting for their own organisation (``organisation`` None: their own)."""
    if not is_representative(who):
        return False
    if organisation is not None and organisation.pk != who.organisation_id:
        return f"You may {what} for your own organisation only."
    return True


# --- bodies, the issue register -----------------------------------------------------------------


@action("seat.change", refusal="Only the secretariat may change the composition of bodies.")
def _seat_change(who: Principal, body: Any) -> bool:
    """The secretariat appoints seat holders and ends their terms."""
    return is_staff(who)


@action("issue.create", refusal="Only the secretariat may keep the issue register.")
def _issue_create(who: Principal, obj: Any) -> bool:
    """The secretariat adds RS issues to the register."""
    return is_staff(who)


@action("issue.set_status", refusal="Only the secretariat may change the status of RS issues.")
def _issue_set_status(who: Principal, issue: Any) -> bool:
    """The secretariat marks an issue agreed, contentious or parked."""
    return is_staff(who)


@action("indicator.measure", refusal="Only the secretariat may record measurements.")
def _indicator_measure(who: Principal, indicator: Any) -> bool:
    """The secretariat records an objective's indicator measurements."""
    return is_staff(who)


# --- transparency reports -----------------------------------------------------------------------


@action("report.request", refusal="Only the secretariat asks for transparency reports.")
def _report_request(who: Principal, obj: Any) -> bool:
    """The secretariat asks for a transparency report (the schedule asks as the system)."""
    return is_staff(who)


@action("report.rebuild", refusal="Only the secretariat may build a transparency report again.")
def _report_rebuild(who: Principal, report: Any) -> bool:
    """The secretariat builds a failed report again, and sees why a build failed."""
    return is_staff(who)


@action("report.correct", refusal="Only the secretariat may publish a corrected edition.")
def _report_correct(who: Principal, report: Any) -> bool:
    """The secretariat publishes a corrected edition of a published report."""
    return is_staff(who)


@action("report.delete", refusal="Only the secretariat may delete a transparency report.")
def _report_delete(who: Principal, report: Any) -> bool:
    """The secretariat deletes a report."""
    return is_staff(who)


@action(
    "proposal.withdraw_own",
    refusal="Only the author organisation's representative withdraws its own proposal.",
)
def _proposal_withdraw_own(who: Principal, proposal: Any) -> bool:
    """The representative of the organisation that drafted a member-tabled proposal withdraws
    it before its consultation opens (the service checks the status)."""
    author = _author_organisation_id(proposal)
    return represents(who, author)
