"""Where people's data lives: every field of every model that holds it, declared in one place.

For each model with people's data (the user model, every model with a foreign key to it, and
the few that hold a name or an address without one) ``REGISTRY`` says which fields are
personal and how the erasure of a person treats each (``How``), which fields are not personal,
and which rows are the person's own (``owners``). ``tests/portal/test_personal_data.py`` fails
when a field of such a model is declared neither way, so a new field is a decision, not an
accident. The export (``/accounts/my-data/``) and the erasure
(``alliance_portal.erasure.services``) read this registry; so do the audit trail's event tables
(``alliance_portal.audit``) and the append-only tables' triggers, which let the erasure, and
only it, rewrite exactly the personal columns declared here.

Pure data: importing it imports no model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from alliance_portal.personal_data_records import ACTOR_RECORDS


class How(StrEnum):
    """What the erasure of a person does to a personal field of the rows that are theirs."""

    ERASE = "erase"  # emptied (blank text, NULL)
    PSEUDONYM = "pseudonym"  # an address replaced by erased-<account>@erased.invalid
    ACCOUNT = "account"  # a link to the account: kept (the account itself is anonymised)
    MENTIONS = "mentions"  # free text quoting people: their name and address replaced, every row
    WITHHELD = "withheld"  # a secret of the account (a hash, a digest): never exported
    DELETE_ROW = "delete_row"  # the person's rows are deleted (nothing of record in them)


# The columns the erasure may rewrite in an append-only table (see alliance_portal.append_only).
ERASABLE = frozenset({How.ERASE, How.PSEUDONYM, How.MENTIONS})


@dataclass(frozen=True)
class Entry:
    personal: dict[str, How]
    not_personal: frozenset[str]
    # Which rows are a person's own: "user" for a foreign key to the account (or "pk" for the
    # account itself), "email:<field>" for a row that names their address.
    owners: tuple[str, ...] = ()
    why: str = ""
    export: bool = True
    extra: dict[str, str] = field(default_factory=dict)


def _np(*names: str) -> frozenset[str]:
    return frozenset(names)


_ACTOR_WHY = (
    "A record of what the person did for their organisation or the alliance: kept, it points "
    "to the anonymised account."
)


def _actor_record(np: frozenset[str], *accounts: str, why: str = _ACTOR_WHY) -> Entry:
    return Entry(
        personal=dict.fromkeys(accounts, How.ACCOUNT), not_personal=np, owners=accounts, why=why
    )


REGISTRY: dict[str, Entry] = {
    "alliance_portal.User": Entry(
        personal={
            "email": How.PSEUDONYM,
            "first_name": How.ERASE,
            "last_name": How.ERASE,
            "display_name": How.ERASE,
            "last_login": How.ERASE,
            "password": How.WITHHELD,
        },
        not_personal=_np("id", "is_active", "is_staff", "is_superuser", "date_joined", "erased_at"),
        owners=("pk",),
        why="The account: kept anonymised, so the records that point to it stay whole.",
    ),
    "alliance_portal.ApiToken": Entry(
        personal={
            "user": How.DELETE_ROW,
            "digest": How.WITHHELD,
            "password_fingerprint": How.WITHHELD,
        },
        not_personal=_np(
            "id", "prefix", "created_at", "expires_at", "revoked_at", "revoked_reason"
        ),
        owners=("user",),
        why="API tokens: deleted on erasure (they die with the account).",
    ),
    "alliance_portal.OutboundEmail": Entry(
        personal={
            "recipient": How.PSEUDONYM,
            "subject": How.MENTIONS,
            "body": How.MENTIONS,
            "last_error": How.MENTIONS,
        },
        not_personal=_np("id", "event_key", "headers", "created_at", "sent_at", "attempts"),
        owners=("email:recipient",),
        why="The email outbox: kept so a retried task never sends twice; 180 days.",
    ),
    "alliance_portal.AccessLogEntry": Entry(
        personal={"user": How.ACCOUNT, "object_repr": How.MENTIONS},
        # The reason is the reader's account of why (a staff record), the owner an organisation.
        not_personal=_np(
            "id",
            "content_type",
            "object_id",
            "path",
            "accessed_at",
            "owner_organisation_id",
            "reason",
            "reason_detail",
        ),
        owners=("user",),
        why="Who read confidential material, and why: kept for the organisations it concerns.",
    ),
    "alliance_portal.SecurityEvent": Entry(
        personal={"user": How.ACCOUNT, "email": How.ERASE, "ip_address": How.ERASE},
        not_personal=_np("id", "kind", "path", "method", "action", "at"),
        owners=("user", "email:email"),
        why="Sign-ins and refusals: kept for security reviews, without address or IP.",
    ),
    "alliance_portal.PendingSignup": Entry(
        personal={"email": How.DELETE_ROW, "display_name": How.DELETE_ROW},
        not_personal=_np("id", "requested_at", "token_digest"),
        owners=("email:email",),
        why="An unconfirmed sign-up: removed after 48 hours, or on erasure.",
    ),
    "alliance_portal.NotificationPreference": Entry(
        personal={"user": How.DELETE_ROW},
        not_personal=_np("id", "kind", "frequency", "scope", "updated_at"),
        owners=("user",),
        why="Notification choices: deleted on erasure.",
    ),
    "alliance_portal.NotificationItem": Entry(
        personal={"user": How.DELETE_ROW},
        not_personal=_np(
            "id", "notification", "frequency", "digest_key", "digest_sent_at", "created_at"
        ),
        owners=("user",),
        why="Notifications waiting for a digest: deleted on erasure.",
    ),
    "alliance_portal.Notification": Entry(
        personal={"subject": How.MENTIONS, "line": How.MENTIONS, "body": How.MENTIONS},
        not_personal=_np(
            "id", "kind", "event_key", "link", "audience", "in_scope", "created_at", "dispatched_at"
        ),
        why="What was notified: names in its text are replaced on erasure.",
        export=False,
    ),
    "alliance_portal.ErasureRequest": _actor_record(
        _np(
            "id", "status", "requested_at", "due_on", "decided_at", "decline_reason", "reminded_at"
        ),
        "user",
        "decided_by",
        why="The erasure request itself: kept as the record that the erasure was asked and done.",
    ),
    "admin.LogEntry": Entry(
        personal={"user": How.ACCOUNT, "object_repr": How.MENTIONS, "change_message": How.MENTIONS},
        not_personal=_np("id", "action_time", "content_type", "object_id", "action_flag"),
        owners=("user",),
        why="The admin's history: kept, names in it replaced on erasure.",
        export=False,
    ),
    "guardian.UserObjectPermission": Entry(
        personal={"user": How.DELETE_ROW},
        not_personal=_np("id", "content_type", "object_pk", "permission"),
        owners=("user",),
        why="Items shared with the person: the shares are deleted on erasure.",
    ),
    "pghistory.Context": Entry(
        personal={"metadata": How.MENTIONS},
        not_personal=_np("id", "created_at", "updated_at"),
        why="The audit trail's context (who acted, the page): kept, names in it replaced.",
        export=False,
    ),
    "sessions.Session": Entry(
        personal={"session_data": How.DELETE_ROW},
        not_personal=_np("session_key", "expire_date"),
        owners=("session",),
        why="Signed-in sessions: they end when the account is erased.",
        export=False,
    ),
    "axes.AccessAttempt": Entry(
        personal={
            "username": How.DELETE_ROW,
            "ip_address": How.DELETE_ROW,
            "user_agent": How.DELETE_ROW,
            "get_data": How.DELETE_ROW,
            "post_data": How.DELETE_ROW,
        },
        not_personal=_np("id", "attempt_time", "failures_since_start", "http_accept", "path_info"),
        owners=("email:username",),
        why="Failed sign-ins counted for the lockout: 15 minutes, or removed on erasure.",
        export=False,
    ),
    "axes.AccessLog": Entry(
        personal={
            "username": How.DELETE_ROW,
            "ip_address": How.DELETE_ROW,
            "user_agent": How.DELETE_ROW,
            "session_hash": How.DELETE_ROW,
        },
        not_personal=_np("id", "attempt_time", "logout_time", "http_accept", "path_info"),
        owners=("email:username",),
        why="Sign-ins seen by the lockout: removed on erasure.",
        export=False,
    ),
    "axes.AccessFailureLog": Entry(
        personal={
            "username": How.DELETE_ROW,
            "ip_address": How.DELETE_ROW,
            "user_agent": How.DELETE_ROW,
        },
        not_personal=_np("id", "attempt_time", "locked_out", "http_accept", "path_info"),
        owners=("email:username",),
        why="Failed sign-ins seen by the lockout: removed on erasure.",
        export=False,
    ),
    "members.Organisation": Entry(
        personal={
            "contact_name": How.ERASE,
            "contact_email": How.ERASE,
            "contact_phone": How.ERASE,
        },
        not_personal=_np(
            "id",
            "name",
            "slug",
            "chamber",
            "kind",
            "membership_status",
            "joined_on",
            "headquarters_country",
            "countries_of_operation",
            "value_chain_stages",
            "materials",
            "sectors",
            "website",
            "description",
            "group",
            "created_at",
            "updated_at",
        ),
        owners=("email:contact_email",),
        why="An organisation's contact person: emptied when that person is erased.",
    ),
    "members.Person": Entry(
        personal={"user": How.ACCOUNT, "position": How.ERASE},
        not_personal=_np("id", "organisation", "is_representative", "created_at", "disclosure"),
        owners=("user",),
        why="Membership of an organisation: kept (their organisation's comments and votes "
        "name it), without the position.",
    ),
    "members.MembershipApplication": Entry(
        personal={
            "decided_by": How.ACCOUNT,
            "representative_name": How.ERASE,
            "representative_email": How.PSEUDONYM,
            "representative_position": How.ERASE,
            "commitment_signatory_name": How.ERASE,
            "commitment_signatory_position": How.ERASE,
        },
        not_personal=_np(
            "id",
            "organisation_name",
            "chamber",
            "kind",
            "headquarters_country",
            "countries_of_operation",
            "value_chain_stages",
            "materials",
            "sectors",
            "website",
            "description",
            "motivation",
            "commitment_letter",
            "commitment_signed_on",
            "status",
            "submitted_at",
            "decided_at",
            "rejection_reason",
            "organisation",
        ),
        owners=("email:representative_email",),
        why="An organisation's application: kept as the record of its admission; the people "
        "it names are emptied on their erasure.",
    ),
    "members.PartnerAlliance": Entry(
        personal={"liaison_name": How.ERASE, "liaison_email": How.ERASE},
        not_personal=_np(
            "id",
            "name",
            "slug",
            "description",
            "website",
            "countries",
            "materials",
            "sectors",
            "value_chain_stages",
            "cooperation_agreed_on",
        ),
        owners=("email:liaison_email",),
        why="A partner alliance's liaison: emptied when that person is erased.",
    ),
    "governance.MeetingRequest": Entry(
        personal={"requester": How.ACCOUNT, "decided_by": How.ACCOUNT, "details": How.MENTIONS},
        not_personal=_np(
            "id",
            "body",
            "chamber",
            "decided_at",
            "decline_reason",
            "meet_with",
            "meeting",
            "on_behalf_of",
            "organisation",
            "preferred_language",
            "requested_at",
            "status",
            "topic",
        ),
        owners=("requester", "decided_by"),
        why="Equal access to decision makers: the request is kept for the participation figures.",
    ),
}


for _label, (_accounts, _others) in ACTOR_RECORDS.items():
    REGISTRY[_label] = _actor_record(frozenset(_others), *_accounts)
# A vote is the organisation's; a secret ballot's choice never leaves the votes table.
REGISTRY["governance.Vote"] = Entry(
    personal={"cast_by": How.ACCOUNT},
    not_personal=_np("id", "ballot", "organisation", "choice", "reason", "cast_at"),
    owners=("cast_by",),
    why="Votes cast for the organisation: the organisation's, kept; the secret ballots' "
    "choices are never exported.",
    extra={"secret_ballot_withholds": "choice,reason"},
)


def entry_for(label: str) -> Entry | None:
    return REGISTRY.get(label)


def erasable_columns(label: str, columns: set[str] | None = None) -> list[str]:
    """The fields of model ``label`` the erasure may rewrite (restricted to ``columns``, the
    fields an audit-trail event table copies), sorted; empty when there are none."""
    entry = REGISTRY.get(label)
    if entry is None:
        return []
    names = [name for name, how in entry.personal.items() if how in ERASABLE]
    return sorted(name for name in names if columns is None or name in columns)
