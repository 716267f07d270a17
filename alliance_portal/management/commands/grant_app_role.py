from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from alliance_portal.db_roles import DEFAULT_APP_ROLE, RoleError, grant_app_role


class Command(BaseCommand):
    help = (
        "Create or update the database role web, worker and beat connect as, and grant it only "
        "what they need: rows of ordinary tables, and on append-only tables (decision log, "
        "access log, audit trail) only SELECT and INSERT. Run it as the owner of the tables "
        "(DATABASE_URL = the owner's URL) after every migrate; running it again is harmless."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--role", default=DEFAULT_APP_ROLE, help=f"the app role (default {DEFAULT_APP_ROLE})"
        )
        parser.add_argument(
            "--password-env",
            default="APP_DB_PASSWORD",
            help="environment variable holding the role's password (default APP_DB_PASSWORD); "
            "when unset or empty a new role gets no password and an existing one keeps its own",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        role: str = options["role"]
        password = os.environ.get(options["password_env"]) or None
        connection = connections[options["database"]]
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                granted = grant_app_role(cursor, role, password=password)
        except RoleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Database role {granted.role} {'created' if granted.created else 'updated'}: it "
            f"reads and writes the rows of {granted.tables - len(granted.append_only)} tables "
            f"and may only read and add rows to {len(granted.append_only)} append-only tables "
            "(decision log, access log, audit trail). It owns nothing and cannot switch a "
            "trigger off. Connect web, worker and beat as this role."
        )
