"""Reads of the standards app, used by views, API, exports and tests: the registry, the
crosswalk and baseline coverage."""
