"""Admin: reports. Imported by governance/admin.py."""
