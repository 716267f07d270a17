"""Proposals and their lifecycle, with the consultation window in which people comment.

The lifecycle (enforced by ``governance.proposals.services``, the one place that moves a
proposal): draft → consultation → deliberation → voting → adopted | rejected | no_quorum, and
withdrawn from any state before a result. A member's draft takes a longer road to its
consultation: draft → tabled (once co-sponsored by organisations of enough other chambers) →
consultation (admitted by the secretariat) or declined (with a published reason) → draft again
(revised by its author) → tabled again."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel
from alliance_portal.text_limits import DESCRIPTION, DOCUMENT, STATEMENT, SUMMARY, BoundedTextField
from governance.bodies.models import Body
from governance.objectives.models import Issue, Objective
from members.models import Organisation

if TYPE_CHECKING:
    from governance.proposals.sponsors import ProposalSponsor
    from members.models import Chamber
from members.vocabularies import Material, choice_array


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    TABLED = "tabled", "Tabled, awaiting admission"
    DECLINED = "declined", "Declined by the secretariat"
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
    S.DRAFT: frozenset({S.CONSULTATION, S.TABLED, S.WITHDRAWN}),
    S.TABLED: frozenset({S.CONSULTATION, S.DECLINED, S.WITHDRAWN}),
    S.DECLINED: frozenset({S.DRAFT, S.WITHDRAWN}),
    S.CONSULTATION: frozenset({S.DELIBERATION, S.WITHDRAWN}),
    # Back to consultation: a further round on a revised version (governance.versions).
    S.DELIBERATION: frozenset({S.VOTING, S.CONSULTATION, S.WITHDRAWN}),
    S.VOTING: frozenset({S.ADOPTED, S.REJECTED, S.NO_QUORUM, S.WITHDRAWN}),
    S.ADOPTED: frozenset(),
    S.REJECTED: frozenset(),
    S.NO_QUORUM: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Until the ballot opens the secretariat moderates comments, answers them and edits the
# impact assessment; from then on they are what the decision is published with.
BEFORE_BALLOT: frozenset[str] = frozenset(
    {S.DRAFT, S.TABLED, S.DECLINED, S.CONSULTATION, S.DELIBERATION}
)
# Before any consultation has opened: the text is still the author's to change.
BEFORE_CONSULTATION: frozenset[str] = frozenset({S.DRAFT, S.TABLED, S.DECLINED})
# The steps of a member's proposal that only their own use cases take (tabling, admission,
# decline, revision): the general "change the status" step refuses them.
TABLING_STEPS: frozenset[tuple[str, str]] = frozenset(
    {
        (S.DRAFT, S.TABLED),
        (S.TABLED, S.CONSULTATION),
        (S.TABLED, S.DECLINED),
        (S.DECLINED, S.DRAFT),
    }
)


class ProposalOrigin(models.TextChoices):
    SECRETARIAT = "secretariat", "Put forward by the secretariat"
    MEMBER = "member", "Drafted by a member organisation"


# A proposal is either public or for members; secretariat-only proposals do not exist.
PROPOSAL_DISCLOSURE_LEVELS = (DisclosureLevel.PUBLIC, DisclosureLevel.MEMBERS)


@audit_trail()
class Proposal(DisclosedModel):
    """A proposal put to a body. Its ``text`` (Markdown) is numbered by top-level paragraph
    when shown, so comments can name a paragraph; once the consultation opens the text changes
    only by publishing a new version (``governance.versions``), and ``text`` is always the
    current version's.

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
    summary = BoundedTextField(max_length=SUMMARY, help_text="One or two sentences, plain text.")
    text = BoundedTextField(
        max_length=DOCUMENT,
        help_text="The proposal (Markdown). Each top-level paragraph is numbered for comments.",
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
    origin = models.CharField(
        max_length=12,
        choices=ProposalOrigin.choices,
        default=ProposalOrigin.SECRETARIAT,
        editable=False,
        help_text="A member's draft reaches consultation only once tabled and admitted.",
    )
    tabled_at = models.DateTimeField(null=True, blank=True, editable=False)  # the last time
    admission_due_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The secretariat admits or declines a tabled proposal by then.",
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
                condition=Q(status__in=[S.DRAFT, S.TABLED, S.DECLINED, S.WITHDRAWN])
                | Q(consultation_opened_at__isnull=False),
                name="proposal_consulted_before_deliberation",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=ProposalOrigin.values), name="proposal_origin_valid"
            ),
            # A member's proposal names its author organisation; tabling dates its deadline.
            models.CheckConstraint(
                condition=Q(origin=ProposalOrigin.SECRETARIAT) | Q(proposed_by__isnull=False),
                name="proposal_member_draft_has_an_author",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.TABLED)
                | (Q(tabled_at__isnull=False) & Q(admission_due_at__isnull=False)),
                name="proposal_tabled_has_a_deadline",
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
    def is_member_drafted(self) -> bool:
        return self.origin == ProposalOrigin.MEMBER

    @property
    def sponsors_by_chamber(self) -> list[tuple[Chamber, list[ProposalSponsor]]]:
        """The co-sponsors by chamber, chambers in order (from the prefetched ``sponsors``)."""
        groups: dict[int, tuple[Chamber, list[ProposalSponsor]]] = {}
        for sponsor in self.sponsors.all():
            groups.setdefault(sponsor.chamber_id, (sponsor.chamber, []))[1].append(sponsor)
        return sorted(groups.values(), key=lambda group: (group[0].order, group[0].name))

    @property
    def admission_is_overdue(self) -> bool:
        """Tabled, not admitted (a tabled proposal has an opening time only once admitted),
        and the deadline to admit or decline it has passed."""
        due, admitted = self.admission_due_at, self.consultation_opens_at is not None
        return self.status == S.TABLED and not admitted and due is not None and due < timezone.now()

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
    reason = BoundedTextField(max_length=STATEMENT, blank=True)
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


# --- impact assessments: the options considered, the one chosen and why (its trade-offs), and
# the cost of action and of inaction per dimension. One is required before a ballot opens.


@audit_trail()
class ImpactAssessment(models.Model):
    """The impact assessment of a proposal. ``rationale`` says why the chosen option was
    chosen, ``trade_offs`` what is given up for it (both Markdown)."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="impact_assessment"
    )
    rationale = BoundedTextField(
        max_length=DESCRIPTION, help_text="Why the chosen option (Markdown)."
    )
    trade_offs = BoundedTextField(
        max_length=DESCRIPTION, help_text="What is given up, and for whom (Markdown)."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(rationale=""), name="impact_has_a_rationale"),
        ]

    def __str__(self) -> str:
        return f"Impact assessment of {self.proposal}"


@audit_trail()
class ImpactOption(models.Model):
    """One option considered; exactly one per assessment is the chosen one."""

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = BoundedTextField(max_length=STATEMENT, blank=True, help_text="Markdown.")
    is_chosen = models.BooleanField(default=False)

    class Meta:
        ordering = ("assessment", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("assessment", "position"), name="impactoption_position_unique"
            ),
            models.UniqueConstraint(
                fields=("assessment",),
                condition=Q(is_chosen=True),
                name="impactoption_one_chosen",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="impactoption_has_a_title"),
        ]

    def __str__(self) -> str:
        return self.title


class CostKind(models.TextChoices):
    ACTION = "action", "Cost of action"
    INACTION = "inaction", "Cost of inaction"


class Dimension(models.TextChoices):
    ECONOMIC = "economic", "Economic"
    SOCIAL = "social", "Social"
    ENVIRONMENTAL = "environmental", "Environmental"


class Magnitude(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Horizon(models.TextChoices):
    IMMEDIATE = "immediate", "Within a year"
    SHORT = "short", "1 to 3 years"
    MEDIUM = "medium", "3 to 10 years"
    LONG = "long", "More than 10 years"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


@audit_trail()
class CostEntry(models.Model):
    """The cost of action or of inaction in one dimension: who bears it, how large, when,
    how sure we are. ``amount`` is optional and exact (Decimal) with its ISO 4217 currency."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(max_length=10, choices=CostKind.choices)
    dimension = models.CharField(max_length=14, choices=Dimension.choices)
    borne_by = models.CharField("who bears it", max_length=300)
    magnitude = models.CharField(max_length=6, choices=Magnitude.choices)
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217, e.g. USD, EUR.")
    horizon = models.CharField("time horizon", max_length=10, choices=Horizon.choices)
    confidence = models.CharField(max_length=6, choices=Confidence.choices)
    description = BoundedTextField(max_length=STATEMENT, blank=True, help_text="Markdown.")

    class Meta:
        ordering = ("assessment", "kind", "dimension")
        verbose_name_plural = "cost entries"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("assessment", "kind", "dimension"), name="costentry_once_per_dimension"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="costentry_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & Q(currency__regex=r"^[A-Z]{3}$")),
                name="costentry_amount_has_a_currency",
            ),
            models.CheckConstraint(condition=~Q(borne_by=""), name="costentry_says_who_bears_it"),
            models.CheckConstraint(
                condition=Q(kind__in=CostKind.values), name="costentry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="costentry_dimension_valid"
            ),
            models.CheckConstraint(
                condition=Q(magnitude__in=Magnitude.values), name="costentry_magnitude_valid"
            ),
            models.CheckConstraint(
                condition=Q(horizon__in=Horizon.values), name="costentry_horizon_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=Confidence.values), name="costentry_confidence_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.get_dimension_display()}"
