"""Models of the governance app: decision log (being built)."""
