"""Access cases of the decision log's signed heads and witnesses: reading is public; a witness
is registered by an organisation's representative (or the secretariat) and decided by the
secretariat; anyone may post a cosignature, but only one that verifies is kept."""

from __future__ import annotations

import time

from tests.access.matrix import Case

# A witness key for the registration cases (a valid cosignature/v1 verifier key; the
# representative registers it, for everyone after that it is taken already).
REGISTERED_KEY = "matrix.example/witness+c7d25269+BCDy7vnrIrevbE8E1p6tZkjbnpIkQ46PPD5pOETcgBIg"


def populate(world) -> None:
    from alliance_portal.policy import SYSTEM
    from governance.decision_log.services import decision_log_append
    from governance.log_heads import services
    from governance.log_heads.note import COSIGNATURE_V1, cosign, generate_skey

    decision_log_append(
        kind="decision",
        record={"proposal": {"id": 2, "title": "Matrix head"}, "outcome": "adopted"},
    )
    key = generate_skey("own.example/witness", COSIGNATURE_V1)
    witness = services.witness_register(
        actor=SYSTEM, vkey=key.verifier.text(), organisation=world.own
    )
    services.witness_decide(actor=SYSTEM, witness_id=witness.pk, decision="approve")
    pending = services.witness_register(
        actor=SYSTEM,
        vkey=generate_skey("own.example/pending", COSIGNATURE_V1).verifier.text(),
        organisation=world.own,
    )
    head = services.log_head_sign(actor=SYSTEM, force=True)
    assert head is not None
    line = cosign(services.head_text(head), key, int(time.time())).line().rstrip("\n")
    services.cosignature_add(actor=SYSTEM, size=head.size, line=line)
    world.extra["head_size"] = head.size
    world.extra["pending_witness"] = pending.pk


def _head(world):
    return {"size": world.extra["head_size"]}


def _pending(world):
    return {"pk": world.extra["pending_witness"]}


def _pending_id(world):
    return {"id": world.extra["pending_witness"]}


# Anyone may post; a line that is not an approved witness's cosignature is refused for all.
BAD_COSIGNATURE = {"cosignature": "\u2014 stranger.example/w AAAAAAAAAAAA"}

PAGES: dict[str, list[Case]] = {
    "governance:head-list": [Case("public")],
    "governance:witness-list": [
        Case("public"),
        # Without an organisation chosen, the form asks for one (200), for those who may.
        Case(
            "own-organisation-edit",
            method="post",
            data={"vkey": REGISTERED_KEY, "organisation": ""},
            ok=frozenset({200}),
            label="register",
        ),
    ],
    "governance:witness-decide": [
        Case(
            "secretariat",
            kwargs=_pending,
            method="post",
            data={"decision": "approve"},
            ok=frozenset({302}),
        )
    ],
    "decision-log-key": [Case("public")],
    "tlog-checkpoint": [Case("public")],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/decision-log/heads/"): [Case("public")],
    ("get", "/api/v1/decision-log/heads/{size}/"): [Case("public", kwargs=_head)],
    ("post", "/api/v1/decision-log/heads/{size}/cosignatures/"): [
        Case("public", kwargs=_head, data=BAD_COSIGNATURE, ok=frozenset({400}))
    ],
    ("get", "/api/v1/decision-log/witnesses/"): [Case("public")],
    # The representative registers (201); after that the key is taken (400).
    ("post", "/api/v1/decision-log/witnesses/"): [
        Case(
            "own-organisation-edit",
            data={"vkey": REGISTERED_KEY, "organisation": "own-organisation"},
            ok=frozenset({201, 400}),
        )
    ],
    # The secretariat approves (200); the superuser then finds it approved already (400).
    ("post", "/api/v1/decision-log/witnesses/{id}/decision/"): [
        Case(
            "secretariat",
            kwargs=_pending_id,
            data={"decision": "approve"},
            ok=frozenset({200, 400}),
        )
    ],
}
