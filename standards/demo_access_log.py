"""Demo reads of confidential material (issue 20, item 1): the secretariat read a few of one
demo organisation's secretariat-level RS report answers, each with its reason, so the
organisation's access-log page and the secretariat's whole log have rows to show.
Idempotent: nothing is added when the access log already names that organisation."""

from __future__ import annotations

import functools

from alliance_portal import policy
from alliance_portal.models import AccessLogEntry, User
from alliance_portal.policy.visibility import RequestAudit, current_audit, current_path
from alliance_portal.read_reasons import GivenReason, ReadReason
from members.models import Person
from standards.models import Answer, VersionState

READS = (
    GivenReason(ReadReason.REVIEW),
    GivenReason(ReadReason.VERIFICATION),
    GivenReason(ReadReason.MEMBER_REQUEST),
    GivenReason(ReadReason.OTHER, "Preparing the annual transparency report"),
)


def _given(given: GivenReason) -> GivenReason:
    return given


def seed() -> None:
    """Four reads of secretariat-level answers of the demo member's organisation (or of the
    first reporter), one per reason, by the demo secretariat; nothing without demo logins."""
    reader = User.objects.filter(email="secretariat@demo.alliance.example").first()
    if reader is None:
        return
    confidential = Answer.objects.filter(
        disclosure="secretariat", version__state=VersionState.SUBMITTED
    ).select_related("version__report")
    member = Person.objects.filter(user__email="member@demo.alliance.example").first()
    answers = list(
        confidential.filter(version__report__organisation_id=member.organisation_id)[:4]
        if member is not None
        else []
    ) or list(
        # Else an organisation with people, who can open its access-log page.
        confidential.filter(version__report__organisation__people__isnull=False)[:1]
        or confidential[:1]
    )
    if not answers:
        return
    owner = answers[0].version.report.organisation_id
    answers = [answer for answer in answers if answer.version.report.organisation_id == owner]
    if AccessLogEntry.objects.filter(owner_organisation_id=owner).exists():
        return
    for number, given in enumerate(READS):
        answer = answers[number % len(answers)]
        # As if read on the report's page with this reason (the demo runs outside a request).
        audit = RequestAudit(reason_source=functools.partial(_given, given))
        audit_token = current_audit.set(audit)
        path_token = current_path.set(f"/standards/reporting/reports/{answer.version.report_id}/")
        try:
            policy.record_reads(reader, [answer], confidential=True)
        finally:
            current_path.reset(path_token)
            current_audit.reset(audit_token)
