"""Who may act on the decision log's witnesses: registering a witness key and approving it."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_representative, is_staff, represents


@action(
    "witness.register",
    refusal="A witness is registered by the representative of a civil-society, communities or "
    "academia organisation, or by the secretariat for a partner alliance.",
)
def _witness_register(who: Principal, holder: Any) -> bool | str:
    """The secretariat registers for any holder (a partner alliance has no accounts); an
    organisation's representative registers for their own organisation, when it belongs to
    one of the chambers that may witness (``DECISION_LOG_WITNESS_CHAMBERS``). Without a holder
    (showing the control), any representative or the secretariat."""
    if is_staff(who):
        return True
    if holder is None:
        return is_representative(who)
    chamber = getattr(holder, "chamber", None)
    if chamber is None or not represents(who, getattr(holder, "pk", None)):
        return False
    if getattr(chamber, "slug", "") not in settings.DECISION_LOG_WITNESS_CHAMBERS:
        return (
            "Witnesses come from the civil-society, communities and academia chambers, so "
            "that those the log's decisions bind are not the ones who vouch for it."
        )
    return True


@action("witness.approve", refusal="Only the secretariat approves witnesses.")
def _witness_approve(who: Principal, witness: Any) -> bool:
    """The secretariat approves, refuses or retires a witness key."""
    return is_staff(who)


@action("log_head.sign", refusal="Only the secretariat signs the decision log's heads.")
def _log_head_sign(who: Principal, obj: Any) -> bool:
    """The portal signs heads (beat); the secretariat may ask for one now."""
    return is_staff(who)


@action("log_key.announce", refusal="Only the secretariat announces the log's signing key.")
def _log_key_announce(who: Principal, obj: Any) -> bool:
    """The secretariat announces the log's signing key in the log (after a deployment or a
    rotation), so readers find every key that ever signed a head."""
    return is_staff(who)


@action(
    "cosignature.add",
    refusal="A cosignature is kept only when it verifies against an approved witness's key.",
)
def _cosignature_add(who: Principal, head: Any) -> bool:
    """Anyone may post a cosignature: only one that verifies against an approved witness's
    key is kept."""
    return True
