"""Signed heads of the public decision log, the witnesses who vouch for them, and their
cosignatures.

A signed head is a C2SP checkpoint (origin, tree size, root hash) signed by the portal's key
as a signed note; it is stored once per tree size and never changed. A witness is an Ed25519
key (C2SP cosignature/v1, type 0x04) registered for an organisation of the civil-society,
communities or academia chambers, or for a partner alliance; the secretariat approves it, and
its approval is an entry of the decision log. A cosignature is a witness's signature line over
one head, verified before it is stored."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import SHORT_NOTE, BoundedTextField


class SignedHead(models.Model):
    """One checkpoint the portal signed: the tree of the first ``size`` log entries."""

    size = models.PositiveBigIntegerField(unique=True)
    root_hash = models.CharField(max_length=64, help_text="The Merkle tree hash, hex.")
    origin = models.CharField(max_length=200)
    key_id = models.CharField(max_length=8, help_text="The signing key's ID, hex.")
    note = BoundedTextField(
        max_length=SHORT_NOTE, help_text="The checkpoint as a signed note, byte for byte."
    )
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ("-size",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(root_hash__regex=r"^[0-9a-f]{64}$"), name="signedhead_root_hex"
            ),
        ]

    def __str__(self) -> str:
        return f"head {self.size}"


class WitnessStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the secretariat"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    RETIRED = "retired", "Retired"


@audit_trail()
class Witness(models.Model):
    """A key that cosigns the log's heads, held by a member organisation of the civil-society,
    communities or academia chambers, or by a partner alliance."""

    name = models.CharField(max_length=200, help_text="The key name, e.g. witness.example.org/w1")
    vkey = models.CharField(max_length=300, unique=True, help_text="The verifier key (type 0x04).")
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="witnesses",
    )
    partner_alliance = models.ForeignKey(
        "members.PartnerAlliance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="witnesses",
    )
    url = models.URLField(
        blank=True, help_text="Where it answers the C2SP tlog-witness protocol, if it does."
    )
    note = BoundedTextField(max_length=SHORT_NOTE, blank=True, help_text="Who runs it, how.")
    status = models.CharField(
        max_length=10, choices=WitnessStatus.choices, default=WitnessStatus.PENDING
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    log_seq = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The decision-log entry that published the approval."
    )

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "witnesses"
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) ^ Q(partner_alliance__isnull=True),
                name="witness_one_holder",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def holder_name(self) -> str:
        holder = self.organisation or self.partner_alliance
        return str(holder) if holder else ""

    @property
    def owner_organisation_id(self) -> int | None:
        return self.organisation_id


class Cosignature(models.Model):
    """A witness's verified cosignature/v1 of one signed head."""

    head = models.ForeignKey(SignedHead, on_delete=models.PROTECT, related_name="cosignatures")
    witness = models.ForeignKey(Witness, on_delete=models.PROTECT, related_name="cosignatures")
    line = models.CharField(max_length=400, help_text="The note signature line, byte for byte.")
    timestamp = models.PositiveBigIntegerField(help_text="When the witness signed (POSIX).")
    received_at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=20, help_text="posted, or tlog-witness")

    class Meta:
        ordering = ("head", "witness__name")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("head", "witness"), name="cosignature_once_per_head"),
        ]

    def __str__(self) -> str:
        return f"{self.witness} on {self.head}"
