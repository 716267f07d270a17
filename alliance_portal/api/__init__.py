"""Shared API plumbing: pagination, the v1 router."""
