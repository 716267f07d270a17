"""Transparency reports: one per (kind, period, edition, number), built by a Celery task from
one ``report.json`` into an HTML page, a PDF and an open-data ZIP whose sha256 are stored here.

States: ``queued → building → ready | failed``. A ready report is published: it and its files
never change again. A correction is a new report of the same kind, period and edition whose
``number`` is one more and which ``corrects`` the one before (``report_correct``); the old one
stays readable, marked as corrected. Only a failed report is built again
(``report_rebuild``). The build itself is ``governance.reports.services.report_build``."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import BoundedTextField


class ReportKind(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    AD_HOC = "ad_hoc", "Ad hoc"


class ReportEdition(models.TextChoices):
    """Who reads the edition; the values are disclosure levels, so the access policy's rule
    (``alliance_portal.policy``) applies to reports as to any disclosed item."""

    PUBLIC = DisclosureLevel.PUBLIC.value, "Public edition"
    MEMBERS = DisclosureLevel.MEMBERS.value, "Members' edition"


class ReportState(models.TextChoices):
    QUEUED = "queued", "Queued"
    BUILDING = "building", "Building"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


# The states in which the build task has work to do (``building``: an earlier attempt died).
BUILDABLE_STATES: frozenset[str] = frozenset({ReportState.QUEUED, ReportState.BUILDING})
HEX64 = r"^[0-9a-f]{64}$"


# Progress is written every step of a build; only what people decide and what a build
# concludes goes into the audit trail.
@audit_trail(exclude=["step", "progress", "heartbeat_at"])
class TransparencyReport(models.Model):
    """A transparency report of one period in one edition.

    ``period`` names the period (``2025``, ``2025-Q3``, ``2025-02-01_2025-03-15``) and is
    unique with the kind and the edition; ``period_start`` and ``period_end`` are its first and
    last day (UTC). ``step`` / ``progress`` (0–100) tell readers how far a build is;
    ``heartbeat_at`` when a build last made progress, which is how beat tells a stuck build
    from a slow one. ``tables`` lists the open-data bundle's CSV files with their sha256."""

    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    period = models.CharField(max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    edition = models.CharField(
        max_length=12, choices=ReportEdition.choices, default=ReportEdition.PUBLIC
    )
    number = models.PositiveSmallIntegerField(
        "edition number", default=1, help_text="1 when first published; each correction adds 1."
    )
    corrects = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
        help_text="The published edition this one corrects (empty for the first).",
    )
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.QUEUED)
    step = models.CharField(max_length=120, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when Celery beat scheduled it.",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = BoundedTextField(max_length=4_000, blank=True)
    log_head_seq = models.PositiveBigIntegerField(
        "decision-log head seq", null=True, blank=True, help_text="As recorded in report.json."
    )
    log_head_hash = models.CharField("decision-log head hash", max_length=64, blank=True)
    tables = models.JSONField(
        default=list,
        blank=True,
        help_text="The CSV files of the open-data bundle: name, path, rows, bytes, sha256.",
    )

    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        ordering = ("-period_end", "kind", "edition", "-number", "-pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("kind", "period", "edition", "number"),
                name="report_once_per_kind_period_edition_number",
            ),
            # The first of each (kind, period, edition) corrects nothing; every later one
            # corrects exactly one (and, corrects being one-to-one, no edition twice).
            models.CheckConstraint(
                condition=Q(number=1, corrects__isnull=True)
                | Q(number__gt=1, corrects__isnull=False),
                name="report_correction_numbered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(edition__in=ReportEdition.values), name="report_edition_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="report_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReportState.READY)
                | (Q(finished_at__isnull=False) & Q(progress=100)),
                name="report_ready_is_finished",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReportState.FAILED) | ~Q(error=""),
                name="report_failure_says_why",
            ),
            models.CheckConstraint(
                condition=Q(log_head_hash="") | Q(log_head_hash__regex=HEX64),
                name="report_log_head_hash_hex",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("state", "heartbeat_at"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} report {self.period} ({self.edition_label})"

    def get_absolute_url(self) -> str:
        return reverse("governance:report-detail", kwargs={"pk": self.pk})

    @property
    def edition_label(self) -> str:
        """The edition as people read it: "Public edition", "Public edition 2" (a correction)."""
        label = str(self.get_edition_display())
        return label if self.number == 1 else f"{label} {self.number}"

    @property
    def is_ready(self) -> bool:
        return self.state == ReportState.READY

    @property
    def is_in_progress(self) -> bool:
        return self.state in BUILDABLE_STATES

    @property
    def file_stem(self) -> str:
        """The common start of the report's file names, e.g. ``transparency-report-2025-Q3-public``
        (``…-public-2`` for the public edition's first correction)."""
        stem = f"transparency-report-{self.period}-{self.edition}"
        return stem if self.number == 1 else f"{stem}-{self.number}"

    # The access policy's view (``alliance_portal.policy``): the edition is the level.
    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        return Q(edition__in=list(levels))

    @property
    def disclosure_level(self) -> str:
        return str(self.edition)

    def owner_organisation_id(self) -> int | None:
        return None


class ReportFileKind(models.TextChoices):
    JSON = "json", "Figures (report.json)"
    PDF = "pdf", "PDF"
    ZIP = "zip", "Open data (ZIP of CSV files and datapackage.json)"


FILE_CONTENT_TYPES: dict[str, str] = {
    ReportFileKind.JSON: "application/json",
    ReportFileKind.PDF: "application/pdf",
    ReportFileKind.ZIP: "application/zip",
}
FILE_SUFFIXES: dict[str, str] = {
    ReportFileKind.JSON: ".json",
    ReportFileKind.PDF: ".pdf",
    ReportFileKind.ZIP: "-open-data.zip",
}


class ReportFile(models.Model):
    """One output of a ready report, in Django's default storage, with its size and sha256.
    Written only by the build, in the transaction that marks the report ready."""

    report = models.ForeignKey(TransparencyReport, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=4, choices=ReportFileKind.choices)
    file = models.FileField(max_length=300)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ("report", "kind")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("report", "kind"), name="reportfile_once_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=ReportFileKind.values), name="reportfile_kind_valid"
            ),
            models.CheckConstraint(condition=Q(sha256__regex=HEX64), name="reportfile_sha256_hex"),
        ]

    def __str__(self) -> str:
        return self.download_name

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:report-file", kwargs={"pk": self.report_id, "kind": str(self.kind)}
        )

    @property
    def download_name(self) -> str:
        return f"{self.report.file_stem}{FILE_SUFFIXES[self.kind]}"

    @property
    def content_type(self) -> str:
        return FILE_CONTENT_TYPES[self.kind]
