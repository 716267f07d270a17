"""Admin: ballots. Imported by governance/admin.py."""
