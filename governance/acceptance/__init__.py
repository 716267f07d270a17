"""Acceptance requests in governance: a proposal opened from a member's request that the
alliance accept a standard as meeting (part of) its baseline, and the decision that answers it,
shown on the request's page (standards never imports governance: the link is kept here)."""
