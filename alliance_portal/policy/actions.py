"""What a person may *do*: every action a person can take in the portal is named once, here
in the policy package, as a predicate over (principal, object).

- Services call ``require(actor, "ballot.close", ballot)`` before they change anything: it
  returns, or raises ``SignInRequired`` for an anonymous visitor and ``PermissionDenied`` with
  the reason for a signed-in person.
- Views, the API and templates call ``may(actor, "ballot.close", ballot)`` (in templates
  ``{% may "ballot.close" ballot as can_close %}``) to show or hide a control.
- ``SYSTEM`` passes every check; ``None`` is never an actor (``NoActor``).

The rules themselves live in ``alliance_portal.policy.rules``, one module per area, and
register with ``@action(name, refusal=...)``. A predicate answers ``True`` (allowed), ``False``
(refused with the action's own refusal) or a string (refused, with that reason). Predicates
look only at the principal (role, organisation, account) and the object's state; whether the
object can take the change at all (a ballot already closed, a duplicate name) is the service's
validation, which applies to the system too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from alliance_portal.policy.principals import NoActor, Principal, principal
from alliance_portal.policy.visibility import SignInRequired, note_denial

Verdict = bool | str
Check = Callable[[Principal, Any], Verdict]


@dataclass(frozen=True)
class Action:
    name: str
    check: Check
    refusal: str

    @property
    def description(self) -> str:
        return (self.check.__doc__ or "").strip()


_ACTIONS: dict[str, Action] = {}


def action(name: str, *, refusal: str) -> Callable[[Check], Check]:
    """Register ``check`` as the rule for ``name`` (``"<object>.<verb>"``)."""

    def register(check: Check) -> Check:
        if name in _ACTIONS:
            raise ImproperlyConfigured(f"The action {name!r} is defined twice.")
        _ACTIONS[name] = Action(name=name, check=check, refusal=refusal)
        return check

    return register


def registered_actions() -> Mapping[str, Action]:
    """Every action, by name (for the README's table and the tests)."""
    return MappingProxyType(_ACTIONS)


def refusal(actor: Any, name: str, obj: Any = None) -> str | None:
    """``None`` when ``actor`` may do ``name`` (to ``obj``), else the reason they may not."""
    if actor is None:
        raise NoActor(f"No one is acting: {name!r} needs a person or SYSTEM as its actor.")
    try:
        rule = _ACTIONS[name]
    except KeyError:
        raise ImproperlyConfigured(f"Unknown action {name!r}.") from None
    who = principal(actor)
    if who.is_system:
        return None
    verdict = rule.check(who, obj)
    if verdict is True:
        return None
    return verdict if isinstance(verdict, str) else rule.refusal


def may(actor: Any, name: str, obj: Any = None) -> bool:
    """True when ``actor`` may do ``name`` (to ``obj``): to show or hide a control."""
    return refusal(actor, name, obj) is None


def require(actor: Any, name: str, obj: Any = None) -> None:
    """Refuse unless ``actor`` may do ``name`` (to ``obj``): an anonymous visitor is asked to
    sign in, a signed-in person gets ``PermissionDenied`` with the reason."""
    reason = refusal(actor, name, obj)
    if reason is None:
        return
    note_denial(name)
    if not principal(actor).is_authenticated:
        raise SignInRequired(reason)
    raise PermissionDenied(reason)
