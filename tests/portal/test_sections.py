from __future__ import annotations

import pytest
from django.test import Client

from alliance_portal.sections import PageSection, register_section, unregister_section


@pytest.fixture
def extra_section():
    register_section(
        "home",
        PageSection(
            key="test-decisions",
            title="Latest decisions",
            template="_test_section.html",
            context=lambda request, obj: {"items": ["Decision 1", "Decision 2"]},
            order=10,
        ),
    )
    register_section(
        "home",
        PageSection(
            key="test-hidden",
            title="Nothing to show",
            template="_test_section.html",
            context=lambda request, obj: None,
        ),
    )
    yield
    unregister_section("home", "test-decisions")
    unregister_section("home", "test-hidden")


@pytest.mark.django_db
def test_a_higher_app_adds_a_section_to_a_lower_apps_page(
    client: Client, extra_section, settings, tmp_path
) -> None:
    (tmp_path / "_test_section.html").write_text(
        "<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    html = client.get("/").content.decode()
    assert '<h2 id="section-test-decisions">Latest decisions</h2>' in html
    assert "<li>Decision 2</li>" in html
    # Ordered: the decisions section (order 10) before the chambers (order 50).
    assert html.index("section-test-decisions") < html.index("section-chambers")
    # A provider that returns None leaves its section out.
    assert "Nothing to show" not in html
