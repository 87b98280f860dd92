"""Portal and agency home pages, standard pages and per-site settings."""

from __future__ import annotations

from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.models import Agency, AgencyPageMixin

from ..blocks import BodyBlock
from ..colors import validate_accent_color


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """What each agency shows in its header and footer; edited by its own staff."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_color = models.CharField(
        _("màu nhận diện"),
        max_length=7,
        default="#a3161a",
        help_text=_("Mã màu dạng #rrggbb, đủ tương phản với nền trắng."),
        validators=[validate_accent_color],
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    working_hours = models.CharField(
        _("giờ làm việc"), max_length=255, blank=True, default="Sáng 7h00–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu"
    )
    working_hours_en = models.CharField(
        _("giờ làm việc (tiếng Anh)"),
        max_length=255,
        blank=True,
        default="7:00–11:30 and 13:30–17:00, Monday to Friday",
    )

    panels = [
        FieldPanel("logo"),
        FieldPanel("accent_color"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("working_hours"),
                FieldPanel("working_hours_en"),
            ],
            heading=_("Liên hệ"),
        ),
        InlinePanel("footer_links", heading=_("Liên kết chân trang"), label=_("liên kết")),
    ]

    class Meta:
        verbose_name = _("cài đặt trang")


class FooterLink(Orderable):
    setting = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)
    title = models.CharField(_("tên liên kết"), max_length=120)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    url = models.URLField(_("địa chỉ"))

    panels = [FieldPanel("title"), FieldPanel("title_en"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("liên kết chân trang")


class BasePage(AgencyPageMixin, Page):
    """Shared behaviour of every page type of the network."""

    is_creatable = False

    search_fields = Page.search_fields + [index.FilterField("agency")]

    class Meta:
        abstract = True


HOME_CHILD_TYPES = [
    "home.StandardPage",
    "procedures.ProcedureIndexPage",
    "home.NewsIndexPage",
    "home.OrganisationPage",
    "home.LegalDocumentIndexPage",
    "home.DirectionIndexPage",
    "home.PlanReportIndexPage",
    "home.ConsultationIndexPage",
    "home.QuestionIndexPage",
    "home.ContactPage",
]


class PortalHomePage(BasePage):
    """The provincial e-portal's home: the network's front door."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_CHILD_TYPES

    class Meta:
        verbose_name = _("trang chủ cổng tỉnh")

    def get_context(self, request, *args, **kwargs):
        from .news import featured_news, network_news

        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its cached fragment is missing (caching app).
        context["directory"] = agency_directory
        context["featured_news"] = featured_news(self.locale)
        context["network_news"] = network_news(self.locale)
        context["news_index"] = self.get_children().type(_news_index_model()).live().first()
        return context

    def route(self, request, path_components):
        from .news import route_with_fallback

        return route_with_fallback(self, request, path_components, super().route)


class AgencyHomePage(BasePage):
    """An agency's information website (trang thông tin điện tử)."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_CHILD_TYPES

    class Meta:
        verbose_name = _("trang chủ cơ quan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["menu_pages"] = self.get_children().live().in_menu().specific(defer=True)
        news_index = self.get_children().type(_news_index_model()).live().specific().first()
        context["news_index"] = news_index
        context["latest_news"] = news_index.articles()[:5] if news_index else []
        return context

    def route(self, request, path_components):
        from .news import route_with_fallback

        return route_with_fallback(self, request, path_components, super().route)


class StandardPage(BasePage):
    """Introduction, organisation, contact and other plain content pages."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.PortalHomePage", "home.AgencyHomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")


def _news_index_model():
    from .news import NewsIndexPage

    return NewsIndexPage


def agency_directory() -> list[tuple[str, list[Agency]]]:
    """Active agencies grouped by kind, in one query whatever their number."""
    agencies = sorted(
        Agency.objects.active().filter(site__isnull=False).select_related("site"),
        key=lambda a: (Agency.KIND_ORDER.index(a.kind), a.name),
    )
    labels = dict(Agency.Kind.choices)
    return [(labels[kind], list(group)) for kind, group in groupby(agencies, key=lambda a: a.kind)]
