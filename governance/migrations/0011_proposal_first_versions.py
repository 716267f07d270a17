"""Version 1 for every proposal whose consultation has opened (its text, frozen since then),
and the ballots still open are on it. Ballots already closed keep no version: their decision
records were frozen without one and stay as they are."""

from django.db import migrations


def first_versions(apps, schema_editor):
    from governance.versions.models import canonical_text, text_sha256

    Proposal = apps.get_model("governance", "Proposal")
    ProposalVersion = apps.get_model("governance", "ProposalVersion")
    Ballot = apps.get_model("governance", "Ballot")
    for proposal in Proposal.objects.filter(consultation_opened_at__isnull=False).order_by("pk"):
        if ProposalVersion.objects.filter(proposal=proposal).exists():
            continue
        text = canonical_text(proposal.text)
        version = ProposalVersion.objects.create(
            proposal=proposal,
            number=1,
            title=proposal.title,
            summary=proposal.summary,
            text=text,
            sha256=text_sha256(text),
            note="",
            author_agreed=proposal.proposed_by_id is not None,
            published_by=None,
            published_at=proposal.consultation_opened_at,
        )
        Ballot.objects.filter(
            proposal=proposal, closed_at__isnull=True, version__isnull=True
        ).update(version=version)


class Migration(migrations.Migration):
    dependencies = [("governance", "0010_proposal_versions")]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
