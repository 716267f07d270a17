"""Organisations, people, chambers, applications, stakeholder map, coverage, partner alliances
and countries."""
