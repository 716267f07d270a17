"""Meetings of a body or working group, their agenda, who registered and who attended, their
minutes; and meeting requests (equal access to decision makers)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel
from alliance_portal.text_limits import DOCUMENT, SHORT_NOTE, STATEMENT, BoundedTextField
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.decision_log.models import PublishedDecision
from governance.proposals.models import Proposal
from members.models import Chamber, Organisation


def languages_field(verbose_name: str, help_text: str) -> ArrayField:
    """A list of the alliance's languages (``glossary.languages.ContentLanguage``)."""
    return ArrayField(
        models.CharField(max_length=5, choices=ContentLanguage.choices),
        default=list,
        blank=True,
        verbose_name=verbose_name,
        help_text=help_text,
    )


@audit_trail()
class Meeting(models.Model):
    """A meeting of a body (the general assembly, the board, a working group). It takes place
    somewhere (``place``), online (``link``) or both. ``revision`` counts the changes of its
    time, place or link that people were told of. It was *held* once the secretariat recorded
    who attended (``attendance_recorded_at``); the secretariat may cancel it before it starts,
    with a reason shown on its page (``cancelled_at``, ``cancel_reason``)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True, help_text="Address or room.")
    link = models.URLField(blank=True, help_text="Where to join online.")
    languages = languages_field("languages", "Languages the meeting is held in.")
    interpretation = languages_field(
        "interpretation offered", "Languages interpreters will interpret into."
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="Why the meeting was cancelled (published)."
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("-starts_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(link=""), name="meeting_has_place_or_link"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="meeting_has_a_title"),
            models.CheckConstraint(
                condition=(Q(cancelled_at__isnull=True) & Q(cancel_reason=""))
                | (Q(cancelled_at__isnull=False) & ~Q(cancel_reason="")),
                name="meeting_cancelled_with_reason",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("body", "starts_at"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting-detail", kwargs={"pk": self.pk})

    @property
    def held(self) -> bool:
        return self.attendance_recorded_at is not None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def language_labels(self) -> list[str]:
        return _labels(self.languages)

    @property
    def interpretation_labels(self) -> list[str]:
        return _labels(self.interpretation)


def _labels(codes: list[str]) -> list[str]:
    names = dict(ContentLanguage.choices)
    return [str(names.get(code, code)) for code in codes]


@audit_trail()
class AgendaItem(models.Model):
    """One item of a meeting's agenda, in order; it may link a proposal, a published decision
    (its decision-log entry) and a document. The secretariat may hold it for legal review
    (``legal_hold``, competition law): while held it is shown to the secretariat only, until
    counsel releases it (``legal_hold_released_by`` and ``_at``)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = BoundedTextField(max_length=SHORT_NOTE, blank=True)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        PublishedDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document_title = models.CharField(max_length=200, blank=True)
    document_url = models.URLField(blank=True)
    legal_hold = models.BooleanField(
        default=False,
        help_text="Held for legal review: shown to the secretariat only until counsel releases it.",
    )
    legal_hold_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_hold_released_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("meeting", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("meeting", "position"), name="agendaitem_position_once"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="agendaitem_position_from_1"),
            models.CheckConstraint(
                condition=Q(document_title="") | ~Q(document_url=""),
                name="agendaitem_document_title_needs_url",
            ),
            models.CheckConstraint(
                condition=Q(legal_hold=True) | Q(legal_hold_released_at__isnull=True),
                name="agendaitem_released_only_when_held",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def held(self) -> bool:
        """Under legal review now: held and not yet released."""
        return self.legal_hold and self.legal_hold_released_at is None


@audit_trail()
class MeetingAttendance(models.Model):
    """An organisation at a meeting: registered by its representative (``registered_at``),
    and/or recorded as present by the secretariat (``attended``: None until recorded). The
    chamber is the organisation's when the row was written, so figures stay as they were."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ("meeting", "chamber__order", "organisation__name")
        verbose_name_plural = "attendance"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("meeting", "organisation"), name="meetingattendance_once_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(registered_at__isnull=False) | Q(attended__isnull=False),
                name="meetingattendance_registered_or_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.meeting}"


@audit_trail()
class MeetingMinutes(DisclosedModel):
    """The minutes of a meeting, published after it at a disclosure level, and approved at a
    later meeting of the same body (``approved_at_meeting``); approved minutes do not change."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = BoundedTextField(max_length=DOCUMENT, help_text="The minutes (Markdown).")
    # The minutes as a file in the documents library (its versions, its sha256).
    document = models.ForeignKey(
        "governance.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()
    approved_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="approved_minutes"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    statement_read = models.BooleanField(
        "competition-law statement read",
        default=False,
        help_text="The competition-law statement was read at the opening of the meeting.",
    )
    statement_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The version of the statement in force when the minutes recorded its reading.",
    )

    class Meta:
        verbose_name_plural = "meeting minutes"
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(approved_at_meeting__isnull=True, approved_at__isnull=True)
                | Q(approved_at_meeting__isnull=False, approved_at__isnull=False),
                name="meetingminutes_approved_at_a_meeting",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="meetingminutes_not_empty"),
            models.CheckConstraint(
                condition=Q(statement_read=True) | Q(statement_version__isnull=True),
                name="meetingminutes_statement_version_when_read",
            ),
            models.CheckConstraint(
                condition=Q(disclosure__in=DisclosureLevel.values),
                name="meetingminutes_disclosure_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#minutes"


class MeetingWith(models.TextChoices):
    BODY = "body", "The body"
    CHAIR = "chair", "Its chair"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Awaiting the secretariat"
    SCHEDULED = "scheduled", "Meeting scheduled"
    DECLINED = "declined", "Declined"


@audit_trail()
class MeetingRequest(models.Model):
    """A request to meet a body or its chair, from anyone signed in: a member, an external
    stakeholder, a community representative (``on_behalf_of`` names the community or group).
    The secretariat schedules it (links a meeting of that body) or declines it with a reason.
    The requester and the secretariat see it; the public sees only figures per chamber."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_requests"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The requester's member organisation, if any.",
    )
    on_behalf_of = models.CharField(
        max_length=200, blank=True, help_text="The community, group or organisation represented."
    )
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meeting_requests")
    meet_with = models.CharField(
        max_length=5, choices=MeetingWith.choices, default=MeetingWith.BODY
    )
    topic = models.CharField(max_length=200)
    details = BoundedTextField(max_length=STATEMENT, blank=True)
    preferred_language = models.CharField(max_length=5, choices=ContentLanguage.choices)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    decline_reason = BoundedTextField(max_length=STATEMENT, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-requested_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="meetingrequest_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(meet_with__in=MeetingWith.values), name="meetingrequest_with_valid"
            ),
            models.CheckConstraint(
                condition=(Q(status=RequestStatus.SCHEDULED) & Q(meeting__isnull=False))
                | (~Q(status=RequestStatus.SCHEDULED) & Q(meeting__isnull=True)),
                name="meetingrequest_scheduled_has_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DECLINED) | ~Q(decline_reason=""),
                name="meetingrequest_declined_with_reason",
            ),
            models.CheckConstraint(
                condition=(Q(status=RequestStatus.PENDING) & Q(decided_at__isnull=True))
                | (~Q(status=RequestStatus.PENDING) & Q(decided_at__isnull=False)),
                name="meetingrequest_decided_when_not_pending",
            ),
            models.CheckConstraint(condition=~Q(topic=""), name="meetingrequest_has_a_topic"),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting-request-detail", kwargs={"pk": self.pk})
