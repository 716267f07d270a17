"""Reads of the decision log's signed heads and witnesses, for pages, the API, the feed and
the transparency report."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from alliance_portal import policy
from alliance_portal.policy.principals import principal
from governance.log_heads.models import Cosignature, SignedHead, Witness, WitnessStatus

PUBLIC_STATUSES = (WitnessStatus.APPROVED, WitnessStatus.RETIRED)


def _with_cosignatures(heads: QuerySet[SignedHead]) -> QuerySet[SignedHead]:
    return heads.prefetch_related(
        Prefetch(
            "cosignatures",
            queryset=Cosignature.objects.select_related(
                "witness__organisation", "witness__partner_alliance"
            ).order_by("witness__name"),
        )
    )


def signed_heads(*, cosigned: bool | None = None) -> QuerySet[SignedHead]:
    """Every signed head, newest first, each with its cosignatures and their witnesses: two
    queries per page whatever its length. ``cosigned`` keeps those with (or without) one."""
    heads = SignedHead.objects.order_by("-size")
    if cosigned is True:
        heads = heads.filter(cosignatures__isnull=False).distinct()
    elif cosigned is False:
        heads = heads.filter(cosignatures__isnull=True)
    return _with_cosignatures(heads)


def latest_head() -> SignedHead | None:
    """The newest signed head with its cosignatures (two queries)."""
    return _with_cosignatures(SignedHead.objects.order_by("-size")).first()


def latest_cosigned_head() -> SignedHead | None:
    """The newest head at least one approved witness cosigned (two queries)."""
    return (
        _with_cosignatures(SignedHead.objects.filter(cosignatures__isnull=False).distinct())
        .order_by("-size")
        .first()
    )


def cosignatures_mark() -> int:
    """The newest cosignature's id (0 before any): cosignatures are only ever added, so a
    cache of what shows the latest cosigned head is good while this stays the same."""
    return Cosignature.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def head_covering(size: int) -> SignedHead | None:
    """The newest head whose tree holds the first ``size`` entries, preferring a cosigned one."""
    heads = _with_cosignatures(SignedHead.objects.filter(size__gte=size))
    return (
        heads.filter(cosignatures__isnull=False).distinct().order_by("-size").first()
        or heads.order_by("-size").first()
    )


def head_within(size: int) -> SignedHead | None:
    """The newest head of at most ``size`` entries (two queries)."""
    return _with_cosignatures(SignedHead.objects.filter(size__lte=size)).order_by("-size").first()


def cosigned_note(head: SignedHead) -> str:
    """The head as one signed note: the portal's signature, then each witness's cosignature
    (what C2SP clients read; uses the prefetched cosignatures)."""
    lines = "".join(f"{c.line}\n" for c in head.cosignatures.all())
    return head.note + lines


def witness_list(user: Any) -> QuerySet[Witness]:
    """The witnesses ``user`` may see: approved and retired ones for everyone; pending and
    refused ones for the secretariat and for the people of the organisation that runs them."""
    witnesses = (
        Witness.objects.select_related("organisation", "partner_alliance")
        .annotate(cosigned=Count("cosignatures"))
        .order_by("name", "pk")
    )
    if policy.may(user, "witness.approve"):
        return witnesses
    shown = Q(status__in=PUBLIC_STATUSES)
    organisation_id = principal(user).organisation_id
    if organisation_id is not None:
        shown |= Q(organisation_id=organisation_id)
    return witnesses.filter(shown)


def approved_witnesses() -> QuerySet[Witness]:
    return Witness.objects.filter(status=WitnessStatus.APPROVED).select_related(
        "organisation", "partner_alliance"
    )


def head_summary(head: SignedHead | None) -> dict[str, Any] | None:
    """The head in plain data (the report and the feed): size, root, when, signatures."""
    if head is None:
        return None
    return {
        "size": head.size,
        "root_hash": head.root_hash,
        "signed_at": head.signed_at,
        "note": cosigned_note(head),
        "cosigners": [
            {"witness": c.witness.name, "holder": c.witness.holder_name, "line": c.line}
            for c in head.cosignatures.all()
        ],
    }
