"""Demo data of ballots and decisions (Governance II): eight closed ballots with split votes
and one still open, through the real services, so the public decision log fills through the
same publishing path as in production.

- "Remediation-first protocol…" (assembly, chamber-balanced, adopted): a recusal (Katanga
  Copper-Cobalt Mining) and an exemption (the artisanal cooperative); two endorsements.
- "Recognise IRMA, RMI and Copper Mark audits…" (adopted): civil society split, the Copper
  Mark's liaison office recused; a dissenting statement and a reviewer statement.
- "Publish each member's list of smelters…" (rejected): rejected by chamber balance although
  one member one vote would have adopted it (15 yes, 7 no), like the issue's example B.
- "Living-wage benchmark…" (members only, no quorum in the industry upstream chamber).
- Four more: a consent ballot of the Executive Board rejected by one objection; a secret
  ballot whose small chambers' figures are withheld; a working group's one-member-one-vote
  ballot; a chamber-balanced ballot with concurrent majority rejected because one chamber's
  share stayed below 1/2 although the mean reached the threshold.
- The Executive Board's ballot on the Atacama water-monitoring network is open, with a
  recusal, a few votes and the demo representative's organisation yet to declare and vote.
- The register of interests holds a few declared interests.

Votes are cast as the system (``actor=SYSTEM``) on behalf of the organisations, so the demo works
under test settings too (no demo logins). Idempotent: it acts only when a proposal is
created (``governance.demo`` calls ``take_to_ballot``), and adds what is missing otherwise."""

from governance.ballots.demo.seeding import seed, take_to_ballot

__all__ = ["seed", "take_to_ballot"]
