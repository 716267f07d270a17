"""Opening a proposal from an acceptance request: a draft proposal prefilled with the claim and
the coverage figures the crosswalk shows for it, linked to the request, which is then under
consideration."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.acceptance.models import AcceptanceProposal
from governance.bodies.models import Body
from governance.common.services import acting_user
from governance.proposals.models import Proposal
from governance.proposals.services.editing import _save_checked
from standards import services as standards_services
from standards.models import AcceptanceRequest, AcceptanceStatus
from standards.selectors.acceptance import ClaimCoverage, claim_coverage

TITLE_LIMIT = 200


def _claim(request: AcceptanceRequest) -> str:
    if request.claims_all:
        return "the whole alliance baseline"
    count = len(request.requirement_refs)
    refs = ", ".join(request.requirement_refs)
    return f"{count} requirement{'s' if count != 1 else ''} of the alliance baseline ({refs})"


def _figures(coverage: ClaimCoverage) -> list[str]:
    if coverage.baseline is None:
        return [
            "**What the crosswalk shows.** The alliance has no current baseline: there was "
            "nothing to measure against."
        ]
    lines = [
        f"**What the crosswalk shows.** Measured against {coverage.baseline.standard.title}, "
        "version "
        f"{coverage.baseline.label}, by the crosswalk's approved mappings, of the "
        f"{coverage.total} requirement{'s' if coverage.total != 1 else ''} claimed:",
        "",
    ]
    lines += [f"- {cls.label}: {count} ({share} %)" for cls, count, share in coverage.summary()]
    if coverage.requirements:
        lines += ["", "Requirement by requirement:", ""]
        lines += [
            f"- {row.requirement.ref} {row.requirement.title}: {row.coverage_label}"
            for row in coverage.requirements
        ]
    if coverage.missing:
        lines += ["", f"Claimed but no longer in the baseline: {', '.join(coverage.missing)}."]
    return lines


def proposal_text(request: AcceptanceRequest, coverage: ClaimCoverage) -> tuple[str, str, str]:
    """The title, summary and Markdown text of the proposal opened from ``request``."""
    version = request.version
    standard = version.standard
    named = f"{standard.title}, version {version.label}"
    title = f"Accept {named} as meeting {'the' if request.claims_all else 'part of the'} baseline"
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    full = coverage.counts.get("fully_covered", 0)
    summary = (
        f"{request.organisation.name} asks the alliance to accept {named} as meeting "
        f"{_claim(request)}. The crosswalk shows {full} of the {coverage.total} requirements "
        "claimed fully covered."
    )
    url = reverse("standards:acceptance-detail", kwargs={"pk": request.pk})
    submitted = timezone.localtime(request.submitted_at).date() if request.submitted_at else None
    quoted = "\n".join(f"> {line}" if line else ">" for line in request.statement.splitlines())
    text = "\n".join(
        [
            f"{request.organisation.name} submitted an [acceptance request]({url})"
            + (f" on {submitted:%-d %B %Y}" if submitted else "")
            + f", proposing {named} (issued by {standard.issuing_body}) as meeting "
            f"{_claim(request)}.",
            "",
            f"**The claim**, in {request.organisation.name}'s words:",
            "",
            quoted,
            "",
            *_figures(coverage),
            "",
            f"**Proposed decision.** The alliance accepts {named} as meeting the baseline requirements the crosswalk "
            "shows it fully covers, and asks for further evidence on the others. (The "
            "secretariat words the decision before the consultation opens.)",
        ]
    )
    return title, summary, text


@use_case
def proposal_open_from_acceptance_request(
    *, actor: Actor, request: AcceptanceRequest, body: Body
) -> Proposal:
    """Open a draft proposal to ``body`` from a submitted acceptance request (the secretariat):
    its title, summary and text quote the claim and the coverage figures and link back to the
    request, which is now under consideration. The proposal is public when the request is, for
    members otherwise; a secretariat-level request is not put to the members this way."""
    policy.require(actor, "acceptance_request.open_proposal", request)
    policy.require(actor, "proposal.create")
    errors = {}
    if request.status != AcceptanceStatus.SUBMITTED:
        label = str(AcceptanceStatus(request.status).label).lower()
        errors["status"] = f"Only a submitted request opens a proposal; this one is {label}."
    if request.disclosure == DisclosureLevel.SECRETARIAT:
        errors["disclosure"] = (
            "The request is for the secretariat only, and a proposal is read by members at "
            "least: ask the organisation to submit it again for members or the public."
        )
    if errors:
        raise ValidationError(errors)
    title, summary, text = proposal_text(request, claim_coverage(request=request))
    proposal = Proposal(
        body=body,
        title=title,
        summary=summary,
        text=text,
        disclosure=DisclosureLevel.PUBLIC
        if request.disclosure == DisclosureLevel.PUBLIC
        else DisclosureLevel.MEMBERS,
        materials=list(request.version.standard.materials),
        created_by=acting_user(actor),
        created_at=timezone.now(),
    )
    _save_checked(proposal)
    AcceptanceProposal.objects.create(proposal=proposal, acceptance_request=request)
    standards_services.take_into_consideration(request)
    return proposal
