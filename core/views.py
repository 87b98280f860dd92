"""The per-site sitemap, in both languages."""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page


class SiteSitemap(WagtailSitemap):
    """Every live, public page of the requested site, in every language (Wagtail's lists one tree)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        q = Q(pk__in=[])
        for path in roots:
            q |= Q(path__startswith=path)
        return Page.objects.filter(q).live().public().order_by("path").defer_streamfields().specific()


def sitemap(request):
    return django_sitemap(request, sitemaps={"wagtail": SiteSitemap(request)})
