from __future__ import annotations

import base64
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from governance.decision_log import merkle
from governance.decision_log.verify import decision_log_verify


class Command(BaseCommand):
    help = (
        "Recompute the public decision log's hash chain and its Merkle tree from the database; "
        "exit non-zero naming the first bad seq."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        check = decision_log_verify()
        if not check.ok:
            raise CommandError(f"decision log broken at seq {check.bad_seq}: {check.reason}")
        self.stdout.write(
            f"OK: {check.entries} entries verified; head {check.head_seq}:{check.head_hash}"
        )
        tree = merkle.check_tree()
        if not tree.ok:
            where = f" at seq {tree.bad_index + 1}" if tree.bad_index is not None else ""
            raise CommandError(f"decision log's Merkle tree broken{where}: {tree.reason}")
        self.stdout.write(
            f"OK: Merkle tree of {tree.size} entries matches; root {base64.b64encode(tree.root).decode()}"
        )
