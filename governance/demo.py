"""Demo data of the governance app: the General Assembly, the Executive Board with seats per
chamber and seat holders, two working groups, objectives with indicators and measurements, RS
issues in every status with their history, and thirteen proposals across every status of the
lifecycle with realistic consultations (comments from several chambers, a public consultation
with external comments, some rejected in moderation), responses and impact assessments.

Runs after the members app's seed (chambers, organisations, demo people). Idempotent: what
exists already is left alone. Everything goes through the services, as the system
(``SYSTEM``) or, in development, as the demo logins where they may act. Under test
settings there are no demo logins: comments are then recorded on behalf of organisations."""

from __future__ import annotations

from django.utils import timezone

from alliance_portal.demo import DemoLogin
from governance import demo_constitution, demo_input, demo_tiers
from governance.actions import demo as demo_actions
from governance.ballots import demo as demo_ballots
from governance.bodies.demo import _seed_bodies
from governance.demo_content import PROPOSALS
from governance.documents import demo as demo_documents
from governance.initiatives import demo as demo_initiatives
from governance.log_heads import demo as demo_log_heads
from governance.meetings import demo as demo_meetings
from governance.notifications import demo as demo_notifications
from governance.objectives.demo import _seed_issues, _seed_objectives
from governance.proposals import demo_tabling
from governance.proposals.demo import _seed_proposal
from governance.proposals.models import Proposal
from governance.versions import demo as demo_versions
from members.models import Organisation


def seed() -> list[DemoLogin]:
    now = timezone.now()
    organisations = {o.name: o for o in Organisation.objects.select_related("chamber")}
    _seed_bodies(organisations)
    _seed_objectives()
    _seed_issues(now)
    for spec in PROPOSALS:
        if not Proposal.objects.filter(title=spec.title).exists():
            _seed_proposal(spec, now, organisations)
    demo_ballots.seed(now, organisations, seed_proposal=_seed_proposal)
    demo_constitution.seed(now, organisations)
    demo_tiers.seed(now, organisations)
    demo_versions.seed(now, organisations)
    logins = demo_meetings.seed(now)
    demo_tabling.seed(now, organisations)
    demo_input.seed()
    demo_notifications.seed()
    demo_actions.seed(now)
    demo_initiatives.seed()
    demo_documents.seed()
    demo_log_heads.seed()  # last: its head covers every entry above
    return logins  # the meeting requesters', in development
