"""Multilingual consultations (issue 16, item 4): a proposal's paragraphs carry translations
numbered like the original; a reader picks a language and reads each paragraph in it with
the original one click away; a comment records the language it was written in."""

from __future__ import annotations

import pytest

from alliance_portal.roles import Role
from governance.consultations.models import Comment, ProposalTranslation
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.factories import make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db

FRENCH = """L'alliance adopte une règle commune pour le cobalt.

Les membres signalent chaque cas au secrétariat sous 30 jours.

- le secrétariat publie des agrégats
- par pays, jamais par personne

La règle est revue après deux ans."""


def _put(api, proposal: Proposal, language: str, text: str = FRENCH, title: str = "Règle"):
    return api.put(
        f"/api/v1/proposals/{proposal.pk}/translations/{language}/",
        {"title": title, "summary": "Un résumé.", "text": text},
        format="json",
    )


def test_the_secretariat_adds_translations_paragraph_for_paragraph(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    staff = api_for(Role.SECRETARIAT)
    assert _put(api_for(Role.ORGANISATION_REPRESENTATIVE), proposal, "fr").status_code == 403
    short = _put(staff, proposal, "fr", text="Un seul paragraphe.")
    assert short.status_code == 400
    assert "4 numbered paragraphs" in str(short.json()["text"])
    assert _put(staff, proposal, "en").status_code == 400  # the original's own language
    assert _put(staff, proposal, "xx").status_code == 400
    assert not ProposalTranslation.objects.exists()

    saved = _put(staff, proposal, "fr")
    assert saved.status_code == 200, saved.content
    assert [p["number"] for p in saved.json()["paragraphs"]] == [1, 2, 3, 4]
    assert saved.json()["outdated"] is False
    # Saving again replaces it: one translation per language.
    assert _put(staff, proposal, "fr", title="Règle commune").status_code == 200
    listed = api_for(Role.ANONYMOUS).get(f"/api/v1/proposals/{proposal.pk}/translations/")
    assert listed.status_code == 200
    assert [(t["language"], t["title"]) for t in listed.json()["results"]] == [
        ("fr", "Règle commune")
    ]

    # When the original changes (a draft's text may), the translation says it may lag behind.
    draft = make_proposal(title="A draft")
    assert _put(staff, draft, "fr").status_code == 200
    Proposal.objects.filter(pk=draft.pk).update(text=draft.text + "\n\nA fifth one.")
    again = api_for(Role.SECRETARIAT).get(f"/api/v1/proposals/{draft.pk}/translations/")
    assert again.json()["results"][0]["outdated"] is True
    page = world.client_for(Role.SECRETARIAT).get(f"{draft.get_absolute_url()}?lang=fr")
    assert "the original has changed since this translation was made" in page.content.decode()


def test_a_reader_picks_a_language_and_reads_each_paragraph_in_it(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    assert _put(api_for(Role.SECRETARIAT), proposal, "fr").status_code == 200
    client = world.client_for(Role.MEMBER)

    original = client.get(proposal.get_absolute_url()).content.decode()
    assert 'href="?lang=fr#text"' in original  # the language picker
    assert "Les membres signalent" not in original

    french = client.get(f"{proposal.get_absolute_url()}?lang=fr").content.decode()
    assert '<strong aria-current="true" lang="fr">Français</strong>' in french
    assert "Les membres signalent chaque cas" in french
    assert "¶2 in the original (English)" in french  # the original, one click away
    assert "Members report every case" in french
    # The comment form offers the reader's language first.
    assert '<option value="fr" selected>' in french
    assert "Comment on ¶2" in french
    assert "paragraph=2&amp;lang=fr" in french

    # An unknown language, or one without a translation, reads the original.
    for lang in ("sw", "klingon"):
        page = client.get(f"{proposal.get_absolute_url()}?lang={lang}").content.decode()
        assert "Les membres signalent" not in page


def test_a_comment_records_the_language_it_was_written_in(world, api_for) -> None:
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    representative = api_for(Role.ORGANISATION_REPRESENTATIVE)
    posted = representative.post(
        f"/api/v1/proposals/{proposal.pk}/comments/",
        {"text": "Tunaunga mkono aya ya pili.", "paragraph": 2, "language": "sw"},
        format="json",
    )
    assert posted.status_code == 201, posted.content
    assert posted.json()["language"] == "sw"
    refused = representative.post(
        f"/api/v1/proposals/{proposal.pk}/comments/",
        {"text": "Hello.", "language": "tlh"},
        format="json",
    )
    assert refused.status_code == 400
    default = representative.post(
        f"/api/v1/proposals/{proposal.pk}/comments/", {"text": "In English."}, format="json"
    )
    assert default.json()["language"] == "en"

    # Through the form, in the language chosen.
    page = world.client_for(Role.MEMBER).post(
        f"/governance/proposals/{proposal.pk}/comment/",
        {"text": "Nous sommes d'accord.", "language": "fr"},
    )
    assert page.status_code == 302
    assert Comment.objects.get(text="Nous sommes d'accord.").language == "fr"

    html = world.client_for(Role.ANONYMOUS).get(proposal.get_absolute_url()).content.decode()
    assert 'in <span class="comment-language">Kiswahili</span>' in html
    assert '<div class="prose" lang="sw">' in html
