"""The governance dashboard and a person's own actions, drawn from every feature."""
