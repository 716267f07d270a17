"""Models of the governance app: reports (being built)."""
