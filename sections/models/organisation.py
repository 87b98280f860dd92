"""Cơ cấu tổ chức and Liên hệ: the agency's organisation, leadership and contact page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import HOME_PAGE_TYPES, BasePage, ReviewDateMixin

from .base import RICH_FEATURES

# --- organisation ---------------------------------------------------------------


class OrganisationPage(ReviewDateMixin, BasePage):
    """Cơ cấu tổ chức: functions and duties, the leadership and the divisions."""

    template = "sections/organisation_page.html"

    intro = models.TextField(_("tóm tắt"), blank=True)
    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True, features=RICH_FEATURES)
    structure = StreamField(BodyBlock(), verbose_name=_("cơ cấu tổ chức"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("functions"),
        InlinePanel("leaders", heading=_("Lãnh đạo"), label=_("lãnh đạo")),
        FieldPanel("structure"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("functions"),
        index.SearchField("structure"),
    ]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        db_table = "home_organisationpage"  # kept from when the sections lived in the home app
        verbose_name = _("trang cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        from wagtail.images import get_image_model

        context = super().get_context(request, *args, **kwargs)
        images = get_image_model().objects.prefetch_renditions("fill-160x200-c100")
        context["leaders"] = list(self.leaders.all().prefetch_related(models.Prefetch("photo", queryset=images)))
        return context


class Leader(Orderable):
    """One member of the leadership (lãnh đạo), shown with photo and contacts."""

    page = ParentalKey(OrganisationPage, related_name="leaders", on_delete=models.CASCADE)
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    duties = models.TextField(_("nhiệm vụ được phân công"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("duties"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        db_table = "home_leader"  # kept from when the sections lived in the home app
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def __str__(self) -> str:
        return f"{self.name} – {self.position}"


# --- contact --------------------------------------------------------------------


class ContactPage(ReviewDateMixin, BasePage):
    """Liên hệ: the agency's contact details (from its site settings) and a short text."""

    template = "sections/contact_page.html"

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        db_table = "home_contactpage"  # kept from when the sections lived in the home app
        verbose_name = _("trang liên hệ")
