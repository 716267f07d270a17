"""What a person may *see*: the one place that answers "may this person see / change this
object" and "filter this queryset for this person" (what they may *do* is ``actions``). Pages, API, exports, feeds, search, reports and
admin all ask it; none filters by hand.

A person sees an item when

1. their role reaches the item's disclosure level (DESIGN.md §2), or
2. the item belongs to their own organisation, or
3. it was shared with them, their organisation or one of their bodies through a django-guardian
   object permission ``view_<model>`` (with ``accept_global_perms=False``: a model-level
   permission never grants every object).

A person may change an item when they are the superuser, or of the secretariat holding the
model's change permission, or hold the object permission ``change_<model>`` on that very item
(how an organisation's representative edits their own organisation, and no other).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from alliance_portal.disclosure import LEVEL_ORDER, DisclosureLevel, levels_up_to
from alliance_portal.policy.principals import principal
from alliance_portal.roles import Role


class Disclosable(Protocol):
    """What a model offers the policy (see ``alliance_portal.disclosure.DisclosedModel``)."""

    owner_organisation_path: str | None

    @classmethod
    def disclosure_q(cls, levels: list[str]) -> Q: ...

    @property
    def disclosure_level(self) -> str: ...

    def owner_organisation_id(self) -> int | None: ...


M = TypeVar("M", bound=Model)


def reaches(user: Any, level: str) -> bool:
    """True when the user's role alone clears ``level``."""
    return LEVEL_ORDER.index(principal(user).level) >= LEVEL_ORDER.index(level)


def _perm(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def visible(user: Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """The rows of ``queryset`` this user may see (rules 1 to 3 of the module docstring)."""
    model: Any = queryset.model
    who = principal(user)
    condition = model.disclosure_q(levels_up_to(who.level))
    if not condition:
        # An empty Q: everything is visible at this level. (It must not reach the ORs below,
        # where Django would drop it and leave only the narrower conditions.)
        return queryset.all()
    if who.organisation_id is not None and model.owner_organisation_path:
        condition |= Q(**{model.owner_organisation_path: who.organisation_id})
    if who.is_authenticated and not who.is_staff_role:
        shared = get_objects_for_user(
            who.user,
            _perm(model, "view"),
            klass=model._default_manager.all(),
            accept_global_perms=False,
            with_superuser=False,
        )
        condition |= Q(pk__in=shared.values("pk"))
    return queryset.filter(condition)


def can_view(user: Any, obj: Disclosable | Model) -> bool:
    who = principal(user)
    item: Any = obj
    if LEVEL_ORDER.index(who.level) >= LEVEL_ORDER.index(item.disclosure_level):
        return True
    if who.organisation_id is not None and item.owner_organisation_id() == who.organisation_id:
        return True
    if who.is_authenticated:
        return f"view_{item._meta.model_name}" in object_codenames(who.user, item)
    return False


def can_change(user: Any, obj: Model) -> bool:
    who = principal(user)
    if who.is_system or who.role == Role.SUPERUSER:
        return True
    if who.role == Role.SECRETARIAT:
        return bool(who.user.has_perm(_perm(type(obj), "change")))
    if not who.is_authenticated:
        return False
    return f"change_{obj._meta.model_name}" in object_codenames(who.user, obj)


def object_codenames(user: Any, obj: Model) -> frozenset[str]:
    """The object permissions (codenames) ``user`` holds on ``obj`` through django-guardian,
    given to the account or to one of its groups: one query (a UNION) where guardian's
    checker takes two, and once per object and request (kept in the request's
    ``RequestAudit``; outside a request, always asked afresh). An inactive account holds none,
    as with guardian's checker."""
    if not user.is_active:
        return frozenset()
    key = (user.pk, obj._meta.label, str(obj.pk))
    audit = current_audit.get()
    if audit is not None and key in audit.object_perms:
        return audit.object_perms[key]
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission, UserObjectPermission

    content_type = ContentType.objects.get_for_model(type(obj))  # cached by Django
    where = {"content_type": content_type, "object_pk": str(obj.pk)}
    own = UserObjectPermission.objects.filter(user=user, **where)
    through_groups = GroupObjectPermission.objects.filter(group__user=user, **where)
    codenames = frozenset(
        own.values_list("permission__codename", flat=True).union(
            through_groups.values_list("permission__codename", flat=True)
        )
    )
    if audit is not None:
        audit.object_perms[key] = codenames
    return codenames


# The path of the request being served, for the access log (set by PolicyMiddleware).
current_path: ContextVar[str] = ContextVar("current_path", default="")


@dataclass
class RequestAudit:
    """What the policy noticed while serving one request (``PolicyMiddleware`` keeps one per
    request and writes the ``SecurityEvent`` row from it, once the view is done)."""

    denied: str | None = None  # the action (or "view <model>") that refused, first one wins
    sign_in_redirect: bool = False  # a page answered SignInRequired with the login page
    sign_in_recorded: bool = False  # the request was a sign-in, recorded as such
    # Object permissions asked during the request: (user, model, pk) -> codenames.
    object_perms: dict[tuple[Any, str, str], frozenset[str]] = field(default_factory=dict)
    # Why staff read confidential material in this request (alliance_portal.read_reasons):
    # asked of the request (headers, then session) only when a confidential row is logged.
    reason_source: Callable[[], Any] | None = None
    _reason: Any = None

    def read_reason(self) -> Any:
        """The request's ``GivenReason``, or ``None`` when none was given."""
        if self._reason is None and self.reason_source is not None:
            self._reason = self.reason_source()
        return self._reason


current_audit: ContextVar[RequestAudit | None] = ContextVar("current_audit", default=None)


def note_denial(name: str) -> None:
    """The policy refuses ``name`` in the request being served (a no-op outside a request)."""
    audit = current_audit.get()
    if audit is not None and audit.denied is None:
        audit.denied = name[:100]


# Secretariat-level material beyond an item whose disclosure level is ``secretariat`` (an
# applicant organisation, an internal document, a secretariat-only ballot, ...): by model label,
# when a row is confidential and how the access log names it (without following a relation).
_CONFIDENTIAL: dict[str, tuple[Callable[[Any], bool], Callable[[Any], str]]] = {
    # Every membership application: who applied, the letter, the reasons of a rejection.
    "members.MembershipApplication": (lambda application: True, str),
    # Held and rejected comments are shown to the secretariat only.
    "governance.Comment": (
        lambda comment: comment.status in {"held", "rejected"},
        lambda comment: f"Comment {comment.pk} ({comment.get_status_display().lower()})",
    ),
    # A library document at the secretariat's level, or held for legal review.
    "governance.Document": (
        lambda document: document.disclosure == "secretariat" or document.legal_hold,
        lambda document: f"Document {document.pk}: {document.title}",
    ),
}


def confidential_labels() -> frozenset[str]:
    """The model labels whose rows may be secretariat-level beyond a disclosure level."""
    return frozenset(_CONFIDENTIAL)


def is_confidential(obj: Any) -> bool:
    """True when ``obj`` is secretariat-level material, whose every read is logged."""
    if not isinstance(obj, Model):
        return False  # a list of computed rows (figures, a matrix) carries no object of its own
    rule = _CONFIDENTIAL.get(obj._meta.label)
    if rule is not None:
        return rule[0](obj)
    return getattr(obj, "disclosure_level", None) == DisclosureLevel.SECRETARIAT


def _describe(obj: Any) -> str:
    rule = _CONFIDENTIAL.get(obj._meta.label)
    return (rule[1] if rule is not None else str)(obj)[:300]


def _owner(obj: Any) -> int | None:
    """The id of the organisation ``obj`` belongs to (``None``: it belongs to none)."""
    owner = getattr(obj, "owner_organisation_id", None)
    return owner() if callable(owner) else None


def _reason_for(who: Any) -> Any:
    """Why ``who`` reads confidential material in the request being served: staff must have
    said why (``ReasonRequired`` otherwise); others, the system, and reads outside a request
    (commands, tasks) carry no reason."""
    from alliance_portal.read_reasons import ReasonRequired

    audit = current_audit.get()
    if audit is None or not who.is_staff_role or who.is_system:
        return None
    given = audit.read_reason()
    if given is None:
        note_denial("read confidential material without a reason")
        raise ReasonRequired
    return given


def record_reads(user: Any, objects: Iterable[Model], *, confidential: bool = False) -> int:
    """Log the reads of the confidential material among ``objects`` (DESIGN.md §1: an access
    log for confidential data), in one insert: each secretariat-level object once, or every
    object when the caller says they are confidential. Anything less confidential, and a
    person reading their own organisation's own material, is not logged. Each row carries the
    organisation the object belongs to (so that organisation's people see who read it) and,
    for staff, why they read it: staff who have not said why in this session are stopped with
    ``ReasonRequired`` before anything is logged or shown. Pages, the API (its paginator and
    ``get_visible_or_404``), and the admin's lists and change pages call it."""
    from django.contrib.contenttypes.models import ContentType

    from alliance_portal.models import AccessLogEntry

    who = principal(user)
    path = current_path.get()[:500]
    rows: dict[tuple[str, str], AccessLogEntry] = {}
    for obj in objects:
        if not (confidential or is_confidential(obj)):
            continue
        owner = _owner(obj)
        if who.organisation_id is not None and owner == who.organisation_id:
            continue  # a person reading their own organisation's material
        rows.setdefault(
            (obj._meta.label, str(obj.pk)),
            AccessLogEntry(
                user=who.user,
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=str(obj.pk),
                object_repr=_describe(obj),
                path=path,
                owner_organisation_id=owner,
            ),
        )
    if rows:
        given = _reason_for(who)
        if given is not None:
            for row in rows.values():
                row.reason, row.reason_detail = given.reason, given.detail
        AccessLogEntry.objects.bulk_create(rows.values())
    return len(rows)


def record_access(user: Any, obj: Model, *, confidential: bool = False) -> None:
    """Log a read of one object (``record_reads`` of that object)."""
    record_reads(user, [obj], confidential=confidential)


class SignInRequired(PermissionDenied):
    """An anonymous visitor asked for something that needs an account: pages answer with a
    redirect to the login page (``SignInRequiredMiddleware``), the API with 401/403."""


def get_visible_or_404(user: Any, queryset: QuerySet[M], **lookup: Any) -> M:
    """The object matching ``lookup`` if this user may see it; a read of secretariat-level
    material is recorded in the access log. A signed-in person who may not see it is answered
    as if it did not exist (404); an anonymous visitor is asked to sign in."""
    model: Any = queryset.model
    try:
        obj = visible(user, queryset).get(**lookup)
    except model.DoesNotExist as missing:
        if not principal(user).is_authenticated and queryset.filter(**lookup).exists():
            note_denial(f"view {model._meta.label}")
            raise SignInRequired from missing
        if queryset.filter(**lookup).exists():
            note_denial(f"view {model._meta.label}")
        raise Http404(
            f"No {queryset.model._meta.verbose_name} matches the given query."
        ) from missing
    record_access(user, obj)
    return obj


def require_change(user: Any, obj: Model) -> None:
    """Raise ``PermissionDenied`` unless the user may change ``obj`` (``SignInRequired`` for
    an anonymous visitor)."""
    if not can_change(user, obj):
        note_denial(f"change {obj._meta.label}")
        if not principal(user).is_authenticated:
            raise SignInRequired
        raise PermissionDenied(f"You may not change this {obj._meta.verbose_name}.")
