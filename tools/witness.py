#!/usr/bin/env python3
"""A witness for the Alliance Portal's decision log (C2SP tlog-witness, cosignature/v1).

    python tools/witness.py keygen example.org/witness --out witness.skey
    python tools/witness.py run https://portal.example --key witness.skey --log-key LOG-VKEY
    python tools/witness.py serve --key witness.skey --log-key LOG-VKEY --port 8080

`keygen` makes a witness key (Ed25519, type 0x04) and prints the verifier key to register on
the portal's witness page. `run` fetches the portal's latest signed head (its tlog-tiles
checkpoint), checks the log's signature, and checks it against the last head this witness
cosigned with a consistency proof from the portal; when the head extends that one, it cosigns
it and posts the cosignature. It refuses, and says why, a head whose signature fails, a head
smaller than the last one (a rollback), one of the same size with another root (a split view)
or one the consistency proof does not tie to the last one (a forked or rewritten history).
Run twice on the same head, it cosigns once. `serve` answers the tlog-witness protocol
(POST /add-checkpoint) for a portal that submits its heads itself, with the same checks.

The state (the last cosigned size and root hash per log) is kept in --state
(witness-state.json), written before a cosignature leaves. Standard library and `cryptography`
only; it imports nothing of the portal.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tlog import (
    COSIGNATURE_V1,
    CheckFailed,
    Fetch,
    PrivateKey,
    PublicKey,
    cosign,
    get_json,
    get_text,
    http,
    new_private_key,
    parse_checkpoint,
    private_key,
    proof_hashes,
    public_key,
    verify_consistency,
    verify_log_signature,
)

CHECKPOINT_PATH = "/decision-log/checkpoint"
CONSISTENCY_PATH = "/api/v1/decision-log/consistency/?first={first}&second={second}"
COSIGNATURE_PATH = "/api/v1/decision-log/heads/{size}/cosignatures/"


@dataclass
class Verdict:
    """What the witness concluded: an HTTP status as tlog-witness defines them (200 cosigned,
    409 conflict, 422 not consistent, 403 bad signature, 404 unknown log, 400 malformed), a
    sentence for people, and the cosignature line when it cosigned."""

    status: int
    message: str
    line: str = ""
    known_size: int | None = None


class State:
    """The last head cosigned, per log origin, in a JSON file (written atomically)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.logs: dict[str, dict[str, Any]] = {}
        if path is not None and path.exists():
            self.logs = json.loads(path.read_text())
        self.lock = threading.Lock()

    def last(self, origin: str) -> tuple[int, bytes | None]:
        entry = self.logs.get(origin)
        if not entry:
            return 0, None
        return int(entry["size"]), base64.b64decode(entry["root_hash"])

    def save(self, origin: str, size: int, root: bytes) -> None:
        self.logs[origin] = {
            "size": size,
            "root_hash": base64.b64encode(root).decode(),
            "cosigned_at": int(time.time()),
        }
        if self.path is None:
            return
        handle, name = tempfile.mkstemp(dir=self.path.parent, prefix=".witness-state")
        with os.fdopen(handle, "w") as file:
            json.dump(self.logs, file, indent=2)
        os.replace(name, self.path)


def add_checkpoint(
    state: State,
    note: str,
    old_size: int,
    proof: list[bytes],
    log_key: PublicKey,
    key: PrivateKey,
    now: int | None = None,
) -> Verdict:
    """The witness's whole decision on one checkpoint (tlog-witness add-checkpoint)."""
    try:
        text = verify_log_signature(note, log_key)
        checkpoint = parse_checkpoint(text)
    except CheckFailed as error:
        return Verdict(403, f"Refused: {error}")
    if checkpoint.origin != log_key.name:
        return Verdict(404, f"Refused: this witness does not follow the log {checkpoint.origin}.")
    if old_size > checkpoint.size:
        return Verdict(400, "Refused: the old size is larger than the head's size.")
    with state.lock:
        last_size, last_root = state.last(checkpoint.origin)
        if old_size != last_size:
            return Verdict(
                409,
                f"The last head this witness cosigned has {last_size} entries, not {old_size}.",
                known_size=last_size,
            )
        if checkpoint.size == last_size and last_root is not None:
            if checkpoint.root_hash != last_root:
                return Verdict(
                    409,
                    f"Refused: a split view. This witness cosigned a head of {last_size} entries "
                    f"with root {last_root.hex()}; this head has the same size and root "
                    f"{checkpoint.root_hash.hex()}. The log shows different histories.",
                )
        elif not verify_consistency(
            last_size, checkpoint.size, last_root or b"", checkpoint.root_hash, proof
        ):
            return Verdict(
                422,
                f"Refused: the head of {checkpoint.size} entries is not an extension of the "
                f"head of {last_size} entries this witness cosigned (the consistency proof "
                "fails): the history before it was rewritten or forked.",
            )
        state.save(checkpoint.origin, checkpoint.size, checkpoint.root_hash)
    line = cosign(text, key, int(time.time()) if now is None else now).text()
    return Verdict(200, f"Cosigned the head of {checkpoint.size} entries.", line=line)


def run(
    url: str, state: State, log_key: PublicKey, key: PrivateKey, fetch: Fetch = http
) -> Verdict:
    """Fetch the latest head, check it against the last one cosigned, cosign and post it."""
    base = url.rstrip("/")
    try:
        note = get_text(fetch, base + CHECKPOINT_PATH)
        checkpoint = parse_checkpoint(verify_log_signature(note, log_key))
    except CheckFailed as error:
        return Verdict(403, f"Refused: {error}")
    last_size, last_root = state.last(checkpoint.origin)
    if checkpoint.size == last_size and checkpoint.root_hash == last_root:
        return Verdict(200, f"Nothing to do: the head of {last_size} entries is cosigned already.")
    proof: list[bytes] = []
    if 0 < last_size < checkpoint.size:
        try:
            answer = get_json(
                fetch, base + CONSISTENCY_PATH.format(first=last_size, second=checkpoint.size)
            )
            proof = proof_hashes(answer)
        except CheckFailed as error:
            return Verdict(422, f"Refused: no consistency proof from the portal ({error}).")
    verdict = add_checkpoint(state, note, last_size, proof, log_key, key)
    if verdict.status != 200:
        return verdict
    body = json.dumps({"cosignature": verdict.line}).encode()
    status, answer = fetch("POST", base + COSIGNATURE_PATH.format(size=checkpoint.size), body)
    if status not in (200, 201):
        verdict.message += f" The portal did not take it ({status}: {answer[:200]!r})."
        verdict.status = 502
    else:
        verdict.message += " The cosignature is posted."
    return verdict


def parse_add_checkpoint(body: str) -> tuple[int, list[bytes], str]:
    """A tlog-witness request body: old size line, proof lines, blank line, checkpoint."""
    head, separator, note = body.partition("\n\n")
    lines = head.split("\n")
    if not separator or not lines[0].startswith("old ") or not lines[0][4:].isdigit():
        raise CheckFailed("The body is: old <size>, proof lines, a blank line, the checkpoint.")
    if len(lines) > 64:
        raise CheckFailed("At most 63 consistency proof lines.")
    return int(lines[0][4:]), [base64.b64decode(line, validate=True) for line in lines[1:]], note


def serve(state: State, log_key: PublicKey, key: PrivateKey, port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.path.rstrip("/").rsplit("/", 1)[-1] != "add-checkpoint":
                self._answer(404, "text/plain", "Not found.\n")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            try:
                old_size, proof, note = parse_add_checkpoint(body)
            except (CheckFailed, ValueError) as error:
                self._answer(400, "text/plain", f"{error}\n")
                return
            verdict = add_checkpoint(state, note, old_size, proof, log_key, key)
            if verdict.status == 200:
                self._answer(200, "text/plain", verdict.line + "\n")
            elif verdict.known_size is not None:
                self._answer(409, "text/x.tlog.size", f"{verdict.known_size}\n")
            else:
                self._answer(verdict.status, "text/plain", verdict.message + "\n")

        def _answer(self, status: int, content_type: str, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def _read_key(value: str) -> str:
    path = Path(value)
    return path.read_text() if path.exists() else value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    keygen = commands.add_parser("keygen", help="make a witness key")
    keygen.add_argument("name", help="the key name, e.g. example.org/witness")
    keygen.add_argument("--out", default="witness.skey")
    for name in ("run", "serve"):
        command = commands.add_parser(name)
        if name == "run":
            command.add_argument("url", help="the portal's address")
        else:
            command.add_argument("--port", type=int, default=8080)
        command.add_argument("--key", required=True, help="the witness's signer key file")
        command.add_argument("--log-key", required=True, help="the log's verifier key, or a file")
        command.add_argument("--state", default="witness-state.json")
    args = parser.parse_args(argv)
    try:
        if args.command == "keygen":
            new = new_private_key(args.name, COSIGNATURE_V1)
            Path(args.out).write_text(new.text() + "\n")
            os.chmod(args.out, 0o600)
            print(f"Wrote {args.out}. Register this witness key on the portal:")
            print(new.public.text())
            return 0
        key, log_key = private_key(_read_key(args.key)), public_key(_read_key(args.log_key))
        if key.kind != COSIGNATURE_V1:
            raise CheckFailed("The witness key must be of type 0x04 (cosignature/v1).")
        state = State(Path(args.state))
        if args.command == "serve":
            print(f"tlog-witness on http://127.0.0.1:{args.port}/add-checkpoint")
            serve(state, log_key, key, args.port).serve_forever()
            return 0
        verdict = run(args.url, state, log_key, key)
    except CheckFailed as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    print(verdict.message)
    return 0 if verdict.status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
