from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from governance.decision_log.verify import decision_log_verify


class Command(BaseCommand):
    help = (
        "Recompute the public decision log's hash chain from the database; exit non-zero naming "
        "the first bad seq."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        check = decision_log_verify()
        if not check.ok:
            raise CommandError(f"decision log broken at seq {check.bad_seq}: {check.reason}")
        self.stdout.write(
            f"OK: {check.entries} entries verified; head {check.head_seq}:{check.head_hash}"
        )
