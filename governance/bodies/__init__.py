"""Bodies (General Assembly, Executive Board, working groups), their seats and seat holders."""
