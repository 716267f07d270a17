"""What the columns of the balance section's tables mean (see ``opendata_fields``)."""

from __future__ import annotations

IN_PERIOD = "Period: what happened in the report's period ({period})."
ORGS = "Unit: organisations (a count)."
PERCENT = "Unit: percent, one decimal, rounded half up."
TEXT = "Unit: text."
REQUESTS = "Unit: meeting requests (a count)."
_CHAMBER = ("The chamber's name; “All chambers” for the row of every chamber together.", TEXT)
_CHAMBER_SLUG = ("The chamber's identifier (stable, for joining tables); empty for all.", None)

BALANCE_FIELDS: dict[str, tuple[str, dict[str, tuple[str, str | None]]]] = {
    "balance-figures": (
        IN_PERIOD,
        {
            "figure": ("The figure's identifier (stable, the API's ``key``).", None),
            "label": ("What the figure measures.", TEXT),
            "value": ("The figure's value, in the row's unit.", "Unit: the row's unit."),
            "unit": ("The unit of the value: days or %.", TEXT),
            "items": ("How many items the figure stands on.", "Unit: items (a count)."),
            "items_label": ("What the items are.", TEXT),
        },
    ),
    "balance-participation": (
        IN_PERIOD,
        {
            "chamber": _CHAMBER,
            "chamber_slug": _CHAMBER_SLUG,
            "eligible": (
                "Member organisations of the chamber on the last day of the period.",
                ORGS,
            ),
            "commented": ("Of those, organisations with a published comment in the period.", ORGS),
            "commented_percent": ("Organisations that commented out of the eligible.", PERCENT),
            "voted": (
                "Of those, organisations that voted in a ballot closed in the period "
                "(secret ballots left out).",
                ORGS,
            ),
            "voted_percent": ("Organisations that voted out of the eligible.", PERCENT),
            "groups_heard": (
                "Community groups (not members) of the chamber whose input was recorded.",
                "Unit: groups (a count).",
            ),
        },
    ),
    "balance-meeting-access": (
        IN_PERIOD,
        {
            "chamber": _CHAMBER,
            "chamber_slug": _CHAMBER_SLUG,
            "requests": ("Meeting requests made in the period.", REQUESTS),
            "granted": ("Of those, requests granted: a meeting was scheduled.", REQUESTS),
            "declined": ("Of those, requests declined.", REQUESTS),
            "pending": ("Of those, requests awaiting a decision.", REQUESTS),
            "median_days_to_meeting": (
                "Median whole days from a granted request to the start of its meeting.",
                "Unit: days (a half at most).",
            ),
            "meetings_held": ("Granted requests whose meeting was held.", REQUESTS),
        },
    ),
}

MONEY_IN = "Unit: an amount in the row's currency (ISO 4217), a decimal."
ACTING_FIELDS: dict[str, tuple[str, dict[str, tuple[str, str | None]]]] = {
    "actions": (
        IN_PERIOD,
        {
            "title": ("The action item's title.", TEXT),
            "url": ("The action's page on the portal.", None),
            "decision": ("The decision-log entry (seq) of the decision it carries out.", None),
            "owner": ("The organisation responsible for it.", TEXT),
            "due_date": ("The due date in force.", "Unit: a date (ISO 8601)."),
            "status": ("Its state's identifier.", None),
            "status_label": ("Its state: planned, in progress, done, blocked or cancelled.", TEXT),
            "done_on": ("The day it was marked done, if it was.", "Unit: a date (ISO 8601)."),
            "on_time": ("Whether it was done on or before its due date.", "Unit: true or false."),
            "overdue": (
                "Whether it was past its due date and not done at the end of the period.",
                "Unit: true or false.",
            ),
        },
    ),
    "initiatives": (
        "Period: initiatives that existed during the report's period ({period}).",
        {
            "title": ("The initiative's title.", TEXT),
            "url": ("The initiative's page on the portal.", None),
            "lead": ("The member organisation leading it.", TEXT),
            "status": ("Its status's identifier.", None),
            "status_label": ("Its status when the report was built.", TEXT),
            "currency": ("The currency of the row's amounts.", "Unit: ISO 4217 code."),
            "budget": ("Its budget, in the budget's currency only.", MONEY_IN),
            "pledged_or_paid": (
                "Pledged or paid in this currency, withdrawn pledges left out.",
                MONEY_IN,
            ),
            "gap": ("What the budget still misses, in the budget's currency only.", MONEY_IN),
        },
    ),
}
