"""Ballots and votes, conflicts of interest, decisions and what is said about them, and the
register of interests."""
