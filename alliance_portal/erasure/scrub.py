"""The erasure of one person everywhere, driven by ``alliance_portal.personal_data``.

Called only by ``erasure_confirm`` (inside its use case, with the erasure request marked
"erasing" and the transaction-local ``ERASURE_SETTING`` naming it, which is what lets the
append-only tables' triggers accept the rewrite of their declared personal columns).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from pghistory.models import Event

from alliance_portal.personal_data import REGISTRY, Entry, How

MIN_MENTION = 3  # shorter names are not searched for in free text (too many false hits)


@dataclass(frozen=True)
class Identity:
    """What identifies the person in rows and text, and what replaces it."""

    user_id: int
    email: str
    names: tuple[str, ...]
    label: str  # "former participant of <organisation>"

    @property
    def pseudonym(self) -> str:
        return f"erased-{self.user_id}@erased.invalid"


def identity_of(user: Any, organisation_name: str) -> Identity:
    full = f"{user.first_name} {user.last_name}".strip()
    names = {n.strip() for n in (user.display_name, full, user.first_name + user.last_name)}
    label = f"former participant of {organisation_name}" if organisation_name else ""
    return Identity(
        user_id=user.pk,
        email=user.email,
        names=tuple(sorted((n for n in names if len(n) >= MIN_MENTION), key=len, reverse=True)),
        label=label or "former participant",
    )


def _label_of(model: type[models.Model]) -> str:
    tracked = getattr(model, "pgh_tracked_model", None)
    if issubclass(model, Event) and tracked is not None:
        return str(tracked._meta.label)
    return str(model._meta.label)


def _owner_filter(model: type[models.Model], entry: Entry, who: Identity) -> Q | None:
    names = {f.name for f in model._meta.concrete_fields}
    found = Q()
    any_owner = False
    for owner in entry.owners:
        if owner == "pk" and not issubclass(model, Event):
            found |= Q(pk=who.user_id)
        elif owner.startswith("email:") and owner[6:] in names:
            found |= Q(**{f"{owner[6:]}__iexact": who.email})
        elif owner in names:
            found |= Q(**{f"{owner}_id": who.user_id})
        else:
            continue
        any_owner = True
    return found if any_owner else None


def _emptied(field: Any) -> Any:
    return None if field.null else ""


def _pattern(texts: tuple[str, ...]) -> str:
    return "|".join(re.escape(text) for text in texts)


def _replace_mentions(model: type[models.Model], column: str, who: Identity, *, json_: bool) -> int:
    """Replace the person's names by their label and their address by the pseudonym in one
    text column of every row (two statements, the address first)."""
    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(column)
    changed = 0
    for texts, replacement in (((who.email,), who.pseudonym), (who.names, who.label)):
        if not texts or not any(texts):
            continue
        pattern = _pattern(texts)
        if json_:
            # Replace inside the JSON text, keeping it valid JSON (the label is JSON-escaped).
            value = json.dumps(replacement)[1:-1]
            target = f"{col}::text"
            expression = f"regexp_replace({target}, %s, %s, 'gi')::jsonb"
        else:
            value, target = replacement, col
            expression = f"regexp_replace({col}, %s, %s, 'gi')"
        value = value.replace("\\", "\\\\").replace("&", "\\&")
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {col} = {expression} WHERE {target} ~* %s",  # noqa: S608
                [pattern, value, pattern],
            )
            changed += cursor.rowcount
    return changed


def _erase_model(model: type[models.Model], entry: Entry, who: Identity) -> int:
    event = issubclass(model, Event)
    fields = {f.name: f for f in model._meta.concrete_fields}
    manager = model._base_manager
    changed = 0
    owned = _owner_filter(model, entry, who)
    if owned is not None:
        if not event and How.DELETE_ROW in entry.personal.values():
            changed += manager.filter(owned).delete()[0]
        else:
            updates: dict[str, Any] = {}
            for name, how in entry.personal.items():
                if name not in fields:
                    continue
                if how == How.ERASE:
                    updates[name] = _emptied(fields[name])
                elif how == How.PSEUDONYM:
                    updates[name] = who.pseudonym
            if updates:
                changed += manager.filter(owned).update(**updates)
    for name, how in entry.personal.items():
        if how == How.MENTIONS and name in fields:
            json_ = isinstance(fields[name], models.JSONField)
            changed += _replace_mentions(model, fields[name].column, who, json_=json_)
    return changed


def _end_sessions(who: Identity) -> int:
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(who.user_id)
    ]
    return Session.objects.filter(pk__in=ended).delete()[0]


def erase_everywhere(user: Any, who: Identity) -> int:
    """Erase the person from every table the registry names (their account last); the number
    of rows changed or removed."""
    changed = _end_sessions(who)
    account_model = type(user)
    for model in apps.get_models():
        if model is account_model or model is Session or model._meta.proxy:
            continue
        entry = REGISTRY.get(_label_of(model))
        if entry is not None:
            changed += _erase_model(model, entry, who)
    # The account itself: no name, no address, no way to sign in; kept for what it did.
    user.email = who.pseudonym
    user.first_name = user.last_name = user.display_name = ""
    user.last_login = None
    user.set_unusable_password()
    user.is_active = False
    user.erased_at = timezone.now()
    user.save()
    return changed + 1
