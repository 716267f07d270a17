"""Scheduled work over due items, one item at a time.

A batch job (Celery beat) finds what is due and hands each item to its own use case, so each
item commits or rolls back alone and no lock (row or advisory) is held from one item to the
next. A refusal of one item (a ``ValidationError``: it moved on meanwhile) is logged as a
warning; any other error is logged with its traceback (for the error reports) and the batch goes
on with the next item."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def each_due(items: Iterable[T], work: Callable[[T], R | None], *, what: str) -> list[R]:
    """Run ``work`` on every item; return what it returned for the items it did (``None``
    means the item needed nothing, e.g. another worker had it)."""
    done = []
    for item in items:
        try:
            result = work(item)
        except ValidationError as refused:
            logger.warning("%s %s: refused: %s", what, item, " ".join(refused.messages))
            continue
        except Exception:
            logger.exception("%s %s failed; the batch goes on with the next item", what, item)
            continue
        if result is not None:
            done.append(result)
    return done
