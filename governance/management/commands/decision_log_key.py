from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliance_portal.policy import SYSTEM
from governance.log_heads.keys import verifier_key
from governance.log_heads.note import NoteError, generate_skey
from governance.log_heads.services import log_head_sign, log_key_announce


class Command(BaseCommand):
    help = (
        "The key that signs the decision log's heads: print its verifier key; --generate NAME "
        "prints a new signer key for DECISION_LOG_SIGNING_KEY (a rotation); --announce "
        "publishes the key in use as an entry of the log (once per key) and signs a head."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--generate", metavar="NAME", help="e.g. portal.example/decision-log")
        parser.add_argument("--announce", action="store_true")
        parser.add_argument("--reason", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            try:
                key = generate_skey(options["generate"])
            except NoteError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(key.text())
            self.stderr.write(f"Its verifier key: {key.verifier.text()}")
            return
        if options["announce"]:
            entry = log_key_announce(actor=SYSTEM, reason=options["reason"])
            self.stderr.write(f"Announced as entry {entry.seq}." if entry else "Announced already.")
            log_head_sign(actor=SYSTEM, force=True)
        self.stdout.write(verifier_key().text())
