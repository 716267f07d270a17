"""The secrecy of a secret ballot's published figures, applied to a whole tally or record.

Whether a row's counts may be published is the method's ``withholds_figures`` (the one rule,
in ``governance.ballots.methods``); here it is applied to a published tally, once when the
decision record is written and again to every rendering (pages, API, feed, report), so that a
record frozen before the rule was tightened is shown by today's rule. Pure Python."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from governance.ballots.methods import Method, method_for

# The figures of a published row that a withholding blanks (null).
COUNT_KEYS = ("cast", "yes", "no", "abstain", "object", "share")


def _row(
    method: Method, row: Mapping[str, Any], *, secret: bool, force: bool = False
) -> dict[str, Any]:
    if not (force or method.withholds_figures(row, secret=secret)):
        return {**row, "figures_withheld": bool(row.get("figures_withheld", False))}
    return {**row, **dict.fromkeys(COUNT_KEYS), "figures_withheld": True}


def public_tally(tally: Mapping[str, Any]) -> dict[str, Any]:
    """A published tally (``tally_record``'s shape) with the secrecy rule applied: each row
    the method's ``withholds_figures`` names gets its counts nulled and ``figures_withheld``,
    keeping whether it met quorum and supported; when a chamber taking part is withheld, the
    overall figures and the support are withheld too (they would give it away by
    subtraction). The outcome stays: it follows from the full count. A new dict; applying it
    twice changes nothing."""
    method = method_for(str(tally["method"]))
    secret = bool(tally.get("secret"))
    chambers = [_row(method, row, secret=secret) for row in tally.get("chambers", [])]
    any_withheld = any(row["figures_withheld"] and row.get("takes_part", True) for row in chambers)
    overall = tally.get("overall")
    if overall is not None:
        overall = _row(method, overall, secret=secret, force=secret and any_withheld)
        any_withheld = any_withheld or overall["figures_withheld"]
    support_withheld = secret and any_withheld
    return {
        **tally,
        "support": None if support_withheld else tally.get("support"),
        "support_withheld": support_withheld or bool(tally.get("support_withheld")),
        "chambers": chambers,
        "overall": overall,
    }


def public_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A decision's stored public record as it may be published today: its tally through
    ``public_tally`` (records of other kinds, without a tally, unchanged). Every rendering of a
    decision record (pages, API, feed, report) goes through this."""
    if not isinstance(record.get("tally"), Mapping):
        return dict(record)
    return {**record, "tally": public_tally(record["tally"])}
