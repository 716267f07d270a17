"""Proposals and their lifecycle, with the consultation window in which people comment.

The lifecycle (enforced by ``governance.services.proposals``, the one place that moves a
proposal): draft → consultation → deliberation → voting → adopted | rejected | no_quorum, and
withdrawn from any state before a result."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel
from governance.models.bodies import Body
from governance.models.objectives import Issue, Objective
from members.models import Organisation
from members.vocabularies import Material, choice_array


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "In consultation"
    DELIBERATION = "deliberation", "In deliberation"
    VOTING = "voting", "Ballot open"
    ADOPTED = "adopted", "Adopted"
    REJECTED = "rejected", "Rejected"
    NO_QUORUM = "no_quorum", "No quorum"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = ProposalStatus
# The results a ballot's tally records (Governance II); nothing follows a result.
RESULT_STATUSES: frozenset[str] = frozenset({S.ADOPTED, S.REJECTED, S.NO_QUORUM})
FINAL_STATUSES: frozenset[str] = RESULT_STATUSES | {S.WITHDRAWN}
# The lifecycle: where a proposal in each status may go next.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.CONSULTATION, S.WITHDRAWN}),
    S.CONSULTATION: frozenset({S.DELIBERATION, S.WITHDRAWN}),
    S.DELIBERATION: frozenset({S.VOTING, S.WITHDRAWN}),
    S.VOTING: frozenset({S.ADOPTED, S.REJECTED, S.NO_QUORUM, S.WITHDRAWN}),
    S.ADOPTED: frozenset(),
    S.REJECTED: frozenset(),
    S.NO_QUORUM: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Until the ballot opens the secretariat moderates comments, answers them and edits the
# impact assessment; from then on they are what the decision is published with.
BEFORE_BALLOT: frozenset[str] = frozenset({S.DRAFT, S.CONSULTATION, S.DELIBERATION})

# A proposal is either public or for members; secretariat-only proposals do not exist.
PROPOSAL_DISCLOSURE_LEVELS = (DisclosureLevel.PUBLIC, DisclosureLevel.MEMBERS)


@audit_trail()
class Proposal(DisclosedModel):
    """A proposal put to a body. Its ``text`` (Markdown) is numbered by top-level paragraph
    when shown, so comments can name a paragraph; the text is frozen once the consultation
    opens, which keeps those numbers stable.

    The consultation window: ``consultation_opens_at`` / ``consultation_closes_at`` are the
    schedule (Celery beat opens and closes on time); ``consultation_opened_at`` /
    ``consultation_closed_at`` when it really happened. ``consultation_public`` lets external
    stakeholders comment (moderated); only a public proposal may have a public consultation."""

    disclosure = models.CharField(
        "disclosure level",
        max_length=12,
        choices=[(level.value, level.label) for level in PROPOSAL_DISCLOSURE_LEVELS],
        default=DisclosureLevel.MEMBERS,
        help_text="Who may read this proposal: everyone, or people of member organisations.",
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="One or two sentences, plain text.")
    text = models.TextField(
        help_text="The proposal (Markdown). Each top-level paragraph is numbered for comments."
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="proposals")
    proposed_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member organisation that tabled it, if any.",
    )
    objectives = models.ManyToManyField(Objective, blank=True, related_name="proposals")
    issues = models.ManyToManyField(Issue, blank=True, related_name="proposals")
    countries = CountryField(multiple=True, blank=True)
    materials = choice_array(Material, "materials")
    status = models.CharField(max_length=14, choices=ProposalStatus.choices, default=S.DRAFT)
    consultation_opens_at = models.DateTimeField(null=True, blank=True)
    consultation_closes_at = models.DateTimeField(null=True, blank=True)
    consultation_public = models.BooleanField(
        "consultation open to the public",
        default=False,
        help_text="External stakeholders may comment too; their comments are moderated.",
    )
    consultation_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    consultation_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(disclosure__in=[level.value for level in PROPOSAL_DISCLOSURE_LEVELS]),
                name="proposal_public_or_members",
            ),
            models.CheckConstraint(
                condition=Q(consultation_public=False) | Q(disclosure=DisclosureLevel.PUBLIC),
                name="proposal_public_consultation_needs_public_proposal",
            ),
            models.CheckConstraint(
                condition=Q(consultation_opens_at__isnull=True)
                | Q(consultation_closes_at__isnull=True)
                | Q(consultation_closes_at__gt=models.F("consultation_opens_at")),
                name="proposal_consultation_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="proposal_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="proposal_has_a_title"),
            # Past the draft stage a consultation has been opened, so its times are known.
            models.CheckConstraint(
                condition=Q(status=S.DRAFT)
                | Q(status=S.WITHDRAWN)
                | Q(consultation_opened_at__isnull=False),
                name="proposal_consulted_before_deliberation",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("status", "consultation_closes_at")),
            models.Index(fields=("status", "consultation_opens_at")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:proposal-detail", kwargs={"pk": self.pk})

    @property
    def consultation_is_open(self) -> bool:
        return self.status == S.CONSULTATION

    @property
    def is_before_ballot(self) -> bool:
        return self.status in BEFORE_BALLOT

    @property
    def has_result(self) -> bool:
        return self.status in RESULT_STATUSES

    @property
    def material_labels(self) -> list[str]:
        return [str(Material(code).label) for code in self.materials if code in Material.values]


@audit_trail()
class ProposalStatusChange(models.Model):
    """One step of a proposal's story: from which status to which, why, by whom, when. Written
    only by the lifecycle service; ``actor`` is empty for scheduled work (Celery beat)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=14, choices=ProposalStatus.choices)
    to_status = models.CharField(max_length=14, choices=ProposalStatus.choices)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("proposal", "changed_at", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status")),
                name="proposalstatuschange_changes_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.from_status} → {self.to_status}"
