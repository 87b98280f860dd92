"""The legal documents library and its two siblings (direction and administration, plans and reports)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import HOME_PAGE_TYPES, BasePage

from .base import RICH_FEATURES, listing_parent, page_number

# --- legal documents ------------------------------------------------------------


class TaxonomyItem(models.Model):
    """A short, editable list (document types, issuers) named in both languages."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DocumentType(TaxonomyItem):
    """Loại văn bản: Luật, Nghị định, Quyết định, Chỉ thị, Công văn, Kế hoạch…"""

    class Meta(TaxonomyItem.Meta):
        db_table = "home_documenttype"  # kept from when the sections lived in the home app
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class DocumentIssuer(TaxonomyItem):
    """Cơ quan ban hành: Chính phủ, Bộ Y tế, UBND tỉnh Hà Tĩnh, Sở Y tế…"""

    class Meta(TaxonomyItem.Meta):
        db_table = "home_documentissuer"  # kept from when the sections lived in the home app
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")


def in_force_q(today: date | None = None) -> Q:
    """Documents in force on ``today``: marked so, and not past their expiry date."""
    today = today or timezone.localdate()
    return Q(status=DocumentStatus.IN_FORCE) & (Q(expiry_date__isnull=True) | Q(expiry_date__gt=today))


class LegalDocumentPage(BasePage):
    """One document of a library: its number, type, issuer, dates, status, summary and file."""

    template = "sections/legal_document_page.html"

    number = models.CharField(_("số ký hiệu"), max_length=100, help_text=_("Ví dụ: 15/2024/QĐ-UBND"))
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        DocumentIssuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    issued_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu văn bản chưa có ngày hết hiệu lực."),
    )
    status = models.CharField(
        _("tình trạng hiệu lực"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    summary = models.TextField(_("trích yếu"))
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("nội dung"), blank=True, features=RICH_FEATURES)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("issuer")]),
                FieldRowPanel([FieldPanel("issued_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("signer")]),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("file"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("number"),
        index.FilterField("document_type"),
        index.FilterField("issuer"),
        index.FilterField("issued_date"),
        index.FilterField("status"),
    ]

    parent_page_types = [
        "sections.LegalDocumentIndexPage",
        "sections.DirectionIndexPage",
        "sections.PlanReportIndexPage",
    ]
    subpage_types: list[str] = []

    class Meta:
        db_table = "home_legaldocumentpage"  # kept from when the sections lived in the home app
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def clean(self):
        super().clean()
        if self.expiry_date and self.effective_date and self.expiry_date <= self.effective_date:
            raise ValidationError({"expiry_date": _("Ngày hết hiệu lực phải sau ngày hiệu lực.")})

    def is_in_force(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == DocumentStatus.IN_FORCE and (self.expiry_date is None or self.expiry_date > today)

    @property
    def current_status(self) -> str:
        return DocumentStatus.IN_FORCE if self.is_in_force() else DocumentStatus.EXPIRED

    @property
    def current_status_label(self) -> str:
        return DocumentStatus(self.current_status).label


class DocumentLibraryPage(BasePage):
    """A filterable list of documents: by type, issuer, year issued and status, exactly."""

    template = "sections/document_library_page.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["sections.LegalDocumentPage"]
    per_page = 20

    class Meta:
        abstract = True

    def documents(self):
        return (
            LegalDocumentPage.objects.child_of(listing_parent(self))
            .live()
            .select_related("document_type", "issuer", "file")
            .order_by("-issued_date", "-pk")
        )

    def filter_documents(self, data):
        """The documents matching a filter form's data, and the bound form."""
        from ..forms import DocumentFilterForm

        documents = self.documents()
        form = DocumentFilterForm(data, documents=documents)
        if not form.is_valid():
            # A value that is not one of the choices matches nothing, never everything.
            return documents.none(), form
        return form.apply(documents), form

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents, form = self.filter_documents(request.GET)
        paginator = Paginator(documents, self.per_page)
        context["filter_form"] = form
        context["documents"] = paginator.get_page(page_number(request))
        context["query_string"] = form.query_string()
        return context


class LegalDocumentIndexPage(DocumentLibraryPage):
    """Văn bản pháp luật."""

    template = DocumentLibraryPage.template

    class Meta:
        db_table = "home_legaldocumentindexpage"  # kept from when the sections lived in the home app
        verbose_name = _("thư viện văn bản pháp luật")


class DirectionIndexPage(DocumentLibraryPage):
    """Văn bản chỉ đạo điều hành: the agency's directions, notices and official letters."""

    template = DocumentLibraryPage.template

    class Meta:
        db_table = "home_directionindexpage"  # kept from when the sections lived in the home app
        verbose_name = _("văn bản chỉ đạo điều hành")


class PlanReportIndexPage(DocumentLibraryPage):
    """Kế hoạch, báo cáo."""

    template = DocumentLibraryPage.template

    class Meta:
        db_table = "home_planreportindexpage"  # kept from when the sections lived in the home app
        verbose_name = _("kế hoạch, báo cáo")
