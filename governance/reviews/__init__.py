"""Decision reviews: the date a decision is looked at again, the reminder, and the outcome."""
