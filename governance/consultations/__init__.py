"""Consultations: comments on proposals, their moderation and the responses to them."""
