"""Bodies, objectives, proposals, consultations, ballots, conflicts of interest, decisions, the
public decision log, actions, initiatives, documents and transparency reports."""
