"""Demo data of ballots: the short impact assessments of the proposals the ballot demo adds."""

from __future__ import annotations

from decimal import Decimal

from governance.demo_content import DemoImpact, _costs


def short_impact(rationale: str, trade_offs: str, action: str, inaction: str) -> DemoImpact:
    """A short impact assessment: two options, the first chosen, and one cost per dimension."""

    def row(borne_by: str, magnitude: str, text: str, amount: Decimal | None = None) -> tuple:
        return (borne_by, magnitude, "short", "medium", text, amount, "USD" if amount else "", "")

    return DemoImpact(
        options=(("As proposed", "The proposal as put to the ballot."), ("Do nothing", "")),
        rationale=rationale,
        trade_offs=trade_offs,
        costs=_costs(
            (
                row("Members", "medium", action, Decimal("250000")),
                row("Members' staff", "low", "Training and follow-up."),
                row("Nobody identified", "low", "No direct environmental effect."),
            ),
            (
                row("Members", "medium", inaction, Decimal("1200000")),
                row("Workers and communities", "high", "The harm continues unchecked."),
                row("Communities around the sites", "medium", "Impacts stay unmonitored."),
            ),
        ),
    )
