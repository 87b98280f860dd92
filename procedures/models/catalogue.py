"""The catalogue of administrative procedures (level 1–2) and its pages.

A procedure's structured fields follow the national database of
administrative procedures and ``shared/data/procedure-format.md``. Lists that
belong to one procedure and carry only text (subjects, steps, legal basis)
are StreamFields stored on the page row, so rendering a procedure costs no
query per item; dossier components point at form templates (Documents) and
are orderable inline rows.
"""

from __future__ import annotations

import operator
import re
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site, TranslatableMixin
from wagtail.search import index

from core.models import HOME_PAGE_TYPES, BasePage, ReviewDateMixin, SiteSettings
from core.text import fold


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
            self.slug = slugify(fold(self.name))[:255]
        super().save(*args, **kwargs)


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

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["procedures.ProcedurePage"]
    # One catalogue per agency site (and per locale).
    max_count_per_parent = 1

    SLUG = "thu-tuc-hanh-chinh"
    TITLE = "Thủ tục hành chính"
    TITLE_EN = "Administrative procedures"
    INTRO = "Danh mục thủ tục hành chính, mẫu đơn, tờ khai và hướng dẫn thực hiện."
    INTRO_EN = "The administrative procedures, their form templates and how to complete them."

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    # The list and its filters, per query string; a procedure or online form published anywhere (the
    # portal's catalogue lists every agency's) renews it.
    shell_cacheable = True
    shell_cache_depends = ("procedures.procedurepage", "online_services.onlineservicepage")

    @property
    def is_network_catalogue(self) -> bool:
        """The portal's index lists every agency's procedures."""
        return self.depth == 3 and self.agency_id is not None and self.agency.kind == "province"

    def route(self, request, path_components):
        """Fetch a procedure child in one query, with what its page shows (field, agency) joined."""
        if path_components:
            procedure = (
                ProcedurePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("field", "agency", "agency__parent")
                .first()
            )
            if procedure is not None:
                procedure._cached_parent_obj = self
                return procedure.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from ..forms import CatalogueFilterForm

        context = super().get_context(request, *args, **kwargs)
        # Computed when the template first asks: a warm shell (base.html) asks nothing.
        listing = SimpleLazyObject(lambda: CatalogueFilterForm.for_index(self, request).context())
        for key in CatalogueFilterForm.CONTEXT_KEYS:
            context[key] = SimpleLazyObject(partial(operator.getitem, listing, key))
        return context

    @classmethod
    def ensure_for(cls, agency) -> tuple[ProcedureIndexPage, bool]:
        """The agency's catalogue page and its English translation, created when missing.

        Returns the Vietnamese page and whether anything was created.
        """
        from wagtail.models import Locale

        home = agency.home_page
        created = False
        index = cls.objects.child_of(home).order_by("path").first()
        if index is None:
            taken = set(home.get_children().values_list("slug", flat=True))
            slug, n = cls.SLUG, 2
            while slug in taken:
                slug, n = f"{cls.SLUG}-{n}", n + 1
            index = cls(title=cls.TITLE, slug=slug, intro=cls.INTRO, show_in_menus=True)
            home.add_child(instance=index)
            index.save_revision().publish()
            created = True
        en = Locale.objects.filter(language_code="en").first()
        if en is not None and index.get_translation_or_none(en) is None:
            en_home = home.get_translation_or_none(en)
            if en_home is not None:
                translation = index.copy_for_translation(en)
                translation.title = cls.TITLE_EN
                translation.intro = cls.INTRO_EN
                translation.save_revision().publish()
                created = True
        return index, created


_DAYS_RE = re.compile(r"(\d+)\s*(ngày|day)", re.IGNORECASE)


def parse_working_days(text: str) -> int | None:
    """The number of days in “05 ngày làm việc kể từ …”; None if none is stated."""
    match = _DAYS_RE.search(text or "")
    return int(match.group(1)) if match else None


class ProcedurePage(ReviewDateMixin, BasePage):
    """One administrative procedure (thủ tục hành chính), published at level 2 or above."""

    # What its body's fragments depend on: related procedures, its online form and journeys, from any site.
    shell_cacheable = True
    shell_cache_depends = ("procedures.procedurepage", "online_services.onlineservicepage", "journeys.journeypage")

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
    subpage_types = ["online_services.OnlineServicePage"]

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

    @property
    def level_label(self) -> str:
        """“Mức độ 3 – Dịch vụ công trực tuyến một phần”: both vocabularies."""
        return f"{self.get_level_display()} – {self.decree_42_term}"

    def get_context(self, request, *args, **kwargs):
        """Everything the page shows, in a fixed number of queries whatever its size.

        The body is a cached fragment (procedure_page.html, per revision, site and language,
        dropped on publish: caching/signals.py), so what only the body shows is computed
        lazily: a warm fragment runs none of these queries.
        """
        context = super().get_context(request, *args, **kwargs)
        agency = self.agency if self.agency_id else None
        if agency is not None and request is not None and not hasattr(request, "_portal_agency"):
            current_site = Site.find_for_request(request)
            if (
                current_site is not None
                and current_site.pk == agency.site_id
                and "parent" in agency._state.fields_cache
            ):
                request._portal_agency = agency  # read by core.templatetags.portal_tags.current_agency
        components = SimpleLazyObject(lambda: list(self.dossier_components.select_related("form").all()))
        contact = SimpleLazyObject(lambda: self.agency_contact(request) or {})
        context.update(
            components=components,
            form_components=SimpleLazyObject(lambda: [c for c in components if c.form is not None]),
            field_name=SimpleLazyObject(self.localized_field_name),
            contact=contact,
            related_procedures=SimpleLazyObject(self.related_procedures),
            # A callable: the template calls it only when the head's fragment is rebuilt.
            json_ld=lambda: self.json_ld(request, components, contact or None),
        )
        return context

    def query_view_restrictions(self):
        """The restrictions on this page and its ancestors in one query (ancestor paths come from ours)."""
        from wagtail.models import PageViewRestriction

        if self.alias_of_id:
            return super().query_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    def localized_field_name(self) -> str:
        field = self.field
        if field.locale_id != self.locale_id:
            translation = ProcedureField.objects.filter(
                translation_key=field.translation_key, locale_id=self.locale_id
            ).first()
            if translation is not None:
                return translation.name
        return field.name

    def related_procedures(self, limit: int = 5) -> list[ProcedurePage]:
        """Other live procedures of the same field, the same agency's first."""
        if self.field_id is None:
            return []
        return list(
            ProcedurePage.objects.live()
            .filter(locale_id=self.locale_id, field__translation_key=self.field.translation_key)
            .exclude(pk=self.pk)
            .select_related("agency")
            .only("id", "title", "url_path", "path", "depth", "locale_id", "agency__name", "agency__name_en")
            .order_by(models.Case(models.When(agency_id=self.agency_id, then=0), default=1), "title")[:limit]
        )

    def agency_contact(self, request=None) -> dict | None:
        """Where the applicant goes: the agency's address, hotline and hours (its site settings first)."""
        agency = self.agency
        if agency is None:
            return None
        current_site = Site.find_for_request(request) if request is not None else None
        if current_site is not None and current_site.pk == agency.site_id:
            # The page's own site: share what the page chrome loads anyway (both cached on the request).
            settings_obj = SiteSettings.for_request(request)
            if not hasattr(request, "_portal_agency") and "parent" in agency._state.fields_cache:
                request._portal_agency = agency  # read by core.templatetags.portal_tags.current_agency
        else:
            settings_obj = SiteSettings.objects.filter(site_id=agency.site_id).first() if agency.site_id else None
        english = (get_language() or "vi").startswith("en")
        hours = ""
        if settings_obj is not None:
            hours = (settings_obj.working_hours_en if english else "") or settings_obj.working_hours
        return {
            "agency": agency,
            "name": (agency.name_en if english else "") or agency.name,
            "address": (settings_obj.address if settings_obj else "") or agency.address,
            "phone": (settings_obj.hotline if settings_obj else "") or agency.phone,
            "email": (settings_obj.email if settings_obj else "") or agency.email,
            "working_hours": hours,
            "url": agency.root_url + ("/en/" if english else "/"),
        }

    def json_ld(self, request, components, contact) -> str:
        """schema.org GovernmentService, safe to embed in a <script> element."""
        import json

        from django.utils.safestring import mark_safe

        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "identifier": self.code,
            "url": self.get_full_url(request),
            "serviceType": self.field.name if self.field_id else "",
            "inLanguage": (get_language() or "vi")[:2],
            "audience": [{"@type": "Audience", "audienceType": str(block.value)} for block in self.subjects],
            "availableChannel": [{"@type": "ServiceChannel", "name": str(label)} for label in self.method_labels],
            "serviceOutput": {"@type": "Thing", "name": self.result},
            "offers": {"@type": "Offer", "description": self.fees},
            "termsOfService": [str(block.value) for block in self.legal_basis],
            "additionalProperty": [
                {"@type": "PropertyValue", "name": str(_("Mức độ dịch vụ công")), "value": str(self.level_label)},
                {"@type": "PropertyValue", "name": str(_("Thời hạn giải quyết")), "value": self.processing_time},
            ],
        }
        if contact is not None:
            provider = {"@type": "GovernmentOrganization", "name": contact["name"], "url": contact["url"]}
            if contact["address"]:
                provider["address"] = contact["address"]
            if contact["phone"]:
                provider["telephone"] = contact["phone"]
            if contact["email"]:
                provider["email"] = contact["email"]
            data["provider"] = provider
        text = json.dumps(data, ensure_ascii=False, indent=None)
        for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escaped)
        return mark_safe(text)  # noqa: S308 - markup characters are escaped above

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
