"""Reads of the personal-data feature: a person's own data (the export), their erasure
request, the secretariat's list of requests and who to remind."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from pghistory.models import Event

from alliance_portal.erasure.models import ErasureRequest, ErasureStatus
from alliance_portal.personal_data import REGISTRY, Entry, How
from alliance_portal.roles import SECRETARIAT_GROUP

EXPORT_VERSION = 1


def erasure_request_of(user: Any) -> ErasureRequest | None:
    """The person's latest erasure request, if any."""
    return ErasureRequest.objects.filter(user=user).order_by("-requested_at", "-pk").first()


def erasure_requests(*, status: str = "") -> QuerySet[ErasureRequest]:
    """Erasure requests for the secretariat, soonest due first (``status`` filters)."""
    found = ErasureRequest.objects.select_related("user", "decided_by")
    if status:
        found = found.filter(status=status)
    return found.order_by("due_on", "pk")


def erasure_requests_to_remind(*, now: datetime) -> list[ErasureRequest]:
    """Waiting requests due within ``PERSONAL_DATA_ERASURE_REMIND_DAYS`` (or overdue) whose
    secretariat was not reminded today."""
    soon = now.date() + timedelta(days=settings.PERSONAL_DATA_ERASURE_REMIND_DAYS)
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        ErasureRequest.objects.filter(status=ErasureStatus.PENDING, due_on__lte=soon)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=start_of_day))
        .order_by("due_on", "pk")
    )


def secretariat_addresses() -> list[str]:
    from alliance_portal.models import User

    return list(
        User.objects.filter(is_active=True, is_staff=True, groups__name=SECRETARIAT_GROUP)
        .order_by("email")
        .values_list("email", flat=True)
    )


def _links(model: type[models.Model], entry: Entry) -> tuple[list[str], list[str], list[str]]:
    """(owner foreign keys, owner address fields, other account links) of the model."""
    names = {f.name for f in model._meta.concrete_fields}
    owner_fks = [o for o in entry.owners if o in names and model._meta.get_field(o).is_relation]
    emails = [o[6:] for o in entry.owners if o.startswith("email:") and o[6:] in names]
    others = [
        n
        for n, how in entry.personal.items()
        if how in (How.ACCOUNT, How.DELETE_ROW)
        and n in names
        and n not in owner_fks
        and model._meta.get_field(n).is_relation
    ]
    return owner_fks, emails, others


def _row(obj: models.Model, entry: Entry, *, owner: bool) -> dict[str, Any]:
    """A row as the export shows it: secrets left out, and the personal fields of other
    people left out of rows the person only acted on."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        how = entry.personal.get(field.name)
        if how == How.WITHHELD:
            continue
        if how in (How.ERASE, How.PSEUDONYM, How.MENTIONS) and not owner:
            continue
        row[field.name] = getattr(obj, field.attname)
    return row


def _rows_of(model: type[models.Model], entry: Entry, user: Any) -> list[dict[str, Any]]:
    owner_fks, emails, others = _links(model, entry)
    owned = Q(pk__in=[])
    for name in owner_fks:
        owned |= Q(**{f"{name}_id": user.pk})
    for name in emails:
        owned |= Q(**{f"{name}__iexact": user.email})
    acted = Q(pk__in=[])
    for name in others:
        acted |= Q(**{f"{name}_id": user.pk})
    rows = []
    for obj in model._base_manager.filter(owned | acted).order_by("pk"):
        mine = any(getattr(obj, f"{n}_id") == user.pk for n in owner_fks) or any(
            str(getattr(obj, n)).lower() == user.email.lower() for n in emails
        )
        rows.append(_row(obj, entry, owner=mine))
    return rows


def _withhold_secret_ballots(label: str, rows: list[dict[str, Any]]) -> None:
    if label != "governance.Vote" or not rows:
        return
    ballot_model = apps.get_model("governance", "Ballot")
    secret = set(
        ballot_model.objects.filter(pk__in={r["ballot"] for r in rows}, secret=True).values_list(
            "pk", flat=True
        )
    )
    for row in rows:
        if row["ballot"] in secret:
            row["choice"] = row["reason"] = "(secret ballot: never leaves the votes table)"


def personal_data_export(user: Any) -> dict[str, Any]:
    """Everything the portal holds that points to the person's account, by model, as the
    registry declares it (JSON-ready with DjangoJSONEncoder)."""
    records: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        if issubclass(model, Event) or model._meta.proxy:
            continue
        label = model._meta.label
        entry = REGISTRY.get(label)
        if entry is None or not entry.export or label == settings.AUTH_USER_MODEL:
            continue
        rows = _rows_of(model, entry, user)
        _withhold_secret_ballots(label, rows)
        if rows:
            records[label] = rows
    account_entry = REGISTRY[settings.AUTH_USER_MODEL]
    return {
        "format": f"alliance-portal personal data export, version {EXPORT_VERSION}",
        "exported_at": timezone.now(),
        "account": _row(user, account_entry, owner=True),
        "records": records,
        "what_is_kept_and_why": {
            label: entry.why for label, entry in sorted(REGISTRY.items()) if entry.why
        },
    }
