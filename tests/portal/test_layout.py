"""Small things of issue 15: the header menu, why the login page is shown, the favicon, the
admin's breadcrumbs, countries sorted by name in the reader's language."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from alliance_portal.accounts.login_reasons import GENERIC, login_reason

pytestmark = pytest.mark.django_db


def test_the_header_has_a_menu_button_and_no_inline_script(client) -> None:
    html = client.get("/").content.decode()
    assert (
        '<button type="button" class="menu-toggle" aria-expanded="false" '
        'aria-controls="site-menu">Menu</button>' in html
    )
    assert 'id="site-menu"' in html
    assert "/static/js/menu.js" in html
    assert "<script>" not in html  # the CSP allows no inline script


def test_being_sent_to_sign_in_says_why(client) -> None:
    response = client.get("/members/stakeholders/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert "Sign in to see the stakeholder map." in response.content.decode()


def test_the_login_reason_is_generic_for_anything_but_a_known_page_of_this_site() -> None:
    assert login_reason("") is None
    assert login_reason("/accounts/tokens/") == "Sign in to manage your API tokens."
    assert login_reason("https://evil.example/members/stakeholders/") == GENERIC
    assert login_reason("//evil.example/members/stakeholders/") == GENERIC
    assert login_reason("/no/such/page/") == GENERIC


def test_an_unsafe_next_is_shown_generically_and_not_followed(client, make_user) -> None:
    from tests.conftest import PASSWORD

    page = client.get("/accounts/login/?next=https://evil.example/").content.decode()
    assert GENERIC in page
    make_user(email="reader@example.org")
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "reader@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_signing_in_on_purpose_shows_no_reason(client) -> None:
    assert 'id="login-reason"' not in client.get("/accounts/login/").content.decode()


def test_favicon_ico_leads_to_the_svg_icon(client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_admin_breadcrumbs_are_underlined(client) -> None:
    from django.contrib.staticfiles import finders

    assert "/static/css/admin.css" in client.get("/admin/login/").content.decode()
    path = finders.find("css/admin.css")
    assert isinstance(path, str)
    with open(path, encoding="utf-8") as css_file:
        css = css_file.read()
    assert "div.breadcrumbs a { text-decoration: underline" in css


def test_countries_sort_by_name_in_the_readers_language(client) -> None:
    from members.forms import DirectoryFilterForm
    from members.models import FocusCountry
    from members.selectors import focus_country_list

    for code in ("ES", "DE", "EG", "ZA", "CL"):
        FocusCountry.objects.create(country=code, role="producer")
    with translation.override("en"):
        assert [str(c) for c in focus_country_list()] == [
            "Chile", "Egypt", "Germany", "South Africa", "Spain",
        ]  # fmt: skip
    with translation.override("fr"):
        # Accents aside: "Égypte" before "Espagne" (a plain code-point sort puts it last).
        assert [str(c) for c in focus_country_list()] == [
            "Afrique du Sud", "Allemagne", "Chili", "Égypte", "Espagne",
        ]  # fmt: skip
        field = DirectoryFilterForm().fields["country"]
        assert isinstance(field, forms.ChoiceField)
        labels = [label for _code, label in field.choices]
        assert labels[0] == "All countries"
        assert labels.index("Égypte") < labels.index("Espagne") < labels.index("Zambie")


def test_coverage_gaps_list_countries_by_name(chamber) -> None:
    from members.models import FocusCountry
    from members.selectors import coverage_gaps

    for code in ("ZA", "US", "BO"):  # South Africa, United States, Bolivia
        FocusCountry.objects.create(country=code, role="producer")
    countries = [gap.subject for gap in coverage_gaps() if gap.kind == "country"]
    assert list(dict.fromkeys(countries)) == [
        "Bolivia", "South Africa", "United States of America",
    ]  # fmt: skip
