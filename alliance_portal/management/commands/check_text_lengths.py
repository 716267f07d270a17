from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models.functions import Length

from alliance_portal.text_limits import TextLengthCheck


class Command(BaseCommand):
    help = (
        "List rows whose text is longer than its field's limit (written before the limits "
        "existed; the length checks were added NOT VALID so migrate kept them). Such a row "
        "cannot be saved again until its text is shortened. With --validate and nothing "
        "left to shorten, mark every length check as validated."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--validate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        over = 0
        checks: list[tuple[str, str]] = []
        for model in apps.get_models():
            for check in model._meta.constraints:
                if not isinstance(check, TextLengthCheck):
                    continue
                checks.append((model._meta.db_table, check.name))
                rows = (
                    model._base_manager.annotate(_length=Length(check.field))
                    .filter(_length__gt=check.max_length)
                    .values_list("pk", "_length")
                )
                for pk, length in rows:
                    over += 1
                    self.stdout.write(
                        f"{model._meta.label} {pk}: {check.field} has {length:,} characters "
                        f"(the limit is {check.max_length:,})"
                    )
        if over:
            raise CommandError(f"{over} text{'s' if over != 1 else ''} to shorten.")
        self.stdout.write("Every text fits its limit.")
        if options["validate"]:
            with connection.cursor() as cursor:
                for table, name in checks:
                    cursor.execute(
                        f"ALTER TABLE {connection.ops.quote_name(table)} "
                        f"VALIDATE CONSTRAINT {connection.ops.quote_name(name)}"
                    )
            self.stdout.write(f"{len(checks)} length checks validated.")
