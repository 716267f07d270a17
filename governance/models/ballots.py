"""Models of the governance app: ballots (being built)."""
