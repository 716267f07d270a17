"""Pieces shared by several governance features (services, API, admin and pages)."""
