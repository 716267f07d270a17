"""Review dates of decisions (issue 16, item 5): set on the proposal before the ballot or on
the decision afterwards, shown on the decision page; beat reminds the body's members once
through the outbox; the outcome is a ``review`` entry of the public decision log."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.decision_log.models import DecisionLogEntry, LogEntryKind
from governance.decision_log.services import append_change, decision_log_append
from governance.decision_log.verify import decision_log_verify
from governance.proposals.models import ProposalStatus
from governance.reviews import services as review_services
from governance.reviews.models import DecisionReview
from governance.tasks import decision_reviews_remind_due_task
from tests.governance.factories import assembly, make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _publish(proposal) -> int:
    """The decision on ``proposal`` as the ballot publishes it (its record names the proposal
    and the body)."""
    body = assembly()
    entry = decision_log_append(
        kind=LogEntryKind.DECISION,
        record={
            "proposal": {"id": proposal.pk, "title": proposal.title},
            "body": {"slug": body.slug, "name": body.name},
            "outcome": "adopted",
        },
    )
    return entry.seq


def _noon(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_a_review_date_set_before_the_ballot_is_shown_on_the_decision_page(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    due = timezone.localdate() + timedelta(days=730)
    page = world.client_for(Role.SECRETARIAT).post(
        f"/governance/proposals/{proposal.pk}/review-date/", {"due_on": due.isoformat()}
    )
    assert page.status_code == 302
    assert f"Review date: {due.day} {due:%B %Y}" in (
        world.client_for(Role.SECRETARIAT).get(proposal.get_absolute_url()).content.decode()
    )
    # A member who may not change the proposal may not set it.
    refused = api_for(Role.ORGANISATION_REPRESENTATIVE).post(
        "/api/v1/decision-reviews/",
        {"proposal": proposal.pk, "due_on": due.isoformat()},
        format="json",
    )
    assert refused.status_code == 403

    seq = _publish(proposal)
    html = world.client_for(Role.ANONYMOUS).get(f"/governance/decisions/{seq}/").content.decode()
    assert f"To be reviewed by {due.day} {due:%B %Y}" in html
    listed = api_for(Role.ANONYMOUS).get("/api/v1/decision-reviews/").json()["results"]
    assert [(r["proposal"], r["due_on"], r["outcome"]) for r in listed] == [
        (proposal.pk, due.isoformat(), "")
    ]

    # The secretariat moves it on the decision: still one open review, now on the decision.
    later = due + timedelta(days=30)
    moved = api_for(Role.SECRETARIAT).post(
        "/api/v1/decision-reviews/", {"decision_seq": seq, "due_on": later.isoformat()}
    )
    assert moved.status_code == 201, moved.content
    review = DecisionReview.objects.get()
    assert (review.decision_id, review.due_on) == (seq, later)


def test_a_review_date_is_not_in_the_past_and_not_on_a_withdrawn_decision(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    with pytest.raises(ValidationError, match="from today on"):
        review_services.decision_review_set(
            actor=SYSTEM, proposal=proposal, due_on=timezone.localdate() - timedelta(days=1)
        )
    seq = _publish(proposal)
    # A withdrawal is a decision's effect (governance.effects), appended in its transaction.
    with transaction.atomic():
        append_change(kind="withdrawal", decision_seq=seq, reason="Superseded.", changes={})
    with pytest.raises(ValidationError, match="withdrawn"):
        review_services.decision_review_set(
            actor=SYSTEM, decision_seq=seq, due_on=timezone.localdate() + timedelta(days=9)
        )
    assert not DecisionReview.objects.exists()


def test_beat_reminds_the_body_once_when_a_review_is_due(
    world, django_capture_on_commit_callbacks
) -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "governance.tasks.decision_reviews_remind_due_task" in tasks
    proposal = make_proposal(status=S.CONSULTATION)
    seq = _publish(proposal)
    due = timezone.localdate() + timedelta(days=10)
    review_services.decision_review_set(actor=SYSTEM, decision_seq=seq, due_on=due)

    # Not yet due: nothing happens.
    assert review_services.decision_reviews_remind_due(actor=SYSTEM) == []
    assert not OutboundEmail.objects.exists()

    review = DecisionReview.objects.get()
    reminded = review_services.decision_reviews_remind_due(actor=SYSTEM, now=_noon(due))
    assert reminded == [review.pk]
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    emails = list(OutboundEmail.objects.all())
    assert representative.email in {e.recipient for e in emails}
    assert world.users[Role.MEMBER].email not in {e.recipient for e in emails}
    assert all("Review due" in e.subject for e in emails)
    # Idempotent: the next run, or the task retried, sends nothing more.
    count = len(emails)
    assert review_services.decision_reviews_remind_due(actor=SYSTEM, now=_noon(due)) == []
    with django_capture_on_commit_callbacks(execute=False):
        decision_reviews_remind_due_task.run()
    assert OutboundEmail.objects.count() == count

    # A moved date is a new reminder.
    later = due + timedelta(days=60)
    review_services.decision_review_set(
        actor=SYSTEM, decision_seq=seq, due_on=later, now=_noon(due)
    )
    assert review_services.decision_reviews_remind_due(actor=SYSTEM, now=_noon(later)) == [
        review.pk
    ]
    assert OutboundEmail.objects.count() == 2 * count


def test_the_outcome_of_a_review_is_a_log_entry_shown_on_the_decision_page(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    seq = _publish(proposal)
    review = review_services.decision_review_set(
        actor=SYSTEM, decision_seq=seq, due_on=timezone.localdate()
    )
    url = f"/api/v1/decision-reviews/{review.pk}/outcome/"
    body = {"outcome": "confirmed", "text": "The rule works: **keep it**."}
    assert api_for(Role.ORGANISATION_REPRESENTATIVE).post(url, body).status_code == 403
    assert api_for(Role.SECRETARIAT).post(url, {"outcome": "confirmed"}).status_code == 400

    recorded = api_for(Role.SECRETARIAT).post(url, body, format="json")
    assert recorded.status_code == 200, recorded.content
    entry = DecisionLogEntry.objects.get(seq=recorded.json()["log_entry_seq"])
    assert (entry.kind, entry.amends_id) == ("review", seq)
    assert decision_log_verify().ok
    assert api_for(Role.SECRETARIAT).post(url, body).status_code == 400  # recorded already

    decision_page = world.client_for(Role.ANONYMOUS).get(f"/governance/decisions/{seq}/")
    html = decision_page.content.decode()
    assert "Review: Confirmed: the decision stands" in html
    assert "<strong>keep it</strong>" in html
    assert "no further review is set" in html
    entry_page = world.client_for(Role.ANONYMOUS).get(f"/governance/decisions/{entry.seq}/")
    entry_html = entry_page.content.decode()
    assert "What the review found" in entry_html
    assert "<dt>Outcome</dt><dd>Confirmed: the decision stands</dd>" in entry_html
    # The log lists and filters it like any entry.
    log = api_for(Role.ANONYMOUS).get("/api/v1/decision-log/").json()
    assert "review" in str(log)
    filtered = world.client_for(Role.ANONYMOUS).get("/governance/decisions/?kind=review")
    assert proposal.title in filtered.content.decode()


def test_the_secretariat_records_the_outcome_through_its_page(world) -> None:
    proposal = make_proposal(status=S.CONSULTATION)
    seq = _publish(proposal)
    client = world.client_for(Role.SECRETARIAT)
    empty = client.get(f"/governance/decisions/{seq}/review/")
    assert "has no review waiting" in empty.content.decode()
    set_page = client.post(
        f"/governance/decisions/{seq}/review-date/",
        {"due_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
    )
    assert set_page.status_code == 302
    refused = client.post(f"/governance/decisions/{seq}/review/", {"outcome": "other"})
    assert refused.status_code == 200
    assert "Enter what the review found" in refused.content.decode()
    done = client.post(
        f"/governance/decisions/{seq}/review/",
        {"outcome": "to_be_amended", "text": "The reporting period is too short."},
    )
    assert done.status_code == 302
    assert DecisionLogEntry.objects.filter(kind="review", amends_id=seq).count() == 1
    assert (
        world.client_for(Role.MEMBER).get(f"/governance/decisions/{seq}/review/").status_code == 403
    )


def test_the_review_list_api_keeps_to_its_query_budget(
    world, api_for, django_assert_max_num_queries
) -> None:
    for index in range(6):
        proposal = make_proposal(status=S.CONSULTATION, title=f"Proposal {index}")
        review_services.decision_review_set(
            actor=SYSTEM,
            decision_seq=_publish(proposal),
            due_on=timezone.localdate() + timedelta(days=index),
        )
    api = api_for(Role.ANONYMOUS)
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/decision-reviews/?status=open")
    assert response.status_code == 200
    assert response.json()["count"] == 6
    assert api.get("/api/v1/decision-reviews/?status=recorded").json()["count"] == 0
    assert api.get("/api/v1/decision-reviews/?status=maybe").status_code == 400
