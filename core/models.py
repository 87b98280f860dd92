"""Shared bases of every page type, and the per-site settings every site shows in its chrome."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.models import AgencyPageMixin

from .colors import validate_accent_color


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
        db_table = "home_sitesettings"  # kept from before the core app existed
        verbose_name = _("cài đặt trang")


class FooterLink(Orderable):
    setting = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)
    title = models.CharField(_("tên liên kết"), max_length=120)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    url = models.URLField(_("địa chỉ"))

    panels = [FieldPanel("title"), FieldPanel("title_en"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        db_table = "home_footerlink"
        verbose_name = _("liên kết chân trang")


#: Where a site's top-level sections stand: the portal's home and every agency's home (``home`` app).
HOME_PAGE_TYPES = ["home.PortalHomePage", "home.AgencyHomePage"]


class BasePage(AgencyPageMixin, Page):
    """Shared behaviour of every page type of the network."""

    is_creatable = False

    search_fields = Page.search_fields + [index.FilterField("agency")]

    #: The page's shell (base.html's parts around the user bar and alert banners) may be kept as fragments
    #: per page, live revision, language and query string (caching/templatetags/portal_cache.py): only for
    #: a page type whose template shows nothing per visitor (no form token, no user, no session).
    shell_cacheable = False
    #: The page types (``app.model``) whose publish anywhere in the network changes what this page shows.
    shell_cache_depends: tuple[str, ...] = ()
    #: A shorter life for the shell than the fragments' (seconds), for what changes on a clock.
    shell_cache_seconds: int | None = None

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors: those a cached route carries (caching app,
        renewed when a restriction changes), or from the database."""
        carried = getattr(self, "_route_view_restrictions", None)
        if carried is not None:
            return carried
        return self.query_view_restrictions()

    def query_view_restrictions(self):
        return Page.get_view_restrictions(self)


class ReviewDateMixin(models.Model):
    """A page its agency must review by a date: procedures and section pages (``reviews`` app lists them).

    Empty, or passed when the page is published again, it becomes 12 months
    after that publish: publishing a page that is due counts as its review.
    """

    review_by = models.DateField(
        _("rà soát trước ngày"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Để trống: 12 tháng sau lần xuất bản. Xuất bản lại khi đã đến hạn là đã rà soát."),
    )

    settings_panels = Page.settings_panels + [FieldPanel("review_by")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        published = getattr(self, "last_published_at", None)
        if self.live and published is not None:
            from django.utils import timezone

            day = timezone.localtime(published).date()
            if self.review_by is None or self.review_by <= day:
                self.review_by = default_review_date(day)
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "review_by"}
        super().save(*args, **kwargs)


def default_review_date(day):
    """Twelve months after ``day`` (29 February becomes 28 February)."""
    import datetime

    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28) if day.month == 2 else day + datetime.timedelta(days=365)
