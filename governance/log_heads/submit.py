"""The portal as a C2SP tlog-witness client (https://c2sp.org/tlog-witness): each new head is
POSTed to ``<prefix>/add-checkpoint`` of every configured outside witness
(``DECISION_LOG_WITNESS_URLS``) with the consistency proof from the size the witness last
cosigned; the signature lines it answers with are kept when they verify against an approved
witness key (``cosignature_add``), and ignored otherwise, as the protocol says."""

from __future__ import annotations

import base64
import logging
import urllib.error
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError

from alliance_portal.policy import SYSTEM
from governance.decision_log import merkle
from governance.log_heads.models import Cosignature, SignedHead
from governance.log_heads.services import cosignature_add

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
# (url, body) -> (status, content type, body): urllib by default, a test server's in tests.
Poster = Callable[[str, bytes], tuple[int, str, bytes]]


def _post(url: str, body: bytes) -> tuple[int, str, bytes]:
    request = urllib.request.Request(  # noqa: S310 (the operator's configured https URLs)
        url, data=body, method="POST", headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def add_checkpoint_body(head: SignedHead, old_size: int) -> bytes:
    """``old <size>``, the consistency proof lines, a blank line, the signed checkpoint."""
    proof = merkle.consistency_proof(old_size, head.size) if old_size else []
    lines = [f"old {old_size}", *(base64.b64encode(digest).decode() for digest in proof)]
    return ("".join(f"{line}\n" for line in lines) + "\n" + head.note).encode()


def _submit_one(head: SignedHead, prefix: str, post: Poster) -> list[Cosignature]:
    url = prefix.rstrip("/") + "/add-checkpoint"
    previous = SignedHead.objects.filter(size__lt=head.size).order_by("-size").first()
    old_size = previous.size if previous else 0
    status, content_type, body = post(url, add_checkpoint_body(head, old_size))
    if status == 409 and content_type == "text/x.tlog.size":
        # The witness last cosigned another size: prove consistency from that one.
        known = int(body.decode().strip() or "0")
        if known == head.size:
            return []
        if not 0 <= known < head.size:
            logger.warning("witness %s is ahead of the log (%s > %s)", url, known, head.size)
            return []
        status, content_type, body = post(url, add_checkpoint_body(head, known))
    if status != 200:
        logger.warning("witness %s refused head %s: %s %s", url, head.size, status, body[:200])
        return []
    kept = []
    for line in body.decode().splitlines():
        try:
            kept.append(
                cosignature_add(actor=SYSTEM, size=head.size, line=line, via="tlog-witness")
            )
        except ValidationError as error:
            logger.info("ignored a signature line from %s: %s", url, error.messages)
    return kept


def head_submit(*, head_id: int, post: Poster = _post) -> list[Cosignature]:
    """Submit the head to every configured witness; the cosignatures kept. A witness that is
    down or refuses is logged and skipped (the next head tries again)."""
    head = SignedHead.objects.filter(pk=head_id).first()
    if head is None:
        return []
    kept: list[Cosignature] = []
    for prefix in settings.DECISION_LOG_WITNESS_URLS:
        try:
            kept += _submit_one(head, prefix, post)
        except (OSError, ValueError) as error:
            logger.warning("witness %s unreachable: %s", prefix, error)
    return kept
