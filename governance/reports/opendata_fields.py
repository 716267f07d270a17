"""What every column of the open data means, for ``datapackage.json``: what it counts, in which
unit, over which period. A field's description is ``FIELDS[table][column]`` (what, unit) and the
table's period, then the column's own note from its section (e.g. when it is empty).

A column without an entry here still gets a description (its title, its type's unit, the
period), and ``undescribed`` lists it: a test keeps the list empty for the demo's report."""

from __future__ import annotations

from typing import Any

from governance.reports.opendata_fields_balance import ACTING_FIELDS, BALANCE_FIELDS

# When the rows' figures hold. "{period}" is the report's period in words.
IN_PERIOD = "Period: what happened in the report's period ({period})."
AT_END = "Period: as it stood on the last day of the report's period ({period})."
START_AND_END = "Period: on the day before the report's period and on its last day ({period})."
WHEN_BUILT = "Period: as it stood when the report was built (the coverage page shows it live)."
MONTHS = "Period: each month of the report's period ({period}), in UTC."

ORGS = "Unit: organisations (a count)."
PERCENT = "Unit: percent, one decimal, rounded half up."
DAYS = "Unit: days, one decimal, rounded half up."
MOMENT = "Unit: a moment in UTC, to the second (ISO 8601 with a Z)."
COMMENTS = "Unit: comments (a count)."
PROPOSALS = "Unit: proposals (a count)."
VOTES = "Unit: votes of member organisations (a count; one organisation, one vote)."
REQUIREMENTS = "Unit: baseline requirements (a count)."
TEXT = "Unit: text."
MARKDOWN = "Unit: text in Markdown."
IDENTIFIER = "Unit: a number that names the row's subject (not a count)."
YES_NO = "Unit: true or false."

_PROPOSAL_ID = (
    "The proposal's number on the portal (/governance/proposals/<number>/).",
    IDENTIFIER,
)
_LOG_SEQ = ("The number of the decision's entry in the public decision log.", IDENTIFIER)
_TITLE = ("The proposal's title.", TEXT)
_BODY = ("The body (General Assembly, board, …) that takes the decision.", TEXT)
_PAGE = ("The address of the page on the portal that shows it.", "Unit: a URL.")
_CHAMBER = ("The chamber's name.", TEXT)
_CHAMBER_SLUG = ("The chamber's identifier (stable, for joining tables).", None)
_ORGANISATIONS = ("Active member organisations in this row's group.", ORGS)

FIELDS: dict[str, tuple[str, dict[str, tuple[str, str | None]]]] = {
    "membership-by-chamber": (
        START_AND_END,
        {
            "chamber": _CHAMBER,
            "chamber_slug": _CHAMBER_SLUG,
            "members_at_start": (
                "Active member organisations of the chamber on the day before the period.",
                ORGS,
            ),
            "joined": ("Organisations of the chamber that joined during the period.", ORGS),
            "left": (
                "Organisations of the chamber that left or were suspended during the period.",
                ORGS,
            ),
            "members_at_end": (
                "Active member organisations of the chamber on the last day of the period.",
                ORGS,
            ),
            "change": ("Members at the end minus members at the start (may be negative).", ORGS),
        },
    ),
    "membership-by-stage": (
        AT_END,
        {
            "stage": ("The value-chain stage's identifier (e.g. asm, processing).", None),
            "stage_label": ("The value-chain stage in words.", TEXT),
            "organisations": (
                "Active member organisations working at this stage (an organisation working "
                "at several stages counts at each).",
                ORGS,
            ),
        },
    ),
    "membership-by-country": (
        AT_END,
        {
            "country": ("The country of headquarters, as an ISO 3166-1 alpha-2 code.", None),
            "country_name": ("The country's name in English.", TEXT),
            "organisations": ("Active member organisations headquartered there.", ORGS),
        },
    ),
    "membership-by-kind": (
        AT_END,
        {
            "kind": ("The kind of organisation's identifier (e.g. company, ngo).", None),
            "kind_label": ("The kind of organisation in words.", TEXT),
            "organisations": _ORGANISATIONS,
        },
    ),
    "people-by-chamber": (
        AT_END,
        {
            "chamber": _CHAMBER,
            "organisations": (
                "Member organisations of the chamber with people on the portal.",
                ORGS,
            ),
            "people": ("People on the portal for those organisations.", "Unit: people (a count)."),
        },
    ),
    "coverage-matrix": (
        WHEN_BUILT,
        {
            "chamber": _CHAMBER,
            "stage": ("The value-chain stage's identifier (e.g. asm, processing).", None),
            "members": ("Active member organisations of the chamber at the stage.", ORGS),
            "partner_alliances": (
                "Partner alliances (counted apart from members) of the chamber at the stage.",
                "Unit: partner alliances (a count).",
            ),
        },
    ),
    "coverage-gaps": (
        WHEN_BUILT,
        {
            "kind": ("The kind of gap's identifier.", None),
            "kind_label": ("The kind of gap in words.", TEXT),
            "subject": (
                "What the gap is about: a stakeholder group, a material or a country.",
                TEXT,
            ),
            "missing": (
                "Who is missing: the chambers or value-chain stages without a member.",
                TEXT,
            ),
        },
    ),
    "stakeholder-engagement": (
        WHEN_BUILT,
        {
            "engagement": ("The level of engagement's identifier.", None),
            "engagement_label": ("The level of engagement in words.", TEXT),
            "groups": ("Stakeholder groups at this level.", "Unit: stakeholder groups (a count)."),
            "critical_groups": (
                "Of those, critical groups: influence or impact rated 4 or more out of 5.",
                "Unit: stakeholder groups (a count).",
            ),
        },
    ),
    "comments-by-speaker": (
        IN_PERIOD,
        {
            "speaker": (
                "In what capacity the authors spoke, as an identifier (member, reviewer, secretariat, …).",
                None,
            ),
            "speaker_label": ("Who spoke, in words.", TEXT),
            "comments": ("Comments published in the period by such speakers.", COMMENTS),
        },
    ),
    "responses-by-outcome": (
        IN_PERIOD,
        {
            "outcome": (
                "The outcome's identifier (accepted, partly_accepted, not_accepted).",
                None,
            ),
            "outcome_label": ("The outcome in words.", TEXT),
            "responses": (
                "Answers to comments recorded in the period with this outcome.",
                "Unit: answers (a count).",
            ),
        },
    ),
    "participation-by-chamber": (
        IN_PERIOD,
        {
            "chamber": _CHAMBER,
            "chamber_slug": _CHAMBER_SLUG,
            "member_organisations": (
                "Active member organisations of the chamber on the last day of the period.",
                ORGS,
            ),
            "organisations_commented": (
                "Of those, organisations that published a comment in the period.",
                ORGS,
            ),
            "participation_percent": ("Organisations that commented, out of the members.", PERCENT),
            "comments": (
                "Comments published in the period by the chamber's organisations.",
                COMMENTS,
            ),
        },
    ),
    "consultations": (
        IN_PERIOD,
        {
            "proposal_id": _PROPOSAL_ID,
            "title": _TITLE,
            "body": _BODY,
            "opened_at": ("When the consultation opened.", MOMENT),
            "closed_at": ("When the consultation closed.", MOMENT),
            "public_consultation": ("Whether anyone (not only members) could comment.", YES_NO),
            "comments": ("Comments on the proposal published in the period.", COMMENTS),
            "organisations": ("Member organisations that published a comment on it.", ORGS),
            "external_comments": (
                "Comments by external stakeholders published after moderation.",
                COMMENTS,
            ),
            "url": _PAGE,
        },
    ),
    "proposals-decided": (
        IN_PERIOD,
        {
            "proposal_id": _PROPOSAL_ID,
            "title": _TITLE,
            "body": _BODY,
            "result": ("The result's identifier (adopted, rejected, no_quorum).", None),
            "result_label": ("The result in words.", TEXT),
            "decided_at": ("When the result was recorded.", MOMENT),
            "chosen_option": ("The option of the impact assessment that was chosen.", TEXT),
            "rationale": ("Why this option was chosen.", MARKDOWN),
            "trade_offs": ("What the decision gives up, and for whom.", MARKDOWN),
            "url": _PAGE,
        },
    ),
    "costs-of-action-and-inaction": (
        IN_PERIOD,
        {
            "proposal_id": _PROPOSAL_ID,
            "kind": (
                "Whether this is a cost of acting (action) or of not acting (inaction).",
                None,
            ),
            "dimension": ("What kind of cost: economic, social, environmental, …", TEXT),
            "borne_by": ("Who bears the cost.", TEXT),
            "magnitude": ("How large the cost is judged to be (low, medium, high).", TEXT),
            "horizon": (
                "When the cost falls: within a year, in 1 to 3 years, 3 to 10 years or more than 10.",
                TEXT,
            ),
            "confidence": ("How sure the assessment is of the cost.", TEXT),
            "amount": ("The cost as an amount of money.", "Unit: the row's currency."),
            "currency": ("The currency of the amount, as an ISO 4217 code.", None),
            "description": ("The cost described.", MARKDOWN),
        },
    ),
    "cost-totals": (
        IN_PERIOD,
        {
            "kind": ("Costs of acting (action) or of not acting (inaction).", None),
            "currency": ("The currency, as an ISO 4217 code.", None),
            "proposals": ("Proposals decided with a cost given as an amount.", PROPOSALS),
            "amount": ("The amounts of those proposals' costs added up.", "Unit: the currency."),
        },
    ),
    "results-by-month": (
        MONTHS,
        {
            "month": ("The month, as YYYY-MM.", None),
            "adopted": ("Proposals adopted in the month.", PROPOSALS),
            "rejected": ("Proposals rejected in the month.", PROPOSALS),
            "no_quorum": ("Proposals that failed for want of quorum in the month.", PROPOSALS),
            "decisions": ("Proposals decided in the month, whatever the result.", PROPOSALS),
        },
    ),
    "decisions": (
        IN_PERIOD,
        {
            "proposal_id": _PROPOSAL_ID,
            "title": ("What was decided: the proposal's title.", TEXT),
            "body": _BODY,
            "outcome": ("The outcome: adopted, rejected or no quorum.", TEXT),
            "decided_at": ("When the ballot closed with this outcome.", MOMENT),
            "method": ("How votes were counted (e.g. chamber-balanced).", TEXT),
            "secret": ("Whether the ballot was secret.", YES_NO),
            "support_percent": ("The support the tally measured.", PERCENT),
            "log_seq": _LOG_SEQ,
            "log_state": (
                "The entry's state in the log today: as decided, amended, corrected or withdrawn.",
                TEXT,
            ),
            "log_url": ("The address of the decision-log entry.", "Unit: a URL."),
        },
    ),
    "decision-tallies": (
        IN_PERIOD,
        {
            "proposal_id": _PROPOSAL_ID,
            "log_seq": _LOG_SEQ,
            "chamber": _CHAMBER,
            "chamber_slug": _CHAMBER_SLUG,
            "electorate": ("Member organisations of the chamber entitled to vote.", ORGS),
            "recused": ("Organisations that stood aside for a conflict of interest.", ORGS),
            "eligible": ("The electorate minus the recused organisations.", ORGS),
            "cast": ("Votes cast in the chamber.", VOTES),
            "yes": ("Votes in favour.", VOTES),
            "no": ("Votes against.", VOTES),
            "abstain": ("Abstentions.", VOTES),
            "object": ("Formal objections (on ballots that allow them).", VOTES),
            "share_percent": ("Votes in favour out of the votes that count.", PERCENT),
            "quorum_met": ("Whether enough of the chamber voted.", YES_NO),
            "supported": ("Whether the chamber supported the proposal.", YES_NO),
            "figures_withheld": ("Whether the chamber's figures are withheld.", YES_NO),
        },
    ),
    "conflicts-of-interest": (
        IN_PERIOD,
        {
            "proposal_id": _PROPOSAL_ID,
            "organisation": ("The organisation that declared a conflict.", TEXT),
            "chamber_slug": _CHAMBER_SLUG,
            "nature": ("The conflict as the organisation described it.", TEXT),
            "recused": ("Whether the organisation stood aside from the vote.", YES_NO),
            "exemption_reason": ("Why it was allowed to vote despite the conflict.", TEXT),
            "declared_at": ("When the conflict was declared.", MOMENT),
        },
    ),
    "decision-log-entries-by-kind": (
        IN_PERIOD,
        {
            "kind": ("The kind of entry's identifier.", None),
            "kind_label": ("The kind of entry in words.", TEXT),
            "entries": (
                "Entries of this kind published in the decision log.",
                "Unit: entries (a count).",
            ),
        },
    ),
    "glossary-changes": (
        IN_PERIOD,
        {
            "concept": ("The concept's identifier (its address is /glossary/<identifier>/).", None),
            "notation": ("The concept's notation (a short code), when it has one.", TEXT),
            "label": ("The concept's preferred label in English.", TEXT),
            "change": ("What happened: agreed, deprecated or superseded.", TEXT),
            "changed_at": ("When it happened.", MOMENT),
            "use_instead": ("For a superseded concept, the identifier of its replacement.", None),
            "url": _PAGE,
        },
    ),
    "standards-coverage": (
        START_AND_END,
        {
            "standard": ("The standard's name.", TEXT),
            "standard_code": ("The standard's identifier.", None),
            "version": ("The version of the standard the crosswalk maps.", TEXT),
            "requirements": ("Requirements of the alliance's baseline.", REQUIREMENTS),
        },
    ),
    **BALANCE_FIELDS,
    **ACTING_FIELDS,
}
# standards-coverage: "<class>_at_start" and "<class>_at_end" for each coverage class.
AT_START_OR_END = {
    "_at_start": (
        " at the start",
        "Baseline requirements classed '{what}' against this version of the standard by the "
        "crosswalk's approved mappings on the day before the period.",
    ),
    "_at_end": (
        " at the end",
        "Baseline requirements classed '{what}' against this version of the standard by the "
        "crosswalk's approved mappings on the last day of the period.",
    ),
}


def period_words(content: dict[str, Any]) -> str:
    period = content["report"]["period"]
    return f"{period['title']}: {period['start']} to {period['end']}, {period['timezone']}"


def _known(table: str, column: dict[str, Any]) -> tuple[str, str | None] | None:
    entries = FIELDS.get(table, ("", {}))[1]
    if column["name"] in entries:
        return entries[column["name"]]
    for suffix, (words, sentence) in AT_START_OR_END.items():
        if table == "standards-coverage" and column["name"].endswith(suffix):
            what = column["title"].removesuffix(words).strip().lower()
            return sentence.format(what=what), REQUIREMENTS
    return None


def describe(table: str, column: dict[str, Any], period: str) -> str:
    """The field's description: what, its own note, unit, period."""
    known = _known(table, column)
    what, unit = known if known else (f"{column['title']}.", None)
    parts = [what, column.get("description", ""), unit or ""]
    parts.append(FIELDS.get(table, (IN_PERIOD, {}))[0].format(period=period))
    return " ".join(part for part in parts if part)


def undescribed(content: dict[str, Any]) -> list[str]:
    """``table.column`` for every column of ``content`` without an entry here."""
    return [
        f"{table['name']}.{column['name']}"
        for section in content["sections"]
        for table in section["tables"]
        for column in table["columns"]
        if _known(table["name"], column) is None
    ]
