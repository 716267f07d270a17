"""The balance of consultation and action in figures: how long consultations run, how long a
decision takes after them, who takes part per chamber, and equal access to meetings, over a
period the reader chooses. Shown on the governance dashboard, in the API and in the
transparency reports, all from the selectors here."""
