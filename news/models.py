"""News: every agency's news index and articles, categories, and the portal's featured news.

An agency editor writes an article on the agency's own site; the agency's
moderators approve it through the agency's Wagtail workflow (provisioning
assigns one per agency). An editor who wants the article on the provincial
portal ticks "Đề xuất đưa lên cổng tỉnh"; once the article is live, a
:class:`PortalFeature` proposal waits in the portal moderators' queue
(admin menu "Đề xuất tin cho cổng tỉnh", see ``home/views.py``), and only an
approved proposal is shown among the portal's featured news.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from core.models import HOME_PAGE_TYPES, BasePage
from sites.models import Agency

NEWS_PER_PAGE = 12


class NewsCategory(models.Model):
    """A category (chuyên mục) of the province-wide news taxonomy, managed by the portal."""

    name = models.CharField(_("tên chuyên mục"), max_length=120, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    slug = models.SlugField(_("mã"), max_length=120, unique=True, help_text=_("Dùng trong địa chỉ trang và RSS."))

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        db_table = "home_newscategory"  # kept from when news lived in the home app
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name


register_snippet(NewsCategory)


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsArticlePage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        db_table = "home_newsarticletag"  # kept from when news lived in the home app


class NewsIndexPage(RoutablePageMixin, BasePage):
    """An agency's “Tin tức – Sự kiện”; on the provincial portal it lists the whole network.

    Sub-routes: ``rss/`` and ``atom/`` (feeds of the site), ``chuyen-muc/<slug>/``
    (one category) with its own ``rss/`` and ``atom/``.
    """

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        db_table = "home_newsindexpage"  # kept from when news lived in the home app
        verbose_name = _("trang tin tức – sự kiện")

    @property
    def is_network_index(self) -> bool:
        """The portal's news index lists every agency's articles."""
        return self.depth == 3 and self.agency_id is not None and self.agency.kind == Agency.Kind.PROVINCE

    def articles(self, category: NewsCategory | None = None):
        """Live articles of this index (or of the whole network on the portal), newest first."""
        qs = NewsArticlePage.objects.live().public().filter(locale_id=self.locale_id)
        qs = qs.filter(agency__is_active=True) if self.is_network_index else qs.child_of(self)
        if category is not None:
            qs = qs.filter(categories=category)
        return (
            qs.select_related("agency", "featured_image")
            .prefetch_related("featured_image__renditions")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, category=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.articles(category), NEWS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("trang"))
        articles = list(page_obj.object_list)
        _prefetch_categories(articles)
        context.update(
            {
                "category": category,
                "page_obj": page_obj,
                "articles": articles,
                "category_links": [(c, self.category_url(request, c)) for c in NewsCategory.objects.all()],
                "feed_url": self.feed_url(request, "rss", category),
                "atom_url": self.feed_url(request, "atom", category),
            }
        )
        return context

    def feed_url(self, request, kind: str, category: NewsCategory | None = None) -> str:
        base = self.get_url(request) or ""
        if category is None:
            return f"{base}{self.reverse_subpage(kind)}"
        return f"{base}{self.reverse_subpage(f'category_{kind}', args=[category.slug])}"

    def category_url(self, request, category: NewsCategory) -> str:
        return f"{self.get_url(request) or ''}{self.reverse_subpage('category', args=[category.slug])}"

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_route(self, request, slug):
        category = get_object_or_404(NewsCategory, slug=slug)
        return self.render(request, context_overrides=self.get_context(request, category=category))

    @path("rss/", name="rss")
    def rss_route(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed()(request, index_page=self)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index_page=self)

    @path("chuyen-muc/<slug:slug>/rss/", name="category_rss")
    def category_rss_route(self, request, slug):
        from .feeds import NewsRssFeed

        return NewsRssFeed()(request, index_page=self, category=get_object_or_404(NewsCategory, slug=slug))

    @path("chuyen-muc/<slug:slug>/atom/", name="category_atom")
    def category_atom_route(self, request, slug):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index_page=self, category=get_object_or_404(NewsCategory, slug=slug))


def _today():
    return timezone.localdate()


class NewsArticlePage(BasePage):
    """A news article (tin bài) of an agency."""

    shell_cacheable = True

    date = models.DateField(_("ngày đăng"), default=_today, db_index=True)
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    source = models.CharField(_("nguồn tin"), max_length=255, blank=True, help_text=_("Ví dụ: Báo Hà Tĩnh."))
    lead = models.TextField(_("sa pô"), help_text=_("Một, hai câu tóm tắt, hiện trong danh sách tin và RSS."))
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("chuyên mục"), blank=True, related_name="+")
    tags = ClusterTaggableManager(through=NewsArticleTag, verbose_name=_("từ khóa"), blank=True)
    propose_for_portal = models.BooleanField(
        _("đề xuất đưa lên cổng tỉnh"),
        default=False,
        help_text=_("Kiểm duyệt viên của cổng tỉnh sẽ xem xét để đưa tin này vào mục tin nổi bật."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("author"), FieldPanel("source")])],
            heading=_("Thông tin tin bài"),
        ),
        FieldPanel("lead"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("propose_for_portal"),
            ],
            heading=_("Phân loại"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
        index.FilterField("agency"),
    ]

    # Names, dates, images and the taxonomy are the same in every language:
    # wagtail-localize copies them from the Vietnamese source on every sync.
    override_translatable_fields = [
        SynchronizedField("author"),
        SynchronizedField("source"),
        SynchronizedField("categories"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        db_table = "home_newsarticlepage"  # kept from when news lived in the home app
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    @classmethod
    def network(cls, locale: Locale, limit: int = 10) -> list[NewsArticlePage]:
        """For other apps (through ``"news.NewsArticlePage"``): the network's latest articles."""
        return network_news(locale, limit)

    @classmethod
    def featured(cls, locale: Locale, limit: int = 4) -> list[NewsArticlePage]:
        """For other apps: the portal's approved featured articles."""
        return featured_news(locale, limit)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked by the template only when the article's shell is rebuilt (caching app).
        context["category_links"] = SimpleLazyObject(lambda: self._category_links(request))
        context["article_tags"] = SimpleLazyObject(lambda: list(self.tags.all()))
        return context

    def _category_links(self, request) -> list:
        index = self.get_parent().specific
        categories = list(self.categories.all())
        if isinstance(index, NewsIndexPage):
            return [(c, index.category_url(request, c)) for c in categories]
        return [(c, "") for c in categories]


def _prefetch_categories(articles: list[NewsArticlePage]) -> None:
    """Attach ``category_list`` to each article with one query for the whole list."""
    through = NewsArticlePage.categories.through
    by_page: dict[int, list[NewsCategory]] = {a.pk: [] for a in articles}
    if by_page:
        for row in through.objects.filter(newsarticlepage_id__in=by_page).select_related("newscategory"):
            by_page[row.newsarticlepage_id].append(row.newscategory)
    for article in articles:
        article.category_list = by_page.get(article.pk, [])


class PortalFeature(models.Model):
    """An agency's proposal to show one of its articles among the portal's featured news."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")

    article = models.OneToOneField(
        NewsArticlePage, verbose_name=_("tin bài"), on_delete=models.CASCADE, related_name="portal_feature"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("ngày đề xuất"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    comment = models.TextField(_("ý kiến kiểm duyệt"), blank=True)

    class Meta:
        db_table = "home_portalfeature"  # kept from when news lived in the home app
        verbose_name = _("đề xuất tin cho cổng tỉnh")
        verbose_name_plural = _("đề xuất tin cho cổng tỉnh")
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["status", "decided_at"])]

    def __str__(self) -> str:
        return self.article.title

    def decide(self, user, *, approve: bool, comment: str = "") -> None:
        self.status = self.Status.APPROVED if approve else self.Status.REJECTED
        self.decided_by = user
        self.decided_at = timezone.now()
        self.comment = comment
        self.save()


def network_news(locale: Locale, limit: int = 10) -> list[NewsArticlePage]:
    """The latest live articles of every active agency in one locale: one query."""
    return list(
        NewsArticlePage.objects.live()
        .filter(locale=locale, agency__is_active=True)
        .select_related("agency", "featured_image")
        .prefetch_related("featured_image__renditions")
        .defer_streamfields()
        .order_by("-date", "-pk")[:limit]
    )


def featured_news(locale: Locale, limit: int = 4) -> list[NewsArticlePage]:
    """Approved portal features in ``locale``, or the Vietnamese original where untranslated: one query."""
    approved = PortalFeature.objects.filter(status=PortalFeature.Status.APPROVED)
    candidates = (
        NewsArticlePage.objects.live()
        .filter(
            translation_key__in=approved.values("article__translation_key"),
            agency__is_active=True,
            locale__language_code__in={locale.language_code, settings.LANGUAGE_CODE},
        )
        .select_related("agency", "featured_image", "locale")
        .prefetch_related("featured_image__renditions")
        .defer_streamfields()
        .order_by("-date", "-pk")[: limit * 2]
    )
    chosen: dict = {}
    for article in candidates:
        current = chosen.get(article.translation_key)
        if current is None or article.locale.language_code == locale.language_code:
            chosen[article.translation_key] = article
    return list(chosen.values())[:limit]
