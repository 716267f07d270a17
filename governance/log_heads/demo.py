"""Demo data of the decision log's trust: the signing key announced in the log, one approved
witness run by a civil-society organisation (Fair Minerals Watch), a signed head, and that
witness's cosignature of it. Idempotent. In development the witness's key is kept beside the
log's (``.data/demo-witness.skey``), so ``tools/witness.py`` can go on cosigning as it."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings

from alliance_portal.policy import SYSTEM
from governance.log_heads import services
from governance.log_heads.models import Cosignature, SignedHead, Witness
from governance.log_heads.note import (
    COSIGNATURE_V1,
    SignerKey,
    cosign,
    generate_skey,
    parse_skey,
)
from members.models import Organisation

WITNESS_ORGANISATION = "Fair Minerals Watch"
WITNESS_NAME = "fairmineralswatch.example/witness"


def _key_file() -> Path | None:
    log_key_file = settings.DECISION_LOG_SIGNING_KEY_FILE
    return Path(log_key_file).with_name("demo-witness.skey") if log_key_file else None


def _witness_key() -> SignerKey:
    path = _key_file()
    if path is not None and path.exists():
        return parse_skey(path.read_text())
    key = generate_skey(WITNESS_NAME, COSIGNATURE_V1)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key.text() + "\n")
        path.chmod(0o600)
    return key


def seed() -> None:
    organisation = Organisation.objects.filter(name=WITNESS_ORGANISATION).first()
    if organisation is None:
        return
    services.log_key_announce(actor=SYSTEM, reason="The key the portal signs the log's heads with.")
    if Witness.objects.filter(organisation=organisation).exists():
        return
    key = _witness_key()
    witness = services.witness_register(
        actor=SYSTEM,
        vkey=key.verifier.text(),
        organisation=organisation,
        note="Runs tools/witness.py every ten minutes from its own server.",
    )
    services.witness_decide(
        actor=SYSTEM,
        witness_id=witness.pk,
        decision="approve",
        reason="A civil-society member organisation; its key was checked by telephone.",
    )
    services.log_head_sign(actor=SYSTEM, force=True)
    head = SignedHead.objects.order_by("-size").first()
    if head is None or Cosignature.objects.filter(head=head, witness=witness).exists():
        return
    text = services.head_text(head)
    line = cosign(text, key, int(time.time())).line().rstrip("\n")
    services.cosignature_add(actor=SYSTEM, size=head.size, line=line, via="posted")
