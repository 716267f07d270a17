"""Action items: what an organisation does to carry out an adopted decision, with its owner,
due date, status, progress (in percent or by milestones) and a timeline of dated progress
updates by the owner's people; the secretariat publishes in the decision log what came of it."""
