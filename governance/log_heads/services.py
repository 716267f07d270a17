"""Signing the decision log's heads, registering and approving witnesses, storing their
cosignatures, and announcing the signing key in the log itself.

A head is signed by ``log_head_sign`` after appends (at most once a minute while they keep
coming; beat signs what is left). Witnesses' cosignatures arrive by the API (``tools/witness.py``
posts them) or come back from outside witnesses the portal submits each head to
(``governance.log_heads.submit``, C2SP tlog-witness); either way ``cosignature_add`` verifies
them against the approved witness keys before storing them."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import User
from alliance_portal.types import Actor
from governance.decision_log import merkle
from governance.decision_log.models import DecisionLogEntry, LogEntryKind
from governance.decision_log.services import decision_log_append
from governance.log_heads.keys import signing_key, verifier_key
from governance.log_heads.models import Cosignature, SignedHead, Witness, WitnessStatus
from governance.log_heads.note import (
    COSIGNATURE_V1,
    Checkpoint,
    NoteError,
    parse_signature_line,
    parse_vkey,
    sign_note,
    split_note,
    verify_cosignature,
)

HEAD_LOCK_KEY = (
    int.from_bytes(hashlib.sha256(b"alliance-portal decision-log heads").digest()[:8], "big") >> 1
)
# A cosignature dated further ahead than this is refused (clocks drift, not by hours).
FUTURE_SLACK_SECONDS = 600


@use_case
def log_head_sign(*, actor: Actor, force: bool = False) -> SignedHead | None:
    """Sign a checkpoint of the log as it stands, when it grew since the last head: none when
    nothing was appended since, or (unless ``force``) when the last head is younger than
    ``DECISION_LOG_HEAD_INTERVAL_SECONDS`` (beat signs the rest). Each new head is then sent
    to the outside witnesses (``DECISION_LOG_WITNESS_URLS``) once the transaction commits."""
    policy.require(actor, "log_head.sign")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [HEAD_LOCK_KEY])
    size = merkle.current_size()
    last = SignedHead.objects.order_by("-size").first()
    now = timezone.now()
    if size == 0 or (last is not None and last.size >= size):
        return None
    interval = timedelta(seconds=settings.DECISION_LOG_HEAD_INTERVAL_SECONDS)
    if not force and last is not None and last.signed_at > now - interval:
        return None
    key = signing_key()
    root = merkle.root_hash(size)
    checkpoint = Checkpoint(key.name, size, root)
    head = SignedHead.objects.create(
        size=size,
        root_hash=root.hex(),
        origin=key.name,
        key_id=key.verifier.id.hex(),
        note=sign_note(checkpoint.text(), key),
        signed_at=now,
    )
    if settings.DECISION_LOG_WITNESS_URLS:
        from governance.log_heads.tasks import log_head_submit_task

        transaction.on_commit(lambda: log_head_submit_task.delay(head.pk))
    return head


def _witness_keys(name: str) -> list[tuple[Witness, Any]]:
    return [
        (witness, parse_vkey(witness.vkey))
        for witness in Witness.objects.filter(name=name, status=WitnessStatus.APPROVED)
    ]


@use_case
def cosignature_add(*, actor: Actor, size: int, line: str, via: str = "posted") -> Cosignature:
    """Store a witness's cosignature/v1 of the head of ``size``, once it verifies against an
    approved witness key. Posting the same witness's cosignature again returns the stored one
    (the first stays). Anyone may post: the signature is what counts."""
    policy.require(actor, "cosignature.add")
    head = SignedHead.objects.filter(size=size).first()
    if head is None:
        raise ValidationError({"size": f"No signed head has size {size}."})
    try:
        signature = parse_signature_line(line)
    except NoteError as error:
        raise ValidationError({"cosignature": str(error)}) from error
    text, _ = split_note(head.note)
    for witness, key in _witness_keys(signature.name):
        if key.id != signature.key_id:
            continue
        try:
            timestamp = verify_cosignature(text, signature, key)
        except NoteError as error:
            raise ValidationError({"cosignature": str(error)}) from error
        if timestamp > time.time() + FUTURE_SLACK_SECONDS:
            raise ValidationError({"cosignature": "The cosignature is dated in the future."})
        cosignature, _ = Cosignature.objects.get_or_create(
            head=head,
            witness=witness,
            defaults={"line": signature.line().rstrip("\n"), "timestamp": timestamp, "via": via},
        )
        return cosignature
    raise ValidationError(
        {"cosignature": f"No approved witness has the key {signature.name} that signed this."}
    )


def _holder(witness: Witness) -> dict[str, str]:
    if witness.organisation is not None:
        organisation = witness.organisation
        return {"kind": "organisation", "name": organisation.name, "slug": organisation.slug}
    assert witness.partner_alliance is not None  # noqa: S101 (a constraint holds it)
    alliance = witness.partner_alliance
    return {"kind": "partner_alliance", "name": alliance.name, "slug": alliance.slug}


@use_case
def witness_register(
    *,
    actor: Actor,
    vkey: str,
    organisation: Any = None,
    partner_alliance: Any = None,
    url: str = "",
    note: str = "",
) -> Witness:
    """Register a witness key (a C2SP verifier key of type 0x04, cosignature/v1) for an
    organisation of the chambers that may witness, or for a partner alliance. It cosigns
    nothing the portal counts until the secretariat approves it."""
    if (organisation is None) == (partner_alliance is None):
        raise ValidationError("Name the organisation or the partner alliance that runs it.")
    policy.require(actor, "witness.register", organisation or partner_alliance)
    try:
        key = parse_vkey(vkey)
    except NoteError as error:
        raise ValidationError({"vkey": str(error)}) from error
    if key.kind != COSIGNATURE_V1:
        raise ValidationError(
            {
                "vkey": "A witness key has signature type 0x04 (cosignature/v1): make it with "
                "python tools/witness.py keygen NAME."
            }
        )
    if Witness.objects.filter(vkey=key.text()).exists():
        raise ValidationError({"vkey": "This key is registered already."})
    return Witness.objects.create(
        name=key.name,
        vkey=key.text(),
        organisation=organisation,
        partner_alliance=partner_alliance,
        url=url,
        note=note,
        registered_by=actor if isinstance(actor, User) else None,
    )


WITNESS_DECISIONS = {
    "approve": (WitnessStatus.PENDING, WitnessStatus.APPROVED, "approved"),
    "refuse": (WitnessStatus.PENDING, WitnessStatus.REFUSED, ""),
    "retire": (WitnessStatus.APPROVED, WitnessStatus.RETIRED, "retired"),
}


@use_case
def witness_decide(*, actor: Actor, witness_id: int, decision: str, reason: str = "") -> Witness:
    """The secretariat approves or refuses a pending witness, or retires an approved one. An
    approval and a retirement are entries of the decision log (kind ``witness``), so anyone
    can tell which keys vouched for the log when."""
    witness = (
        Witness.objects.select_for_update(of=("self",))
        .select_related("organisation", "partner_alliance")
        .filter(pk=witness_id)
        .first()
    )
    if witness is None:
        raise ValidationError("No such witness.")
    policy.require(actor, "witness.approve", witness)
    if decision not in WITNESS_DECISIONS:
        raise ValidationError({"decision": "Approve, refuse or retire."})
    before, after, published = WITNESS_DECISIONS[decision]
    if witness.status != before:
        raise ValidationError(
            f"This witness is {witness.get_status_display().lower()}: it cannot be {decision}d."
        )
    witness.status = after
    witness.decided_at = timezone.now()
    if published:
        holder = _holder(witness)
        entry = decision_log_append(
            kind=LogEntryKind.WITNESS,
            record={
                "title": f"Witness {witness.name} of {holder['name']} {published}",
                "action": published,
                "witness": {"name": witness.name, "vkey": witness.vkey, "holder": holder},
                "reason": reason.strip(),
            },
        )
        witness.log_seq = entry.seq
    witness.save()
    return witness


@use_case
def log_key_announce(*, actor: Actor, reason: str = "") -> DecisionLogEntry | None:
    """Publish the signing key in the log itself (kind ``log_key``), naming the key it
    replaces: done once when a portal starts signing and after every key rotation. Nothing
    is appended when the log's last key entry already names the key in use."""
    policy.require(actor, "log_key.announce")
    vkey = verifier_key().text()
    last = DecisionLogEntry.objects.filter(kind=LogEntryKind.LOG_KEY).order_by("-seq").first()
    previous = None
    if last is not None:
        previous = json.loads(last.canonical)["record"].get("vkey")
        if previous == vkey:
            return None
    return decision_log_append(
        kind=LogEntryKind.LOG_KEY,
        record={
            "title": "The log's heads are signed with a new key"
            if previous
            else "The log's heads are signed with this key",
            "vkey": vkey,
            "previous_vkey": previous,
            "reason": reason.strip(),
        },
    )


def head_text(head: SignedHead) -> str:
    """The checkpoint's text (what the portal and the witnesses signed)."""
    return split_note(head.note)[0]
