from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from alliance_portal.demo import DEMO_PASSWORD, DemoLogin, demo_logins_enabled, seeders


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[DemoLogin] = []
        # No transaction around the seeds: each use case they call commits on its own (use
        # cases are durable), and every seed is idempotent, so a run that stops half way is
        # finished by the next.
        for label, seed in seeders():
            logins.extend(seed())
            self.stdout.write(f"  demo data: {label} ready")
        if not demo_logins_enabled():
            self.stdout.write("  (demo logins are created under development settings only)")
            return
        width = max(len(login.role) for login in logins)
        self.stdout.write(f"\n  Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"    {login.role.ljust(width)}  {login.email}")
