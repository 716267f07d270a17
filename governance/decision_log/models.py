"""The public decision log: an append-only, hash-chained record of what the alliance decided.

Each entry stores ``canonical``, the exact JSON text that was hashed, and
``hash = sha256(prev_hash + "\\n" + canonical)``; ``prev_hash`` of seq 1 is 64 zeros. The
database refuses UPDATE, DELETE and TRUNCATE on the table (plain PostgreSQL triggers set to
ENABLE ALWAYS, created by the migration: ``alliance_portal.append_only.append_only_sql``).
What is derived for lists and search lives in ``PublishedDecision``, which may change as
amendments arrive; the log itself never does.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse

from alliance_portal.text_limits import DOCUMENT, SHORT_NOTE, BoundedTextField

GENESIS_HASH = "0" * 64
HEX64 = r"^[0-9a-f]{64}$"


class LogEntryKind(models.TextChoices):
    DECISION = "decision", "Decision"
    AMENDMENT = "amendment", "Amendment"
    CORRECTION = "correction", "Correction"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    DISSENT = "dissent", "Dissenting statement"
    STATEMENT = "statement", "Reviewer statement"
    ENDORSEMENT = "endorsement", "Endorsement"
    REVIEW = "review", "Review"
    # The log's own trust (governance/log_heads): a new signing key, a witness approved or
    # retired. They stand alone, like decisions.
    LOG_KEY = "log_key", "Signing key"
    WITNESS = "witness", "Witness"


# Entries that amend no decision.
STANDALONE_KINDS = (LogEntryKind.DECISION, LogEntryKind.LOG_KEY, LogEntryKind.WITNESS)


class DecisionLogEntry(models.Model):
    """One entry of the public decision log. Never updated or deleted (the database refuses)."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    kind = models.CharField(max_length=12, choices=LogEntryKind.choices)
    published_at = models.DateTimeField()
    canonical = models.TextField(help_text="The exact JSON text that was hashed.")
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amended_by",
        db_column="amends",
        help_text="The seq of the decision entry this entry amends, corrects or comments on.",
    )

    class Meta:
        ordering = ("seq",)
        verbose_name = "decision log entry"
        verbose_name_plural = "decision log"
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(seq__gte=1), name="decisionlog_seq_positive"),
            models.CheckConstraint(condition=Q(hash__regex=HEX64), name="decisionlog_hash_hex"),
            models.CheckConstraint(
                condition=Q(prev_hash__regex=HEX64), name="decisionlog_prev_hash_hex"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=STANDALONE_KINDS, amends__isnull=True)
                | (~Q(kind__in=STANDALONE_KINDS) & Q(amends__isnull=False)),
                name="decisionlog_only_decisions_stand_alone",
            ),
            models.CheckConstraint(
                condition=Q(amends__isnull=True) | Q(amends__lt=models.F("seq")),
                name="decisionlog_amends_an_earlier_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seq} {self.kind}"

    def get_absolute_url(self) -> str:
        return reverse("governance:decision-detail", kwargs={"seq": self.seq})


class DecisionOutcome(models.TextChoices):
    """The result a decision records, as its record stores it."""

    ADOPTED = "adopted", "Adopted"
    REJECTED = "rejected", "Rejected"
    NO_QUORUM = "no_quorum", "No quorum"


class DecisionState(models.TextChoices):
    DECIDED = "decided", "As decided"
    AMENDED = "amended", "Amended"
    CORRECTED = "corrected", "Corrected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PublishedDecision(models.Model):
    """A decision's latest public state, derived from its log entries (the decision entry
    with every amendment, correction and withdrawal applied), for lists, filters and search.
    Written in the same transaction as each entry; never a source of truth."""

    entry = models.OneToOneField(
        DecisionLogEntry,
        primary_key=True,
        on_delete=models.PROTECT,
        related_name="published_decision",
    )
    latest_seq = models.PositiveBigIntegerField()
    state = models.CharField(max_length=10, choices=DecisionState.choices)
    title = models.CharField(max_length=300)
    proposal_id = models.PositiveIntegerField(null=True)
    body_slug = models.CharField(max_length=100, blank=True)
    body_name = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=12)
    summary = BoundedTextField(max_length=SHORT_NOTE, blank=True)
    rationale = BoundedTextField(max_length=DOCUMENT, blank=True)
    effective_date = models.DateField(null=True)
    decided_at = models.DateTimeField()
    objectives = ArrayField(models.CharField(max_length=100), default=list)
    countries = ArrayField(models.CharField(max_length=2), default=list)
    materials = ArrayField(models.CharField(max_length=40), default=list)
    # The decision entry's record as published; the fields above hold the latest values.
    record = models.JSONField(help_text="The decision entry's record as published.")
    search = SearchVectorField(null=True)

    class Meta:
        ordering = ("-decided_at", "-entry")
        indexes: ClassVar = [
            GinIndex(fields=("search",), name="publisheddecision_search_gin"),
            models.Index(fields=("body_slug", "outcome"), name="publisheddecision_body_outcome"),
            # The list's order: page 1 reads 25 index entries, a deep page skips index entries
            # only (paging.DecisionPaginator), never rows.
            models.Index(fields=("-decided_at", "-entry"), name="publisheddecision_decided"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:decision-detail", kwargs={"seq": self.entry_id})

    @property
    def outcome_label(self) -> str:
        """The result in words: Adopted, Rejected, No quorum."""
        if self.outcome in DecisionOutcome.values:
            return str(DecisionOutcome(self.outcome).label)
        return self.outcome.replace("_", " ").capitalize()

    @property
    def seq(self) -> int:
        return int(self.entry_id)


# A tree node's key: its level in the high bits, its position in the low 48, so that the
# nodes of one level are consecutive keys (a tile is one range scan).
NODE_LEVEL_SHIFT = 48


class DecisionLogNode(models.Model):
    """The hash of one complete subtree of the log's Merkle tree (RFC 9162): the subtree at
    ``level`` whose leaves are entries ``position * 2**level + 1`` to ``(position + 1) *
    2**level`` (by seq). Level 0 holds the leaf hashes. Written with each entry, in the same
    transaction (``merkle.store_leaves``), never changed: append-only like the log itself."""

    id = models.PositiveBigIntegerField(
        primary_key=True, help_text="level * 2**48 + position (see NODE_LEVEL_SHIFT)."
    )
    level = models.PositiveSmallIntegerField()
    position = models.PositiveBigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        ordering = ("id",)
        verbose_name = "decision log tree node"
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(level__lt=NODE_LEVEL_SHIFT)
                & Q(position__lt=1 << NODE_LEVEL_SHIFT)
                & Q(id=models.F("level") * (1 << NODE_LEVEL_SHIFT) + models.F("position")),
                name="decisionlognode_key",
            ),
            models.CheckConstraint(
                condition=Exact(Length("hash"), 32), name="decisionlognode_hash_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"level {self.level} position {self.position}"
