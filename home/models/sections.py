"""The sections Decree 42/2022/NĐ-CP requires on every state agency's portal.

Organisation (functions and duties, structure, leadership), the legal
documents library and its two siblings (direction and administration, plans
and reports), public consultation on draft documents, questions and answers,
and contact. Documents and drafts are pages, so they are moderated,
translated, searched and listed in sitemaps like every other page; what the
public sends (questions, comments) is a plain model held back until the
agency's staff answer and publish it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.models import Agency

from ..blocks import BodyBlock
from .pages import BasePage

HOME_PAGE_TYPES = ["home.PortalHomePage", "home.AgencyHomePage"]
RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


def _page_number(request) -> str | None:
    return request.GET.get("trang") or request.GET.get("page")


def listing_parent(page: Page) -> Page:
    """Where a listing's items live: the page itself, or for a translation that has
    no items of its own yet, the original in the default language (documents and
    drafts are published in Vietnamese first; their labels are still translated)."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE or page.get_children().live().exists():
        return page
    from wagtail.models import Locale

    original = page.get_translation_or_none(Locale.get_default())
    return original or page


# --- organisation ---------------------------------------------------------------


class OrganisationPage(BasePage):
    """Cơ cấu tổ chức: functions and duties, the leadership and the divisions."""

    template = "home/sections/organisation_page.html"

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
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def __str__(self) -> str:
        return f"{self.name} – {self.position}"


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
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class DocumentIssuer(TaxonomyItem):
    """Cơ quan ban hành: Chính phủ, Bộ Y tế, UBND tỉnh Hà Tĩnh, Sở Y tế…"""

    class Meta(TaxonomyItem.Meta):
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

    template = "home/sections/legal_document_page.html"

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

    parent_page_types = ["home.LegalDocumentIndexPage", "home.DirectionIndexPage", "home.PlanReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
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

    template = "home/sections/document_library_page.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["home.LegalDocumentPage"]
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
        from ..section_forms import DocumentFilterForm

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
        context["documents"] = paginator.get_page(_page_number(request))
        context["query_string"] = form.query_string()
        return context


class LegalDocumentIndexPage(DocumentLibraryPage):
    """Văn bản pháp luật."""

    template = DocumentLibraryPage.template

    class Meta:
        verbose_name = _("thư viện văn bản pháp luật")


class DirectionIndexPage(DocumentLibraryPage):
    """Văn bản chỉ đạo điều hành: the agency's directions, notices and official letters."""

    template = DocumentLibraryPage.template

    class Meta:
        verbose_name = _("văn bản chỉ đạo điều hành")


class PlanReportIndexPage(DocumentLibraryPage):
    """Kế hoạch, báo cáo."""

    template = DocumentLibraryPage.template

    class Meta:
        verbose_name = _("kế hoạch, báo cáo")


# --- what the public sends: moderated before it is shown ---------------------------


class PublicSubmission(models.Model):
    """Shared by questions and comments: who sent it (kept private), when, and its status."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), null=True, blank=True, editable=False, on_delete=models.CASCADE
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.agency_id = self.page.agency_id
        super().save(*args, **kwargs)


class PublicFormPageMixin:
    """Pages that take a citizen's post: a POST goes to the named view in ``section_views``."""

    post_view_name: str = ""

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .. import section_views

            return getattr(section_views, self.post_view_name)(self, request)
        return super().serve(request, *args, **kwargs)


class ConsultationIndexPage(BasePage):
    """Lấy ý kiến dự thảo văn bản: open drafts first, then the closed ones."""

    template = "home/sections/consultation_index_page.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["home.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("lấy ý kiến dự thảo văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        drafts = ConsultationPage.objects.child_of(listing_parent(self)).live().select_related("draft_file")
        context["open_drafts"] = list(drafts.filter(closes_at__gt=now).order_by("closes_at"))
        context["closed_drafts"] = Paginator(drafts.filter(closes_at__lte=now).order_by("-closes_at"), 20).get_page(
            _page_number(request)
        )
        return context


class ConsultationPage(PublicFormPageMixin, BasePage):
    """One draft document open for comments until its deadline."""

    template = "home/sections/consultation_page.html"

    drafting_body = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=255, blank=True)
    summary = models.TextField(_("tóm tắt nội dung dự thảo"))
    body = RichTextField(_("nội dung"), blank=True, features=RICH_FEATURES)
    draft_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp dự thảo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("ngày bắt đầu lấy ý kiến"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("hạn góp ý"), help_text=_("Sau thời điểm này, trang không nhận thêm ý kiến góp ý.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("drafting_body"),
        FieldPanel("summary"),
        FieldPanel("draft_file"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.ConsultationIndexPage"]
    subpage_types: list[str] = []
    comments_per_page = 30

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Hạn góp ý phải sau ngày bắt đầu lấy ý kiến.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def published_comments(self):
        """Published comments on this draft in any language version of the page."""
        return ConsultationComment.objects.filter(
            page__translation_key=self.translation_key, status=ConsultationComment.Status.PUBLISHED
        ).order_by("published_at", "pk")

    def get_context(self, request, *args, form=None, **kwargs):
        from ..section_forms import ConsultationCommentForm

        context = super().get_context(request, *args, **kwargs)
        context["is_open"] = self.is_open()
        context["form"] = form or ConsultationCommentForm()
        context["comments"] = Paginator(self.published_comments(), self.comments_per_page).get_page(
            _page_number(request)
        )
        context["sent"] = request.GET.get("da-gui") == "1"
        return context

    post_view_name = "receive_comment"


class ConsultationComment(PublicSubmission):
    """A citizen's comment on a draft: hidden until a moderator publishes it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã công khai")
        REJECTED = "rejected", _("Không công khai")

    page = models.ForeignKey(
        ConsultationPage, verbose_name=_("dự thảo"), on_delete=models.CASCADE, related_name="comments"
    )
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    body = models.TextField(_("nội dung góp ý"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"


class QuestionIndexPage(PublicFormPageMixin, BasePage):
    """Hỏi đáp: published questions with their answers, and the form to ask one."""

    template = "home/sections/question_index_page.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types: list[str] = []
    max_count_per_parent = 1
    per_page = 20

    class Meta:
        verbose_name = _("hỏi đáp")

    def published_questions(self):
        """Published pairs asked on this page in any of its language versions."""
        return Question.objects.filter(
            page__translation_key=self.translation_key, status=Question.Status.PUBLISHED
        ).order_by("-published_at", "-pk")

    def get_context(self, request, *args, form=None, **kwargs):
        from ..section_forms import QuestionForm

        context = super().get_context(request, *args, **kwargs)
        context["questions"] = Paginator(self.published_questions(), self.per_page).get_page(_page_number(request))
        context["form"] = form or QuestionForm()
        context["sent"] = request.GET.get("da-gui") == "1"
        return context

    post_view_name = "receive_question"


class Question(PublicSubmission):
    """A citizen's question; the agency's editors answer it, its moderators publish the pair."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời, chờ duyệt")
        PUBLISHED = "published", _("Đã công khai")
        REJECTED = "rejected", _("Không công khai")

    page = models.ForeignKey(
        QuestionIndexPage, verbose_name=_("trang hỏi đáp"), on_delete=models.CASCADE, related_name="questions"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    question = models.TextField(_("nội dung câu hỏi"))
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status"])]
        permissions = [("publish_question", _("Có thể công khai câu hỏi và câu trả lời"))]

    def __str__(self) -> str:
        return self.title

    def record_answer(self, user) -> None:
        """An answer written for a pending question moves it to moderation."""
        if self.answer.strip():
            self.answered_by = user
            self.answered_at = timezone.now()
            if self.status == self.Status.PENDING:
                self.status = self.Status.ANSWERED

    def set_status(self, status: str, user) -> None:
        if status == self.Status.PUBLISHED:
            if not self.answer.strip():
                raise ValidationError(_("Chỉ công khai được câu hỏi đã có câu trả lời."))
            if self.status != self.Status.PUBLISHED:
                self.published_at = timezone.now()
                self.published_by = user
        self.status = status


# --- contact --------------------------------------------------------------------


class ContactPage(BasePage):
    """Liên hệ: the agency's contact details (from its site settings) and a short text."""

    template = "home/sections/contact_page.html"

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang liên hệ")


SECTION_PAGE_TYPES = [
    "home.OrganisationPage",
    "home.LegalDocumentIndexPage",
    "home.DirectionIndexPage",
    "home.PlanReportIndexPage",
    "home.ConsultationIndexPage",
    "home.QuestionIndexPage",
    "home.ContactPage",
]


def _grant_role_permissions() -> None:
    """Editors answer questions; moderators also publish them and moderate comments."""
    from sites.provisioning import ROLE_MODEL_PERMISSIONS

    wanted = {
        "editors": [("home", "change_question"), ("home", "view_consultationcomment")],
        "moderators": [
            ("home", "change_question"),
            ("home", "publish_question"),
            ("home", "change_consultationcomment"),
        ],
    }
    for role, perms in wanted.items():
        for perm in perms:
            if perm not in ROLE_MODEL_PERMISSIONS[role]:
                ROLE_MODEL_PERMISSIONS[role].append(perm)


_grant_role_permissions()
