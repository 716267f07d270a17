"""Atom feed of the glossary's changes: concepts agreed, revisions agreed, concepts deprecated
or superseded. Public: it shows what an anonymous visitor may see."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from glossary.languages import SOURCE_LANGUAGE
from glossary.selectors import Change, concept_changes


class GlossaryChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Alliance glossary: new and changed concepts"
    subtitle = "Concepts agreed, revised, deprecated or superseded in the alliance's glossary."

    item_guid_is_permalink = False

    def link(self) -> str:
        return reverse("glossary:concept-list") + "?view=changes"

    def items(self) -> list[Change]:
        return concept_changes(user=AnonymousUser(), language=SOURCE_LANGUAGE, limit=50)

    def item_title(self, item: Change) -> str:
        return f"{item.link.label.text}: {item.description.lower()}"

    def item_description(self, item: Change) -> str:
        if item.replaced_by is not None:
            return f"{item.description}; use “{item.replaced_by.label.text}” instead."
        return item.description

    def item_link(self, item: Change) -> str:
        return reverse("glossary:concept-detail", kwargs={"slug": item.link.slug})

    def item_guid(self, item: Change) -> str:
        return f"{self.item_link(item)}#{item.kind}-{item.revision or item.when.isoformat()}"

    def item_updateddate(self, item: Change) -> datetime:
        return item.when

    def item_pubdate(self, item: Change) -> datetime:
        return item.when
