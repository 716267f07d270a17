"""The competition-law validator (issue 20, item 3): one module refuses text asking for prices,
costs, capacities, customer or supplier lists and future commercial plans, in each language of
its word lists, with a message that quotes the statement's rule and says what to do; words the
alliance uses otherwise pass."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from alliance_portal.competition_law import (
    RULE,
    TOPICS,
    check_commercial,
    commercial_problems,
    findings,
    languages,
)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Members share their price lists for 2027", "prices"),
        ("Cobalt pricing in the next quarter", "prices"),
        ("Compare production costs per site", "costs"),
        ("What are your costs per tonne?", "costs"),
        ("Smelting capacity of each refiner", "capacities"),
        ("Production volumes by member", "capacities"),
        ("Each member's customer list", "customers_suppliers"),
        ("A list of our suppliers in Lualaba", "customers_suppliers"),
        ("Who are your customers in Europe?", "customers_suppliers"),
        ("Members' commercial plans for the new mine", "plans"),
        ("Next year's sales forecast", "plans"),
        ("Future investments in refining", "plans"),
        # The other languages of the word lists.
        ("Les prix du cobalt", "prices"),
        ("Coûts de production des fonderies", "costs"),
        ("Capacité de production de chaque membre", "capacities"),
        ("Liste des clients de chaque membre", "customers_suppliers"),
        ("Stratégie commerciale pour 2027", "plans"),
        ("Precios del litio", "prices"),
        ("Lista de proveedores", "customers_suppliers"),
        ("Produktionskapazitäten der Hütten", "capacities"),
        ("Kundenliste", "customers_suppliers"),
    ],
)
def test_text_asking_for_commercial_information_is_found(text: str, topic: str) -> None:
    assert [finding.topic for finding in findings(text)] == [topic]


@pytest.mark.parametrize(
    "text",
    [
        "Capacity building for artisanal miners",
        "The cost of action and of inaction",
        "Supplier due diligence under the OECD guidance",
        "Customer expectations of responsible sourcing",
        "The working group's plans for the next session",
        "Traceability of cobalt from Kolwezi",
        "Approval of the minutes",
        "Community consultation in Lualaba",
    ],
)
def test_what_the_alliance_discusses_otherwise_passes(text: str) -> None:
    assert findings(text) == []


def test_the_message_names_the_topic_and_the_words_quotes_the_rule_and_says_what_to_do() -> None:
    with pytest.raises(ValidationError) as refused:
        check_commercial({"note": "Please share your price list"})
    message = refused.value.message_dict["note"][0]
    assert "prices (“price”)" in message
    assert RULE in message
    assert "Remove it" in message
    assert "aggregates over at least three organisations" in message


def test_every_problem_at_once_keyed_by_field_and_named_by_item() -> None:
    problems = commercial_problems(
        {"title": "Prices and smelting capacity", "description": "Fine"}, prefix="Item 2: "
    )
    assert list(problems) == ["title"]
    assert problems["title"].startswith("Item 2: This asks for prices")
    assert "capacities (“smelting capacity”)" in problems["title"]
    check_commercial({"title": "Opening", "description": ""})  # nothing to refuse


def test_english_and_every_list_cover_every_topic() -> None:
    from alliance_portal.competition_law import _WORDS

    assert "en" in languages()
    for language in languages():
        assert set(_WORDS[language]) == set(TOPICS), language
