"""The catalogue of administrative procedures (level 1–2) and its pages.

A procedure's structured fields follow the national database of
administrative procedures and ``shared/data/procedure-format.md``. Lists that
belong to one procedure and carry only text (subjects, steps, legal basis)
are StreamFields stored on the page row, so rendering a procedure costs no
query per item; dossier components point at form templates (Documents) and
are orderable inline rows.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.models import BasePage


class ProcedureField(TranslatableMixin, models.Model):
    """A field / sector (lĩnh vực) of the procedure taxonomy, e.g. “Hộ tịch”."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    slug = models.SlugField(_("mã"), max_length=255, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(vietnamese_ascii(self.name))[:255]
        super().save(*args, **kwargs)


_VIETNAMESE_D = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_ascii(text: str) -> str:
    """Fold Vietnamese diacritics, đ/Đ included, to plain ASCII letters."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.translate(_VIETNAMESE_D))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Level(models.IntegerChoices):
    """Online service level (Decree 43/2011) and its Decree 42/2022 name."""

    ONE = 1, _("Mức độ 1")
    TWO = 2, _("Mức độ 2")
    THREE = 3, _("Mức độ 3")
    FOUR = 4, _("Mức độ 4")


DECREE_42_TERMS = {
    1: _("Chỉ cung cấp thông tin"),
    2: _("Chỉ cung cấp thông tin"),
    3: _("Dịch vụ công trực tuyến một phần"),
    4: _("Dịch vụ công trực tuyến toàn trình"),
}

METHODS = [
    ("in_person", _("Trực tiếp")),
    ("postal", _("Qua bưu chính")),
    ("online", _("Trực tuyến")),
]


class TextListBlock(blocks.StreamBlock):
    item = blocks.TextBlock(label=_("Mục"), icon="list-ul")

    class Meta:
        icon = "list-ol"


class ProcedureIndexPage(BasePage):
    """An agency's list of procedures; on the provincial portal, the whole catalogue."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.PortalHomePage", "home.AgencyHomePage"]
    subpage_types = ["procedures.ProcedurePage"]

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    @property
    def is_network_catalogue(self) -> bool:
        """The portal's index lists every agency's procedures."""
        return self.depth == 3 and self.agency_id is not None and self.agency.kind == "province"


_DAYS_RE = re.compile(r"(\d+)\s*(ngày|day)", re.IGNORECASE)


def parse_working_days(text: str) -> int | None:
    """The number of days in “05 ngày làm việc kể từ …”; None if none is stated."""
    match = _DAYS_RE.search(text or "")
    return int(match.group(1)) if match else None


class ProcedurePage(BasePage):
    """One administrative procedure (thủ tục hành chính), published at level 2 or above."""

    code = models.CharField(_("mã thủ tục"), max_length=64, db_index=True, help_text=_("Duy nhất trong toàn hệ thống."))
    national_code = models.CharField(_("mã trên CSDL quốc gia"), max_length=64, blank=True)
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.PositiveSmallIntegerField(_("mức độ dịch vụ công"), choices=Level.choices, default=Level.TWO)
    in_person = models.BooleanField(_("trực tiếp"), default=True)
    postal = models.BooleanField(_("qua bưu chính"), default=False)
    online = models.BooleanField(_("trực tuyến"), default=False)
    processing_time = models.CharField(_("thời hạn giải quyết"), max_length=255)
    processing_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc"),
        null=True,
        blank=True,
        help_text=_("Dùng để tính ngày hẹn trả kết quả; để trống để lấy từ thời hạn giải quyết."),
    )
    fees = models.TextField(_("phí, lệ phí"), default="Không")
    subjects = StreamField(TextListBlock(), verbose_name=_("đối tượng thực hiện"), blank=True)
    steps = StreamField(TextListBlock(), verbose_name=_("trình tự thực hiện"))
    conditions = models.TextField(_("yêu cầu, điều kiện thực hiện"), blank=True)
    legal_basis = StreamField(TextListBlock(), verbose_name=_("căn cứ pháp lý"))
    result = models.TextField(_("kết quả thực hiện"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("national_code")]),
                FieldPanel("field"),
                FieldPanel("level"),
                FieldRowPanel([FieldPanel("in_person"), FieldPanel("postal"), FieldPanel("online")]),
            ],
            heading=_("Thông tin chung"),
        ),
        MultiFieldPanel(
            [FieldPanel("processing_time"), FieldPanel("processing_days"), FieldPanel("fees")],
            heading=_("Thời hạn và phí"),
        ),
        FieldPanel("subjects"),
        FieldPanel("steps"),
        InlinePanel("dossier_components", heading=_("Thành phần hồ sơ"), label=_("giấy tờ")),
        FieldPanel("conditions"),
        FieldPanel("legal_basis"),
        FieldPanel("result"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("code"),
        index.SearchField("result"),
        index.SearchField("steps"),
        index.SearchField("conditions"),
        index.FilterField("field"),
        index.FilterField("level"),
        index.FilterField("code"),
        index.RelatedFields("field", [index.SearchField("name")]),
    ]

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = ["procedures.OnlineServicePage"]

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    @property
    def name(self) -> str:
        return self.title

    @property
    def decree_42_term(self):
        return DECREE_42_TERMS[self.level]

    @property
    def methods(self) -> list[str]:
        return [key for key, _label in METHODS if getattr(self, key)]

    @property
    def method_labels(self) -> list[str]:
        return [label for key, label in METHODS if getattr(self, key)]

    @property
    def working_days(self) -> int | None:
        return self.processing_days or parse_working_days(self.processing_time)

    def clean(self):
        super().clean()
        if self.code:
            clash = ProcedurePage.objects.filter(code=self.code, locale_id=self.locale_id)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"code": _("Mã thủ tục này đã được dùng cho một thủ tục khác.")})


class DossierComponent(Orderable):
    """One document the applicant brings (thành phần hồ sơ), with an optional form template."""

    page = ParentalKey(ProcedurePage, related_name="dossier_components", on_delete=models.CASCADE)
    name = models.TextField(_("tên giấy tờ"))
    copies = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("mẫu đơn, tờ khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("copies"), FieldPanel("form")]

    class Meta(Orderable.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name
