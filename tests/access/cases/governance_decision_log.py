"""Access cases of the public decision log: readable by anyone; changes are the secretariat's."""

from __future__ import annotations

from tests.access.matrix import Case


def populate(world) -> None:
    from governance.decision_log.services import decision_log_append

    decision = decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": 1, "title": "Matrix decision"},
            "body": {"slug": "assembly", "name": "Assembly"},
            "outcome": "adopted",
        },
    )
    statement = decision_log_append(
        kind="statement", amends=decision.seq, record={"decision_seq": decision.seq, "text": "Ok."}
    )
    world.extra["decision_seq"] = decision.seq
    world.extra["statement_seq"] = statement.seq


def _decision(world):
    return {"seq": world.extra["decision_seq"]}


def _partial(world):
    """The first (partial) tile of the log's Merkle tree as it stands."""
    from governance.decision_log.merkle import current_size

    return {"index": "000", "width": str(current_size())}


PAGES: dict[str, list[Case]] = {
    "governance:decision-list": [Case("public")],
    "governance:decision-feed": [Case("public")],
    "governance:decision-detail": [
        Case("public", kwargs=_decision, label="decision"),
        Case("public", kwargs=lambda w: {"seq": w.extra["statement_seq"]}, label="statement"),
    ],
    "governance:decision-canonical": [Case("public", kwargs=_decision)],
    "governance:decision-change": [Case("secretariat", kwargs=_decision)],
    # The log as C2SP tlog-tiles: public, and the same bytes for everyone.
    "tlog-tile-partial": [Case("public", kwargs=lambda w: {"level": "0", **_partial(w)})],
    "tlog-entries-partial": [Case("public", kwargs=_partial)],
    # A full tile of 256 entries does not exist yet: "not yet", whoever asks.
    "tlog-tile": [
        Case("public", kwargs=lambda w: {"level": "0", "index": "000"}, ok=frozenset({404}))
    ],
    "tlog-entries": [Case("public", kwargs=lambda w: {"index": "000"}, ok=frozenset({404}))],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/decision-log/"): [Case("public")],
    ("get", "/api/v1/decision-log/head/"): [Case("public")],
    ("get", "/api/v1/decision-log/{seq}/"): [Case("public", kwargs=_decision)],
    ("get", "/api/v1/decision-log/{seq}/inclusion/"): [Case("public", kwargs=_decision)],
    # Without its sizes the answer says what to give, the same to everyone.
    ("get", "/api/v1/decision-log/consistency/"): [Case("public", ok=frozenset({400}))],
}
