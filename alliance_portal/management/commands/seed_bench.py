from __future__ import annotations

import importlib
import importlib.util
import random
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import pghistory
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from alliance_portal.bench import SLUG_PREFIX, BenchData

Builder = Callable[[float, random.Random, BenchData], None]


def builders() -> list[tuple[str, Builder]]:
    """Every installed app's ``bench.build``, in INSTALLED_APPS (= layer) order."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.bench"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if hasattr(module, "build"):
            found.append((config.label, module.build))
    return found


class Command(BaseCommand):
    help = (
        "Build the benchmark dataset (issue 19): at --scale 1, 2,000 organisations, 10,000 "
        "people, 20,000 decided proposals with 200,000 comments and 300,000 votes, 20,000 "
        "decision-log entries, 50 standards with 60,000 crosswalk mappings, 10,000 glossary "
        "concepts, 5,000 action items. Refuses a database that holds organisations already "
        "unless --force (which adds the bench data beside them; nothing is ever deleted)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 for the benchmark, 0.01 for tests."
        )
        parser.add_argument(
            "--seed", type=int, default=19, help="Seed of the pseudo-random content."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the bench data to a database that holds organisations already (it is "
            "added beside them; nothing is deleted). To start afresh, drop and re-create the "
            "database: the decision log and the audit trail are append-only.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run under the production settings all the same.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from members.models import Organisation

        scale: float = options["scale"]
        if not 0 < scale <= 10:
            raise CommandError("--scale is a number above 0 and at most 10 (1 is the benchmark).")
        if (
            str(settings.SETTINGS_MODULE).endswith(".production")
            and not options["allow_production"]
        ):
            raise CommandError(
                "These are the production settings: the bench data would mix with real data. "
                "Pass --allow-production if this really is a benchmark database."
            )
        if Organisation.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError(
                "This database holds bench data already; drop and re-create it to build again "
                "(the decision log and audit trail are append-only, so nothing is flushed)."
            )
        if Organisation.objects.exists() and not options["force"]:
            raise CommandError(
                "This database holds organisations already. Use an empty database, or pass "
                "--force to add the bench data beside them (nothing is deleted)."
            )

        # Under DEBUG the connection keeps the text of its last 9,000 queries: bulk INSERTs of
        # 2,000 rows each would hold gigabytes. Keep none while building, and give the connection
        # its own log back afterwards (a test's query counts read it).
        kept_log, connection.queries_log = connection.queries_log, deque(maxlen=0)
        try:
            self._build(options, scale)
        finally:
            connection.queries_log = kept_log

    def _build(self, options: dict[str, Any], scale: float) -> None:
        data = BenchData()
        began = time.monotonic()
        self.stdout.write(f"Building the benchmark dataset at scale {scale:g}")
        with transaction.atomic(), pghistory.context(use_case="seed_bench", system=True):
            for label, build in builders():
                started = time.monotonic()
                before = dict(data.counts)
                build(scale, random.Random(f"{options['seed']}:{label}"), data)  # noqa: S311 (test data)
                made = ", ".join(
                    f"{value:,} {name.replace('_', ' ')}"
                    for name, value in data.counts.items()
                    if before.get(name) != value
                )
                self.stdout.write(f"  {label:<16} {time.monotonic() - started:7.1f} s  {made}")
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"  {'analyze':<16} {time.monotonic() - started:7.1f} s")
        self.stdout.write(f"Built in {time.monotonic() - began:.1f} s")
