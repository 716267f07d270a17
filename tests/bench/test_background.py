"""The background figures that run in-process (the annual report needs a Celery worker and
is measured only by ``python -m bench --background``)."""

from bench import background


def test_chain_verification_and_skos_export_are_timed(demo):
    verify = background.verify_decision_log()
    assert verify["ok"] is True
    assert verify["entries"] > 0
    assert verify["seconds"] >= 0
    exports = background.skos_export()
    assert [e["name"] for e in exports] == ["SKOS export ttl", "SKOS export jsonld"]
    assert all(e["status"] == 200 and e["bytes"] > 0 for e in exports)


def test_background_table_says_met_or_missed():
    text = background.table(
        [
            {
                "name": "verify_decision_log",
                "entries": 20000,
                "ok": True,
                "seconds": 1.5,
                "target": "≤ 2 s",
                "met": True,
            },
            {
                "name": "annual report build (Celery worker)",
                "report": "Annual report 2025",
                "state": "ready",
                "seconds": 75.0,
                "peak_rss_mib": 420,
                "target": "≤ 60 s and ≤ 500 MB peak RSS",
                "met": False,
            },
        ]
    )
    assert text.splitlines() == [
        "verify_decision_log: 1.5 s 20,000 entries target ≤ 2 s: met",
        "annual report build (Celery worker): 75.0 s 420 MiB peak RSS (Annual report 2025, "
        "ready) target ≤ 60 s and ≤ 500 MB peak RSS: MISSED",
    ]
