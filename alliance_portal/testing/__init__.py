"""Code used only by the test suite (never imported by the running portal)."""
