"""Admin for the secretariat, one module per feature (``governance/<feature>/admin.py``).
Whatever has rules goes through the same services as the pages and the API; a refusal is shown
as a message and nothing is saved. Importing the feature modules here registers them."""

from governance.acceptance import admin as acceptance_admin
from governance.actions import admin as actions_admin
from governance.ballots import admin as ballots_admin
from governance.bodies import admin as bodies_admin
from governance.consultations import admin as consultations_admin
from governance.decision_log import admin as decision_log_admin
from governance.documents import admin as documents_admin
from governance.effects import admin as effects_admin
from governance.initiatives import admin as initiatives_admin
from governance.log_heads import admin as log_heads_admin
from governance.meetings import admin as meetings_admin
from governance.objectives import admin as objectives_admin
from governance.proposals import admin as proposals_admin
from governance.reports import admin as reports_admin
from governance.reviews import admin as reviews_admin
from governance.versions import admin as versions_admin

__all__ = [
    "acceptance_admin",
    "actions_admin",
    "ballots_admin",
    "bodies_admin",
    "consultations_admin",
    "decision_log_admin",
    "documents_admin",
    "effects_admin",
    "initiatives_admin",
    "log_heads_admin",
    "meetings_admin",
    "objectives_admin",
    "proposals_admin",
    "reports_admin",
    "reviews_admin",
    "versions_admin",
]
