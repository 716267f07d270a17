"""PostgreSQL backend for the test suite only: see `alliance_portal.testing.db.base`."""
