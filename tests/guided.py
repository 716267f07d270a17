"""The forms guide's promise after a failed submit, checked in a page's HTML (issue 15): one
error summary whose links say what to do and lead to the fields, the same message beside each
field, and none of Django's default messages."""

from __future__ import annotations

import re

from django.utils.html import escape


def guided(html: str, messages: dict[str, str]) -> str:
    """The page has one error summary, each message is a link in it to the field's id and is
    shown beside that field too, and no Django default is left. Returns the summary."""
    summaries = html.count("data-error-summary")
    assert summaries == 1, f"{summaries} error summaries"
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert "There is a problem" in summary
    for message, field_id in messages.items():
        shown = escape(message)
        assert f'<a href="#{field_id}">{shown}</a>' in summary, message
        beside = re.search(
            rf'<span class="visually-hidden">Error: </span>{re.escape(shown)}</p>', html
        )
        assert beside, f"{message} is not beside its field"
    assert "This field is required" not in html
    assert "Enter a valid" not in html
    return summary
