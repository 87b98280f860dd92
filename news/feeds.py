"""RSS 2.0 and Atom feeds of a site's news, and of one category (django.contrib.syndication).

Served by :class:`news.models.NewsIndexPage` sub-routes, so every agency site
has its own feeds at ``<news index>/rss/`` and ``<news index>/atom/``; the
portal's feeds cover the whole network.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index_page, category=None):
        self.request = request
        return index_page, category

    def title(self, obj):
        index_page, category = obj
        site = index_page.get_site()
        site_name = site.site_name if site else index_page.title
        if category is not None:
            return f"{category.display_name} – {site_name}"
        return f"{index_page.title} – {site_name}"

    def link(self, obj):
        index_page, category = obj
        if category is not None:
            return index_page.category_url(self.request, category)
        return index_page.get_url(self.request)

    def description(self, obj):
        index_page, category = obj
        return index_page.intro or _("Tin tức – Sự kiện")

    def feed_url(self, obj):
        index_page, category = obj
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        return self.request.build_absolute_uri(index_page.feed_url(self.request, kind, category))

    def items(self, obj):
        index_page, category = obj
        return index_page.articles(category)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The editorial date at the moment the article went live (or midnight of that day).
        published = item.first_published_at
        if published is not None and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or (item.agency.name if item.agency_id else None)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
