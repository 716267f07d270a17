"""Signed notes, checkpoints and cosignatures in the C2SP formats (plain Python, no Django).

- https://c2sp.org/signed-note: a text ending in a newline, a blank line, then signature lines
  ``— <key name> base64(4-byte key ID || signature)``; keys written as verifier keys
  (``<name>+<key ID hex>+base64(type || public key)``) and signer keys
  (``PRIVATE+KEY+<name>+<key ID hex>+base64(type || seed)``); key ID =
  SHA-256(name || 0x0A || type || public key)[:4]. The log signs with type 0x01 (Ed25519).
- https://c2sp.org/tlog-checkpoint: the note text is the origin line, the tree size in decimal
  and the base64 root hash, each ending in a newline.
- https://c2sp.org/tlog-cosignature (cosignature/v1): a witness signs ``cosignature/v1\\n``,
  ``time <POSIX seconds>\\n`` and the checkpoint's text with an Ed25519 key of type 0x04; the
  signature bytes are the 8-byte big-endian time followed by the 64-byte signature.

``tools/witness.py`` and ``tools/verify_entry.py`` keep their own copy of these rules on purpose
(they check the portal from the outside); a test checks that both agree byte for byte."""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
DASH = "\u2014"


class NoteError(ValueError):
    """A key, note, checkpoint or signature that is malformed or does not verify."""


def key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


def _check_name(name: str) -> str:
    if not name or "+" in name or any(char.isspace() for char in name):
        raise NoteError("A key name is not empty and holds no space or plus sign.")
    return name


@dataclass(frozen=True)
class VerifierKey:
    """A public key: its name, signature type (0x01 for the log, 0x04 for a witness), 32 bytes."""

    name: str
    kind: int
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.public)

    def text(self) -> str:
        encoded = base64.b64encode(bytes([self.kind]) + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


def parse_vkey(text: str) -> VerifierKey:
    """A verifier key ``name+hash+base64(type||key)``, of type 0x01 or 0x04, hash checked."""
    parts = text.strip().split("+", 2)  # base64 may hold "+": the key is the rest
    if len(parts) != 3:
        raise NoteError("A verifier key reads name+key ID+base64 key.")
    name, hex_id, encoded = parts
    try:
        raw = base64.b64decode(encoded, validate=True)
        expected_id = bytes.fromhex(hex_id)
    except (binascii.Error, ValueError) as error:
        raise NoteError("The verifier key's key ID or key is not well encoded.") from error
    if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE_V1):
        raise NoteError("The verifier key must be an Ed25519 key (type 0x01 or 0x04).")
    key = VerifierKey(_check_name(name), raw[0], raw[1:])
    if key.id != expected_id:
        raise NoteError("The verifier key's key ID does not match its name and key.")
    return key


@dataclass(frozen=True)
class SignerKey:
    name: str
    kind: int
    seed: bytes

    @property
    def private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @property
    def verifier(self) -> VerifierKey:
        public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return VerifierKey(self.name, self.kind, public)

    def text(self) -> str:
        encoded = base64.b64encode(bytes([self.kind]) + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{encoded}"

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)


def parse_skey(text: str) -> SignerKey:
    parts = text.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise NoteError("A signer key reads PRIVATE+KEY+name+key ID+base64 key.")
    try:
        raw = base64.b64decode(parts[4], validate=True)
    except binascii.Error as error:
        raise NoteError("The signer key is not well encoded.") from error
    if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE_V1):
        raise NoteError("The signer key must be an Ed25519 key (type 0x01 or 0x04).")
    key = SignerKey(_check_name(parts[2]), raw[0], raw[1:])
    if key.verifier.id.hex() != parts[3].lower():
        raise NoteError("The signer key's key ID does not match its key.")
    return key


def generate_skey(name: str, kind: int = ED25519) -> SignerKey:
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    return SignerKey(_check_name(name), kind, seed)


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    data: bytes  # after the key ID

    def line(self) -> str:
        return f"{DASH} {self.name} {base64.b64encode(self.key_id + self.data).decode()}\n"


def parse_signature_line(line: str) -> Signature:
    line = line.rstrip("\n")
    prefix = DASH + " "
    if not line.startswith(prefix):
        raise NoteError("A signature line starts with an em dash and a space.")
    parts = line[len(prefix) :].split(" ")
    if len(parts) != 2:
        raise NoteError("A signature line reads: em dash, key name, base64 signature.")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except binascii.Error as error:
        raise NoteError("The signature is not base64.") from error
    if len(raw) < 5:
        raise NoteError("The signature is too short.")
    return Signature(_check_name(parts[0]), raw[:4], raw[4:])


def split_note(note: str) -> tuple[str, list[Signature]]:
    """The note's text (with its final newline) and its signatures."""
    if not note.endswith("\n") or "\n\n" not in note:
        raise NoteError("A signed note is a text, a blank line and signature lines.")
    if any(ord(char) < 0x20 and char != "\n" for char in note):
        raise NoteError("A signed note holds no control character but the newline.")
    cut = note.rindex("\n\n")
    text, lines = note[: cut + 1], note[cut + 2 :]
    signatures = [parse_signature_line(line) for line in lines.splitlines()]
    if not signatures:
        raise NoteError("The note carries no signature.")
    return text, signatures


def sign_note(text: str, key: SignerKey) -> str:
    """The note ``text`` signed by the log's key (type 0x01)."""
    signature = Signature(key.name, key.verifier.id, key.sign(text.encode()))
    return f"{text}\n{signature.line()}"


def verify_note(note: str, key: VerifierKey) -> str:
    """The note's text when ``key`` signed it; ``NoteError`` otherwise."""
    text, signatures = split_note(note)
    mine = [s for s in signatures if s.name == key.name and s.key_id == key.id]
    if not mine:
        raise NoteError(f"The note is not signed by {key.name}.")
    if not all(key.verify(text.encode(), s.data) for s in mine):
        raise NoteError(f"The signature of {key.name} does not verify.")
    return text


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root_hash).decode()]
        return "".join(f"{line}\n" for line in [*lines, *self.extensions])


def parse_checkpoint(text: str) -> Checkpoint:
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise NoteError("A checkpoint is an origin line, a size line and a root hash line.")
    origin, size, root = lines[0], lines[1], lines[2]
    if not size.isdigit() or (size != "0" and size.startswith("0")):
        raise NoteError("The checkpoint's size is not a decimal number.")
    try:
        root_hash = base64.b64decode(root, validate=True)
    except binascii.Error as error:
        raise NoteError("The checkpoint's root hash is not base64.") from error
    if len(root_hash) != 32 or not origin:
        raise NoteError("The checkpoint's origin or root hash is malformed.")
    return Checkpoint(origin, int(size), root_hash, tuple(lines[3:-1]))


def cosigned_message(checkpoint_text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{checkpoint_text}".encode()


def cosign(checkpoint_text: str, key: SignerKey, timestamp: int) -> Signature:
    """A witness's cosignature/v1 over the checkpoint text, at ``timestamp``."""
    signature = key.sign(cosigned_message(checkpoint_text, timestamp))
    return Signature(key.name, key.verifier.id, struct.pack(">Q", timestamp) + signature)


def verify_cosignature(checkpoint_text: str, signature: Signature, key: VerifierKey) -> int:
    """The cosignature's timestamp when ``key`` (type 0x04) made it; ``NoteError`` otherwise."""
    if key.kind != COSIGNATURE_V1:
        raise NoteError("A witness key has signature type 0x04 (cosignature/v1).")
    if signature.name != key.name or signature.key_id != key.id:
        raise NoteError(f"The cosignature is not from {key.name}.")
    if len(signature.data) != 72:
        raise NoteError("A cosignature/v1 holds an 8-byte time and a 64-byte signature.")
    (timestamp,) = struct.unpack(">Q", signature.data[:8])
    if timestamp >= 2**63:
        raise NoteError("The cosignature's time is out of range.")
    if not key.verify(cosigned_message(checkpoint_text, timestamp), signature.data[8:]):
        raise NoteError(f"The cosignature of {key.name} does not verify.")
    return int(timestamp)
