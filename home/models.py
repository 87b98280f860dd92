"""Portal and agency home pages, and standard pages."""

from __future__ import annotations

from itertools import groupby

from django.apps import apps
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import HOME_PAGE_TYPES, BasePage, ReviewDateMixin
from core.routing import route_with_fallback
from sites.models import Agency

HOME_CHILD_TYPES = [
    "home.StandardPage",
    "procedures.ProcedureIndexPage",
    "news.NewsIndexPage",
    "sections.OrganisationPage",
    "sections.LegalDocumentIndexPage",
    "sections.DirectionIndexPage",
    "sections.PlanReportIndexPage",
    "sections.ConsultationIndexPage",
    "sections.QuestionIndexPage",
    "sections.ContactPage",
    "journeys.JourneyIndexPage",
]


class HomePageBase(BasePage):
    """What the portal's and every agency's home page share: an introduction, a body, and the site's root routing."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_CHILD_TYPES

    # Latest news, the top tasks and the life-event journeys, from any site; the top tasks follow view
    # counts, so the shell lives no longer than the page cache keeps a home (600 s by default).
    shell_cacheable = True
    shell_cache_depends = (
        "news.newsarticlepage",
        "procedures.procedurepage",
        "online_services.onlineservicepage",
        "journeys.journeypage",
    )
    shell_cache_seconds = 600

    class Meta:
        abstract = True

    def route(self, request, path_components):
        return route_with_fallback(self, request, path_components, super().route)


class PortalHomePage(HomePageBase):
    """The provincial e-portal's home: the network's front door."""

    class Meta:
        verbose_name = _("trang chủ cổng tỉnh")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = apps.get_model("news", "NewsArticlePage")
        # Called by the template only when its cached fragment is missing (caching app).
        context["directory"] = agency_directory
        context["featured_news"] = SimpleLazyObject(lambda: articles.featured(self.locale))
        context["network_news"] = SimpleLazyObject(lambda: articles.network(self.locale))
        context["news_index"] = SimpleLazyObject(lambda: self.get_children().type(_news_index_model()).live().first())
        return context


class AgencyHomePage(HomePageBase):
    """An agency's information website (trang thông tin điện tử)."""

    class Meta:
        verbose_name = _("trang chủ cơ quan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: a warm page shell (caching/shell.py) never reads it, and building the queryset costs ~0.6 ms.
        context["menu_pages"] = SimpleLazyObject(
            lambda: list(self.get_children().live().in_menu().specific(defer=True))
        )
        # Asked by the template only when the home's shell is rebuilt (caching app).
        news_index = SimpleLazyObject(lambda: self.get_children().type(_news_index_model()).live().specific().first())
        context["news_index"] = news_index
        context["latest_news"] = SimpleLazyObject(lambda: list(news_index.articles()[:5]) if news_index else [])
        return context


class StandardPage(ReviewDateMixin, BasePage):
    """Introduction, organisation, contact and other plain content pages."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = [*HOME_PAGE_TYPES, "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    shell_cacheable = True

    class Meta:
        verbose_name = _("trang nội dung")


def _news_index_model():
    return apps.get_model("news", "NewsIndexPage")


def agency_directory() -> list[tuple[str, list[Agency]]]:
    """Active agencies grouped by kind, in one query whatever their number."""
    agencies = sorted(
        Agency.objects.active().filter(site__isnull=False).select_related("site"),
        key=lambda a: (Agency.KIND_ORDER.index(a.kind), a.name),
    )
    labels = dict(Agency.Kind.choices)
    return [(labels[kind], list(group)) for kind, group in groupby(agencies, key=lambda a: a.kind)]
