"""The registry of effect kinds: what an adopted decision may change, one class per kind.

A kind knows its stored ``value`` and ``label``, what its payload holds (``payload_help``, shown
to the secretariat), how to check a payload for a proposal (``clean``, which returns the payload
as stored: JSON with no floats, so it goes into the decision record as it is), how to say it in
words (``describe``) and how to apply it when the proposal is adopted (``apply``, inside the
transaction that closes the ballot: plain work, never a use case). Adding a kind is one class
decorated with ``@register``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from governance.ballots.models import Decision
    from governance.proposals.models import Proposal

KindT = TypeVar("KindT", bound="type[EffectKind]")


class EffectKind:
    value: ClassVar[str]
    label: ClassVar[str]  # "Change a body's constitution"
    payload_help: ClassVar[str]  # what the payload holds, with an example

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        """The payload as stored, or a ``ValidationError`` saying what is wrong."""
        raise NotImplementedError

    def describe(self, payload: dict[str, Any]) -> str:
        """What the effect does, in a sentence for people."""
        raise NotImplementedError

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        """Make the change, in the caller's transaction; a ``ValidationError`` when it cannot."""
        raise NotImplementedError


KINDS: dict[str, EffectKind] = {}


def register(cls: KindT) -> KindT:
    if cls.value in KINDS:
        raise ValueError(f"An effect kind {cls.value!r} is registered already.")
    KINDS[cls.value] = cls()
    return cls


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in KINDS.values()]


def kind_for(value: str) -> EffectKind | None:
    return KINDS.get(value)
