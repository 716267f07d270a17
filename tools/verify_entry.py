#!/usr/bin/env python3
"""Check one entry of the Alliance Portal's decision log, without downloading the log.

    python tools/verify_entry.py https://portal.example 12 --log-key LOG-VKEY \\
        --witness WITNESS-VKEY --witness OTHER-VKEY -k 2
    python tools/verify_entry.py https://portal.example 12 --log-key log.vkey \\
        --witnesses trusted-witnesses.txt

It fetches the entry, the newest signed head that at least K of the witnesses you trust
cosigned (C2SP checkpoint and cosignature/v1), and the entry's inclusion proof in that head's
tree (RFC 9162), and verifies all of it:

- the entry's hash is sha256(prev_hash + "\\n" + canonical), and its canonical text names it;
- the head is signed by the log's key (the one you pass: compare it with the README, or the
  portal's /.well-known/decision-log-key fetched earlier, never only now);
- at least K of your witnesses cosigned that very head (a head shown only to you, of the same
  size with another root, carries no valid cosignature: a split view fails here);
- the entry's leaf hash, sha256(0x00 || canonical), is in that head's tree by the proof.

Prints a verdict and exits 0 when everything holds, 1 otherwise (naming what failed), 2 on
bad arguments. Keys are C2SP verifier keys; a witnesses file holds one per line (# comments).
Standard library and `cryptography` only; it imports nothing of the portal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tlog import (
    COSIGNATURE_V1,
    CheckFailed,
    Fetch,
    PublicKey,
    cosigners,
    get_json,
    http,
    leaf_hash,
    parse_checkpoint,
    proof_hashes,
    public_key,
    verify_inclusion,
    verify_log_signature,
)

ENTRY_PATH = "/api/v1/decision-log/{seq}/"
HEADS_PATH = "/api/v1/decision-log/heads/?cosigned=true"
INCLUSION_PATH = "/api/v1/decision-log/{seq}/inclusion/?tree_size={size}"
MAX_PAGES = 20


@dataclass
class Result:
    ok: bool
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.lines)


def _entry_checks(entry: dict, seq: int) -> bytes:
    canonical = str(entry.get("canonical", ""))
    digest = hashlib.sha256((str(entry["prev_hash"]) + "\n" + canonical).encode()).hexdigest()
    if digest != entry.get("hash"):
        raise CheckFailed(f"Entry {seq}'s hash is not sha256(prev_hash + newline + canonical).")
    content = json.loads(canonical)
    if content.get("seq") != seq or content.get("prev_hash") != entry["prev_hash"]:
        raise CheckFailed(f"Entry {seq}'s canonical text names another seq or predecessor.")
    return canonical.encode()


def _head(
    base: str, seq: int, log_key: PublicKey, witnesses: list[PublicKey], k: int, fetch: Fetch
):
    """The newest head covering ``seq`` signed by the log and cosigned by k witnesses."""
    url: str | None = base + HEADS_PATH
    seen = 0
    for _ in range(MAX_PAGES):
        if url is None:
            break
        page = get_json(fetch, url)
        for head in page.get("results", []):
            seen += 1
            note = str(head["checkpoint"])
            checkpoint = parse_checkpoint(verify_log_signature(note, log_key))
            if checkpoint.size < seq:
                return None, seen
            good = cosigners(note, witnesses)
            if len(good) >= k:
                return (checkpoint, good, note), seen
        url = page.get("next")
    return None, seen


def verify_entry(
    url: str,
    seq: int,
    log_key: PublicKey,
    witnesses: list[PublicKey],
    k: int,
    fetch: Fetch = http,
) -> Result:
    """Everything the tool checks, as a verdict with its reasons."""
    base = url.rstrip("/")
    result = Result(ok=False)
    try:
        entry = get_json(fetch, base + ENTRY_PATH.format(seq=seq))
        leaf = _entry_checks(entry, seq)
        result.lines.append(f"Entry {seq} ({entry.get('kind')}): hash {entry['hash']} checks.")
        found, seen = _head(base, seq, log_key, witnesses, k, fetch)
        if found is None:
            raise CheckFailed(
                f"No head covering entry {seq} is signed by the log key and cosigned by {k} of "
                f"your {len(witnesses)} witness(es) (looked at {seen} cosigned head(s)). Either "
                "the witnesses have not cosigned since the entry was published (try later), or "
                "the portal shows you a view they never saw."
            )
        checkpoint, good, _note = found
        result.lines.append(
            f"Head: {checkpoint.size} entries, root {checkpoint.root_hash.hex()}, signed by "
            f"{log_key.name} and cosigned by {len(good)} of your witnesses: "
            + ", ".join(w.name for w in good)
            + "."
        )
        proof = proof_hashes(
            get_json(fetch, base + INCLUSION_PATH.format(seq=seq, size=checkpoint.size))
        )
        if not verify_inclusion(
            leaf_hash(leaf), seq - 1, checkpoint.size, proof, checkpoint.root_hash
        ):
            raise CheckFailed(
                f"Entry {seq} is NOT in the cosigned tree of {checkpoint.size} entries: the "
                "inclusion proof does not lead to its root. The entry shown to you is not the "
                "one the witnesses vouched for."
            )
        result.lines.append(
            f"Inclusion: {len(proof)} hashes lead from the entry to the head's root."
        )
    except CheckFailed as error:
        result.lines.append(f"NOT VERIFIED: {error}")
        return result
    except (KeyError, ValueError) as error:
        result.lines.append(f"NOT VERIFIED: the portal's answer is malformed ({error}).")
        return result
    result.ok = True
    result.lines.append(f"VERIFIED: entry {seq} is in the log that your witnesses vouched for.")
    return result


def _keys(values: list[str], files: list[str]) -> list[PublicKey]:
    texts = list(values)
    for name in files:
        texts += [
            line.strip()
            for line in Path(name).read_text().splitlines()
            if line.strip() and not line.strip().startswith("#")
        ]
    return [public_key(text) for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the portal's address, e.g. https://portal.example")
    parser.add_argument("seq", type=int, help="the entry's seq (a decision's number)")
    parser.add_argument("--log-key", required=True, help="the log's verifier key, or a file")
    parser.add_argument("--witness", action="append", default=[], help="a witness's key")
    parser.add_argument("--witnesses", action="append", default=[], help="a file of keys")
    parser.add_argument("-k", type=int, default=None, help="cosignatures needed (all by default)")
    args = parser.parse_args(argv)
    try:
        key_text = Path(args.log_key).read_text() if Path(args.log_key).exists() else args.log_key
        log_key = public_key(key_text)
        witnesses = _keys(args.witness, args.witnesses)
    except (CheckFailed, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    if any(w.kind != COSIGNATURE_V1 for w in witnesses):
        print("Error: witness keys are of type 0x04 (cosignature/v1).", file=sys.stderr)
        return 2
    k = len(witnesses) if args.k is None else args.k
    if not witnesses or not 1 <= k <= len(witnesses):
        print(
            "Error: name at least one witness you trust, and 1 <= K <= their number.",
            file=sys.stderr,
        )
        return 2
    result = verify_entry(args.url, args.seq, log_key, witnesses, k)
    print(result.text())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
