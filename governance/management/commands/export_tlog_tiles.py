from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from governance.decision_log import merkle, tiles


class Command(BaseCommand):
    help = (
        "Write the decision log's C2SP tlog-tiles (hash tiles and entry bundles) under a "
        "directory, laid out as under /decision-log/, for a static mirror or a CDN. Full tiles "
        "already there are kept (they never change); the partial ones are rewritten. Copy "
        "/decision-log/checkpoint beside them to say which tree they hold."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        size = merkle.current_size()
        written = kept = 0
        for path, read in tiles.tiles_of(size):
            target = directory / path
            if ".p/" not in path and target.exists():
                kept += 1
                continue
            try:
                data = read()
            except tiles.TileNotFound as error:  # an entry too long for a bundle
                self.stderr.write(f"{path} left out: {error}")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
        self.stdout.write(
            f"Tree of {size} entries: {written} tiles written, {kept} full tiles already there."
        )
