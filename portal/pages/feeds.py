"""RSS 2.0 and Atom feeds of a column's (or a whole site's) latest items."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags

from portal.core.site_url import absolute

FEED_SIZE = 30


class ItemsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.page.title

    def link(self):
        return self.page.get_full_url(self.request)

    def description(self):
        return getattr(self.page, "description", "") or getattr(self.page, "intro", "") or self.page.title

    subtitle = description

    def feed_url(self):
        return absolute(self.request.get_full_path())

    def items(self):
        return self.page.feed_items()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        summary = getattr(item, "summary", "") or ""
        return summary or strip_tags(str(getattr(item, "search_description", "") or ""))

    def item_pubdate(self, item):
        return timezone.localtime(item.date)

    def item_updateddate(self, item):
        return item.last_published_at or item.date

    def item_author_name(self, item):
        return item.source_name() or None


class ItemsAtomFeed(ItemsRssFeed):
    feed_type = Atom1Feed
