"""The secretariat's audit-trail page: who changed what, when, through which use case, with
before and after (issue 20, item 1), read from django-pghistory's event tables.

Why not pghistory's ``Events`` view: it is a UNION over every event table (83 of them), sorted
as a whole, so each page reads the whole trail and grows slow with it. Here a page reads ONE
event table, the one of the kind of record chosen (the object-type filter, always set), by
keyset: ``pgh_id < <last id of the previous page>`` in descending ``pgh_id`` order, which is
the order the rows were recorded in and is served by the table's primary-key index, so the
n-th page costs what the first does (no OFFSET). Who acted and the use case live in the
event's context row (``alliance_portal.audit``); those filters are a semi-join on the context
table, answered by its GIN index on ``metadata`` (``audit_context_metadata``, migration
0011). A record's filter is its ``pgh_obj_id`` (the foreign key's index); an organisation's
is the tracked model's ``owner_organisation_path`` where the event table carries it.

A page is three queries whatever its length: the events (their contexts joined, the previous
snapshot's id as a correlated subquery computed for the page's rows only), the previous
snapshots by id, and the names of the people who acted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Model, OuterRef, Q, Subquery
from pghistory.models import Context, Event

from alliance_portal.models import User

PAGE_SIZE = 25
_SKIP = {"pgh_id", "pgh_created_at", "pgh_label", "pgh_obj", "pgh_context"}


def _tracked(event_model: Any) -> type[Model]:
    """The model whose rows ``event_model`` records."""
    tracked: type[Model] = event_model.pgh_tracked_model
    return tracked


def event_models() -> dict[str, type[Event]]:
    """The audit trail's event tables, by the label of the model they track (lower case)."""
    return {
        _tracked(model)._meta.label_lower: model
        for model in apps.get_models()
        if issubclass(model, Event) and model._meta.managed and not model._meta.proxy
    }


def object_type_choices() -> list[tuple[str, str]]:
    found = [
        (label, str(_tracked(model)._meta.verbose_name).capitalize())
        for label, model in event_models().items()
    ]
    return sorted(found, key=lambda item: item[1])


def organisation_filter(event_model: type[Event], organisation_id: int) -> Q | None:
    """The condition "the record belongs to this organisation" on ``event_model``, or
    ``None`` when records of that kind are not filed under an organisation."""
    tracked: Any = _tracked(event_model)
    path = getattr(tracked, "owner_organisation_path", None)
    if path == "pk":
        return Q(pgh_obj_id=organisation_id)
    if not path:
        return None
    first = path.split("__", 1)[0].removesuffix("_id")
    names = {field.name for field in event_model._meta.fields}
    if first not in names:
        return None
    return Q(**{path: organisation_id})


@dataclass(frozen=True)
class AuditFilters:
    object_type: str
    object_id: str = ""
    user_id: int | None = None
    use_case: str = ""
    organisation_id: int | None = None
    on_or_after: date | None = None
    on_or_before: date | None = None


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    event_id: int
    at: datetime
    kind: str  # "Created", "Changed", "Deleted"
    object_id: str
    object_label: str
    who: str
    use_case: str
    url: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    next_before: int | None  # the keyset of the next page (older events), if any


_KIND = {"insert": "Created", "update": "Changed", "delete": "Deleted"}


def _display(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y, %H:%M UTC")
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    text = str(value)
    return text if len(text) <= 200 else f"{text[:199]}…"


def _snapshot(event: Model, fields: list[Any]) -> dict[str, Any]:
    return {item.verbose_name: getattr(event, item.attname) for item in fields}


def audit_trail_page(*, filters: AuditFilters, before: int | None = None) -> AuditPage:
    """One page of the events of ``filters.object_type``, newest first, older than the event
    ``before`` (keyset); three queries (see the module docstring)."""
    event_model: Any = event_models()[filters.object_type]
    events: Any = event_model.objects.select_related("pgh_context").order_by("-pgh_id")
    if before is not None:
        events = events.filter(pgh_id__lt=before)
    if filters.object_id:
        events = events.filter(pgh_obj_id=filters.object_id)
    if filters.on_or_after is not None:
        events = events.filter(pgh_created_at__date__gte=filters.on_or_after)
    if filters.on_or_before is not None:
        events = events.filter(pgh_created_at__date__lte=filters.on_or_before)
    metadata: dict[str, Any] = {}
    if filters.user_id is not None:
        metadata["user"] = filters.user_id
    if filters.use_case:
        metadata["use_case"] = filters.use_case
    if metadata:
        contexts = Context.objects.filter(metadata__contains=metadata).values("id")
        events = events.filter(pgh_context_id__in=contexts)
    if filters.organisation_id is not None:
        condition = organisation_filter(event_model, filters.organisation_id)
        events = events.filter(condition if condition is not None else Q(pk__in=[]))
    previous = event_model.objects.filter(
        pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id")
    ).order_by("-pgh_id")
    events = events.annotate(previous_id=Subquery(previous.values("pgh_id")[:1]))
    found = list(events[: PAGE_SIZE + 1])
    more, found = len(found) > PAGE_SIZE, found[:PAGE_SIZE]
    earlier = event_model.objects.in_bulk([e.previous_id for e in found if e.previous_id])
    user_ids = {_meta(e).get("user") for e in found} - {None}
    people = {user.pk: user for user in User.objects.filter(pk__in=user_ids)}
    fields = [item for item in event_model._meta.fields if item.name not in _SKIP]
    rows = [_row(event, earlier.get(event.previous_id), fields, people) for event in found]
    return AuditPage(rows=rows, next_before=found[-1].pgh_id if more and found else None)


def _meta(event: Any) -> dict[str, Any]:
    context = event.pgh_context
    return dict(context.metadata) if context is not None else {}


def _row(event: Any, earlier: Any, fields: list[Any], people: dict[int, Any]) -> AuditRow:
    meta = _meta(event)
    after = _snapshot(event, fields)
    before = _snapshot(earlier, fields) if earlier is not None else {}
    label = str(event.pgh_label)
    if label == "delete":
        changes = [Change(str(name), _display(value), "(deleted)") for name, value in after.items()]
    else:
        changes = [
            Change(str(name), _display(before.get(name)) if before else "(new)", _display(value))
            for name, value in after.items()
            if not before or before.get(name) != value
        ]
    person = people.get(int(meta["user"])) if meta.get("user") is not None else None
    if meta.get("system"):
        who = "The portal itself"
    elif person is not None:
        who = f"{person} ({person.email})"
    else:
        who = "Nobody signed in" if meta else "Not recorded"
    use_case = str(meta.get("use_case") or "")
    return AuditRow(
        event_id=event.pgh_id,
        at=event.pgh_created_at,
        kind=_KIND.get(label, label.capitalize()),
        object_id=str(event.pgh_obj_id),
        object_label=str(event.pgh_tracked_model._meta.verbose_name).capitalize(),
        who=who,
        use_case=use_case.replace("_", " ") if use_case else "A page or the admin (no use case)",
        url=str(meta.get("url") or ""),
        changes=changes,
    )
