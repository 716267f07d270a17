"""Objectives with their indicators and measurements, and the register of RS issues."""
