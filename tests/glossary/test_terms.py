"""Term links: the first occurrence of each agreed term in rendered markdown links to its
page with the definition as a tooltip; code, links and headings are never touched."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from alliance_portal.markdown import render_markdown
from alliance_portal.policy import SYSTEM
from glossary import services
from glossary.terms import Term, TermIndex, link_terms
from tests.glossary.factories import agreed_concept, proposed_concept

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(db) -> None:
    agreed_concept("Due diligence", "Finding and handling **risks**.")
    agreed_concept(
        "Artisanal and small-scale mining",
        "Mining with mostly manual tools.",
        alt=("ASM", "small-scale mining"),
        deprecated=("informal mining",),
    )
    agreed_concept("Red flag", 'A "warning" sign <script>alert(1)</script>.')
    proposed_concept("Living income", "Not agreed yet.")
    retired = agreed_concept("Conflict-free", "Retired.")
    services.concept_deprecate(actor=SYSTEM, concept=retired, reason="Misleading.")


def _render(markdown: str) -> str:
    template = Template("{% load portal_markdown glossary %}{{ text|markdown|glossary_links }}")
    return template.render(Context({"text": markdown}))


def test_the_first_occurrence_of_each_term_is_linked_with_its_definition(terms) -> None:
    html = _render("Due diligence matters. We do due diligence on ASM and on red flags.")
    assert html.count('class="glossary-term"') == 3
    assert (
        '<a class="glossary-term" href="/glossary/due-diligence/" '
        'title="Finding and handling risks.">Due diligence</a> matters. We do due diligence'
    ) in html
    assert '<a class="glossary-term" href="/glossary/artisanal-and-small-scale-mining/"' in html
    assert ">red flags</a>" in html  # a plural still finds the term
    # The tooltip is plain text, escaped: no markup from the definition gets through.
    assert "<script>" not in html


def test_code_links_and_headings_are_left_alone(terms) -> None:
    html = _render(
        "# Due diligence\n\n"
        "`due diligence` and\n\n    due diligence in a block\n\n"
        "[due diligence](https://example.org) then due diligence."
    )
    assert html.count('class="glossary-term"') == 1
    assert "<h3>Due diligence</h3>" in html
    assert "<code>due diligence</code>" in html
    assert 'href="https://example.org" rel="nofollow noopener noreferrer">due diligence</a>' in html
    assert 'then <a class="glossary-term" href="/glossary/due-diligence/"' in html


def test_only_agreed_terms_in_use_are_linked(terms) -> None:
    html = _render("Living income, conflict-free, informal mining, asm and ASM.")
    assert "/glossary/living-income/" not in html  # a proposal
    assert "/glossary/conflict-free/" not in html  # deprecated
    assert ">informal mining<" not in html  # a deprecated term of an agreed concept
    assert html.count('class="glossary-term"') == 1  # "asm" is not the abbreviation ASM
    assert ">ASM</a>" in html


def test_the_page_of_a_concept_does_not_link_it_to_itself(terms) -> None:
    template = Template("{% load glossary %}{{ html|glossary_links:slug }}")
    html = template.render(
        Context({"html": render_markdown("Due diligence and ASM."), "slug": "due-diligence"})
    )
    assert "/glossary/due-diligence/" not in html
    assert "/glossary/artisanal-and-small-scale-mining/" in html


def test_text_that_is_not_safe_is_escaped(terms) -> None:
    template = Template("{% load glossary %}{{ text|glossary_links }}")
    html = template.render(Context({"text": "<b>due diligence</b>"}))
    assert html.startswith("&lt;b&gt;")
    assert "glossary-term" in html


def test_newly_agreed_terms_are_linked_without_waiting(terms) -> None:
    assert "glossary-term" not in _render("Mass balance.")
    agreed_concept("Mass balance", "Mixing with bookkeeping.")
    assert "/glossary/mass-balance/" in _render("Mass balance.")


def test_the_linker_keeps_entities_comments_and_attributes() -> None:
    index = TermIndex([Term("due diligence", "dd", "/glossary/dd/", 'Say "why" & how')])
    html = '<p title="x &amp; y">A &amp; B, due diligence<!-- note --><br></p>'
    out = link_terms(html, index=index)
    assert out == (
        '<p title="x &amp; y">A &amp; B, <a class="glossary-term" href="/glossary/dd/" '
        'title="Say &quot;why&quot; &amp; how">due diligence</a><!-- note --><br></p>'
    )
