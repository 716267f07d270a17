"""The public decision log: an append-only, hash-chained record of published decisions."""
