"""The key that signs the decision log's heads, from the environment.

``DECISION_LOG_SIGNING_KEY`` holds a C2SP signer key (``PRIVATE+KEY+<name>+<id>+<base64>``,
Ed25519, type 0x01); its name is the checkpoints' origin line. Without it, development reads
(and the first time writes) ``DECISION_LOG_SIGNING_KEY_FILE`` (``.data/decision-log.skey``);
the test settings make one per run; production refuses to start without it."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from governance.log_heads.note import NoteError, SignerKey, VerifierKey, generate_skey, parse_skey

DEVELOPMENT_KEY_NAME = "localhost/alliance-portal/decision-log"


@functools.cache
def _key_from(text: str, file: str) -> SignerKey:
    if not text and file:
        path = Path(file)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(generate_skey(DEVELOPMENT_KEY_NAME).text() + "\n")
            path.chmod(0o600)
        text = path.read_text()
    if not text:
        raise ImproperlyConfigured("Set DECISION_LOG_SIGNING_KEY (a C2SP signer key).")
    try:
        key = parse_skey(text)
    except NoteError as error:
        raise ImproperlyConfigured(f"DECISION_LOG_SIGNING_KEY: {error}") from error
    if key.kind != 0x01:
        raise ImproperlyConfigured("DECISION_LOG_SIGNING_KEY must be of type 0x01 (Ed25519).")
    return key


def signing_key() -> SignerKey:
    """The log's signer key (its name is the checkpoints' origin)."""
    return _key_from(
        settings.DECISION_LOG_SIGNING_KEY, str(settings.DECISION_LOG_SIGNING_KEY_FILE or "")
    )


def verifier_key() -> VerifierKey:
    """The public key anyone verifies heads with (published at /.well-known/decision-log-key)."""
    return signing_key().verifier
