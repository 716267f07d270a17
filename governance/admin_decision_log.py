"""Admin: decision log. Imported by governance/admin.py."""
