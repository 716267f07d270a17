"""Transparency-log checks for the portal's standalone tools (tools/witness.py,
tools/verify_entry.py): the C2SP signed-note, tlog-checkpoint and tlog-cosignature formats and
RFC 9162 Merkle proofs, written from the specifications with the standard library and the
`cryptography` package only. It imports nothing of the portal: it checks the portal from the
outside (the portal's own copy is governance/log_heads/note.py; a test checks they agree).

- signed note (https://c2sp.org/signed-note): text ending in a newline, a blank line, lines
  "— <key name> base64(4-byte key ID || signature)"; key ID = SHA-256(name || 0x0A || type ||
  public key)[:4]; verifier keys "name+<key ID hex>+base64(type || key)", signer keys
  "PRIVATE+KEY+name+<key ID hex>+base64(type || seed)". The log signs with type 0x01.
- checkpoint (https://c2sp.org/tlog-checkpoint): origin, size, base64 root hash lines.
- cosignature/v1 (https://c2sp.org/tlog-cosignature): type 0x04; signed message
  "cosignature/v1\\ntime <t>\\n" + checkpoint text; signature = 8-byte big-endian t || Ed25519.
- RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) verification.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import struct
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519, COSIGNATURE_V1 = 0x01, 0x04
DASH = "\u2014"


class CheckFailed(Exception):
    """Something did not verify; the message says what, in plain words."""


# --- keys and notes --------------------------------------------------------------------------


def key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


@dataclass(frozen=True)
class PublicKey:
    name: str
    kind: int
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.public)

    def text(self) -> str:
        raw = base64.b64encode(bytes([self.kind]) + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{raw}"

    def verifies(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class PrivateKey:
    name: str
    kind: int
    seed: bytes

    @property
    def public(self) -> PublicKey:
        raw = Ed25519PrivateKey.from_private_bytes(self.seed).public_key()
        return PublicKey(self.name, self.kind, raw.public_bytes(Encoding.Raw, PublicFormat.Raw))

    def text(self) -> str:
        raw = base64.b64encode(bytes([self.kind]) + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.public.id.hex()}+{raw}"

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.seed).sign(message)


def _name(name: str) -> str:
    if not name or "+" in name or any(char.isspace() for char in name):
        raise CheckFailed(f"{name!r} is not a key name (no spaces, no plus signs).")
    return name


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise CheckFailed(f"{what} is not base64.") from error


def public_key(text: str) -> PublicKey:
    """A verifier key: name+keyID+base64(type||key), type 0x01 or 0x04, key ID checked."""
    parts = text.strip().split("+", 2)  # base64 may hold "+": the key is the rest
    if len(parts) != 3:
        raise CheckFailed(f"{text.strip()!r} is not a verifier key (name+key ID+key).")
    raw = _b64(parts[2], "The verifier key")
    if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE_V1):
        raise CheckFailed("The verifier key is not an Ed25519 key of type 0x01 or 0x04.")
    key = PublicKey(_name(parts[0]), raw[0], raw[1:])
    if key.id.hex() != parts[1].lower():
        raise CheckFailed(f"The verifier key {parts[0]} has a wrong key ID.")
    return key


def private_key(text: str) -> PrivateKey:
    parts = text.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise CheckFailed("A signer key reads PRIVATE+KEY+name+key ID+key.")
    raw = _b64(parts[4], "The signer key")
    if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE_V1):
        raise CheckFailed("The signer key is not an Ed25519 key of type 0x01 or 0x04.")
    key = PrivateKey(_name(parts[2]), raw[0], raw[1:])
    if key.public.id.hex() != parts[3].lower():
        raise CheckFailed("The signer key has a wrong key ID.")
    return key


def new_private_key(name: str, kind: int) -> PrivateKey:
    return PrivateKey(_name(name), kind, Ed25519PrivateKey.generate().private_bytes_raw())


@dataclass(frozen=True)
class SignatureLine:
    name: str
    key_id: bytes
    signature: bytes

    def text(self) -> str:
        return f"{DASH} {self.name} {base64.b64encode(self.key_id + self.signature).decode()}"


def signature_line(line: str) -> SignatureLine:
    if not line.startswith(DASH + " ") or line.count(" ") != 2:
        raise CheckFailed(f"{line[:60]!r} is not a note signature line.")
    _, name, encoded = line.split(" ")
    raw = _b64(encoded, "A signature")
    if len(raw) < 5:
        raise CheckFailed("A signature is too short.")
    return SignatureLine(_name(name), raw[:4], raw[4:])


def split_note(note: str) -> tuple[str, list[SignatureLine]]:
    """The note's text (final newline included) and its signature lines."""
    if not note.endswith("\n") or "\n\n" not in note:
        raise CheckFailed("This is not a signed note (text, blank line, signatures).")
    if any(ord(char) < 0x20 and char != "\n" for char in note):
        raise CheckFailed("A signed note holds no control character but the newline.")
    cut = note.rindex("\n\n")
    lines = note[cut + 2 :].splitlines()
    if not lines:
        raise CheckFailed("The note has no signature.")
    return note[: cut + 1], [signature_line(line) for line in lines]


def verify_log_signature(note: str, key: PublicKey) -> str:
    """The note's text when the log's key signed it."""
    text, signatures = split_note(note)
    mine = [s for s in signatures if s.name == key.name and s.key_id == key.id]
    if not mine:
        raise CheckFailed(f"The head is not signed by the log key {key.name}.")
    if not all(key.verifies(text.encode(), s.signature) for s in mine):
        raise CheckFailed("The log key's signature on the head does not verify: forged head.")
    return text


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root_hash: bytes


def parse_checkpoint(text: str) -> Checkpoint:
    lines = text.split("\n")
    if len(lines) < 4 or not lines[1].isdigit() or (lines[1] != "0" and lines[1][0] == "0"):
        raise CheckFailed("The checkpoint is not origin, size and root hash lines.")
    root = _b64(lines[2], "The root hash")
    if len(root) != 32:
        raise CheckFailed("The root hash is not 32 bytes.")
    return Checkpoint(lines[0], int(lines[1]), root)


def cosigned_message(checkpoint_text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{checkpoint_text}".encode()


def cosign(checkpoint_text: str, key: PrivateKey, timestamp: int) -> SignatureLine:
    signature = key.sign(cosigned_message(checkpoint_text, timestamp))
    return SignatureLine(key.name, key.public.id, struct.pack(">Q", timestamp) + signature)


def cosigners(note: str, witnesses: list[PublicKey]) -> list[PublicKey]:
    """The trusted witnesses (type 0x04 keys) whose cosignature on the note verifies.
    Lines from unknown keys are ignored, as the specification says."""
    text, signatures = split_note(note)
    good = []
    for witness in witnesses:
        for line in signatures:
            if line.name != witness.name or line.key_id != witness.id:
                continue
            if len(line.signature) != 72:
                continue
            (timestamp,) = struct.unpack(">Q", line.signature[:8])
            message = cosigned_message(text, timestamp)
            if witness.verifies(message, line.signature[8:]):
                good.append(witness)
                break
    return good


# --- RFC 9162 Merkle proofs --------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf: bytes, index: int, size: int, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = _node(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: list[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2 (a first size of 0 is consistent with anything, by an empty proof)."""
    if first == 0:
        return not proof
    if first == second:
        return not proof and first_root == second_root
    if first > second or not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = _node(c, fr), _node(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = _node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


def proof_hashes(answer: dict[str, Any]) -> list[bytes]:
    """The hashes of the portal's proof answer (hex, or base64)."""
    for key in ("hashes", "audit_path", "proof", "path"):
        if isinstance(answer.get(key), list):
            return [_hash(str(item)) for item in answer[key]]
    raise CheckFailed("The proof answer holds no list of hashes.")


def _hash(text: str) -> bytes:
    if len(text) == 64:
        try:
            return bytes.fromhex(text)
        except ValueError:
            pass
    raw = _b64(text, "A proof hash")
    if len(raw) != 32:
        raise CheckFailed("A proof hash is not 32 bytes.")
    return raw


# --- HTTP --------------------------------------------------------------------------------------

# (method, url, body) -> (status, body): urllib, or a test's stand-in.
Fetch = Callable[[str, str, bytes | None], tuple[int, bytes]]


def http(method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
    headers = {"Accept": "application/json, text/plain"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def get_json(fetch: Fetch, url: str) -> Any:
    status, body = fetch("GET", url, None)
    if status != 200:
        raise CheckFailed(f"{url} answered {status}: {body[:200].decode(errors='replace')}")
    return json.loads(body)


def get_text(fetch: Fetch, url: str) -> str:
    status, body = fetch("GET", url, None)
    if status != 200:
        raise CheckFailed(f"{url} answered {status}.")
    return body.decode()
