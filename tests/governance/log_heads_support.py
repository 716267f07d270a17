"""Helpers of the signed-heads and witness tests: the standalone tools loaded as modules, a
fetcher that sends their requests through the Django test client, witness keys, and an
independent RFC 9162 implementation (written from the RFC here, not imported)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from django.test import Client

from alliance_portal.policy import SYSTEM
from governance.decision_log.services import decision_log_append
from governance.log_heads import services
from governance.log_heads.models import Witness
from members.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"


def tool(name: str) -> ModuleType:
    """tools/<name>.py loaded as a module (it is a standalone script)."""
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    spec = importlib.util.spec_from_file_location(f"{name}_tool", TOOLS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def client_fetch(client: Client | None = None, overrides: dict[str, Any] | None = None):
    """A tools fetcher that answers through the test client; ``overrides`` maps a path (or
    a path prefix ending in ``*``) to (status, bytes) or to a function of the body."""
    client = client or Client()
    overrides = overrides or {}

    def fetch(method: str, url: str, body: bytes | None) -> tuple[int, bytes]:
        path = "/" + url.split("://", 1)[-1].split("/", 1)[1]
        for key, answer in overrides.items():
            if path == key or (key.endswith("*") and path.startswith(key[:-1])):
                return answer(path, body) if callable(answer) else answer
        if method == "POST":
            response = client.post(path, body, content_type="application/json")
        else:
            response = client.get(path)
        return response.status_code, response.content

    return fetch


def decision(number: int) -> Any:
    return decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": number, "title": f"Decision number {number}"},
            "outcome": "adopted",
        },
    )


def sign() -> Any:
    return services.log_head_sign(actor=SYSTEM, force=True)


def approved_witness(organisation: Organisation, name: str = "fmw.example/witness"):
    """A witness key of ``organisation``, registered and approved: (private key, Witness)."""
    tlog = tool("tlog")
    key = tlog.new_private_key(name, tlog.COSIGNATURE_V1)
    witness = services.witness_register(
        actor=SYSTEM, vkey=key.public.text(), organisation=organisation
    )
    services.witness_decide(actor=SYSTEM, witness_id=witness.pk, decision="approve")
    return key, Witness.objects.get(pk=witness.pk)


# --- RFC 9162, written from the RFC (§2.1.1-§2.1.4) -------------------------------------------


def _leaf(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def _largest_power_of_two_below(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return _leaf(leaves[0])
    k = _largest_power_of_two_below(len(leaves))
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def consistency(first: int, leaves: list[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1."""

    def subproof(m: int, items: list[bytes], whole: bool) -> list[bytes]:
        n = len(items)
        if m == n:
            return [] if whole else [mth(items)]
        k = _largest_power_of_two_below(n)
        if m <= k:
            return [*subproof(m, items[:k], whole), mth(items[k:])]
        return [*subproof(m - k, items[k:], False), mth(items[:k])]

    return subproof(first, leaves, True)
