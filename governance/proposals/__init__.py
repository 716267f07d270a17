"""Proposals and their lifecycle, with their impact assessments."""
