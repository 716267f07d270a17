"""Where a failed submit's messages are, located precisely: the page's one error summary
("There is a problem", a link per field in error) and each field's own message beside it. The
same words are in both places, so a test names which one it reads instead of taking the first
of two matches."""

from __future__ import annotations

from typing import Any

SUMMARY = "[data-error-summary]"


def error_summary(page: Any) -> Any:
    """The page's error summary, once it is shown: there is exactly one."""
    summary = page.locator(SUMMARY)
    summary.first.get_by_role("heading", name="There is a problem").wait_for()
    count = summary.count()
    assert count == 1, f"{count} error summaries on {page.url}"
    return summary


def field_error(page: Any, field_id: str) -> str:
    """The message shown beside the field whose control has id `field_id` (for radio buttons
    and checkboxes: the first one's id, as the summary's link names it)."""
    holder = page.locator(f".field-invalid:has(#{field_id})")
    assert holder.count() == 1, f"no field in error holds #{field_id}"
    # The raw text: "Error: " is there for screen readers, visually hidden.
    message = str(holder.locator(".errorlist").text_content()).strip()
    return message.removeprefix("Error:").strip()


def assert_guided(page: Any, messages: dict[str, str]) -> Any:
    """The summary lists each message as a link to its field, and the same message is shown
    beside that field; no Django default ("This field is required.") is left. Returns the
    summary."""
    summary = error_summary(page)
    for text, field_id in messages.items():
        link = summary.get_by_role("link", name=text, exact=True)
        assert link.get_attribute("href") == f"#{field_id}"
        assert field_error(page, field_id) == text
    assert "This field is required" not in page.content()
    return summary
