"""Funded initiatives that put decisions into practice, and the pledges that fund them
(issue 17, item 2)."""
