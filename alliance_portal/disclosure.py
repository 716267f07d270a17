"""Disclosure levels and the model side of the disclosure rule.

Every piece of member information carries a level: ``public`` < ``members`` < ``secretariat``.
A model takes part in the access policy (``alliance_portal.policy``) by inheriting
``DisclosedModel`` (a ``disclosure`` field), or by implementing the same two methods itself
when its level follows from other fields (an applicant organisation is secretariat-only).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q


class DisclosureLevel(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Members"
    SECRETARIAT = "secretariat", "Secretariat"


LEVEL_ORDER: tuple[str, ...] = (
    DisclosureLevel.PUBLIC,
    DisclosureLevel.MEMBERS,
    DisclosureLevel.SECRETARIAT,
)


def levels_up_to(level: str) -> list[str]:
    """The levels a reader cleared for ``level`` may read: ``members`` → public and members."""
    return list(LEVEL_ORDER[: LEVEL_ORDER.index(level) + 1])


def disclosure_field(default: str = DisclosureLevel.MEMBERS) -> models.CharField:
    """The ``disclosure`` field; a model whose items are usually public overrides the default."""
    return models.CharField(
        "disclosure level",
        max_length=12,
        choices=DisclosureLevel.choices,
        default=default,
        help_text="Who may read this: everyone, people of member organisations, or the secretariat.",
    )


class DisclosedModel(models.Model):
    """An item with its own disclosure level, optionally owned by an organisation.

    ``owner_organisation_path`` is the ORM path from the model to the owning organisation's id
    (e.g. ``"organisation_id"``); the owner's people see the item whatever its level.
    """

    disclosure = disclosure_field()

    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        abstract = True

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        return Q(disclosure__in=list(levels))

    @property
    def disclosure_level(self) -> str:
        return str(self.disclosure)

    def owner_organisation_id(self) -> int | None:
        return _follow(self, self.owner_organisation_path)


def _follow(obj: Any, path: str | None) -> int | None:
    if path is None:
        return None
    value: Any = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return int(value)
