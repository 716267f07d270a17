"""Personal data: a person's export of their own data and the erasure of a person (issue 20)."""
