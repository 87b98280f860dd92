"""What the public sends (questions, comments on drafts), held back until the agency's staff answer and publish it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import HOME_PAGE_TYPES, BasePage
from sites.models import Agency

from .base import RICH_FEATURES, listing_parent, page_number
from .documents import DocumentIssuer, DocumentType  # noqa: F401

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


def staff_member(verbose_name):
    """The staff member who answered or moderated an item: kept when the account is deleted, not editable."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class PublicFormPageMixin:
    """Pages that take a citizen's post: a POST goes to the named view in ``section_views``."""

    post_view_name: str = ""

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .. import views as section_views

            return getattr(section_views, self.post_view_name)(self, request)
        return super().serve(request, *args, **kwargs)


class ConsultationIndexPage(BasePage):
    """Lấy ý kiến dự thảo văn bản: open drafts first, then the closed ones."""

    template = "sections/consultation_index_page.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["sections.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        db_table = "home_consultationindexpage"  # kept from when the sections lived in the home app
        verbose_name = _("lấy ý kiến dự thảo văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        drafts = ConsultationPage.objects.child_of(listing_parent(self)).live().select_related("draft_file")
        context["open_drafts"] = list(drafts.filter(closes_at__gt=now).order_by("closes_at"))
        context["closed_drafts"] = Paginator(drafts.filter(closes_at__lte=now).order_by("-closes_at"), 20).get_page(
            page_number(request)
        )
        return context


class ConsultationPage(PublicFormPageMixin, BasePage):
    """One draft document open for comments until its deadline."""

    template = "sections/consultation_page.html"

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

    parent_page_types = ["sections.ConsultationIndexPage"]
    subpage_types: list[str] = []
    comments_per_page = 30

    class Meta:
        db_table = "home_consultationpage"  # kept from when the sections lived in the home app
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
        from ..forms import ConsultationCommentForm

        context = super().get_context(request, *args, **kwargs)
        context["is_open"] = self.is_open()
        context["form"] = form or ConsultationCommentForm()
        context["comments"] = Paginator(self.published_comments(), self.comments_per_page).get_page(
            page_number(request)
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
    moderated_by = staff_member(_("người duyệt"))

    class Meta:
        db_table = "home_consultationcomment"  # kept from when the sections lived in the home app
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"


class QuestionIndexPage(PublicFormPageMixin, BasePage):
    """Hỏi đáp: published questions with their answers, and the form to ask one."""

    template = "sections/question_index_page.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types: list[str] = []
    max_count_per_parent = 1
    per_page = 20

    class Meta:
        db_table = "home_questionindexpage"  # kept from when the sections lived in the home app
        verbose_name = _("hỏi đáp")

    def published_questions(self):
        """Published pairs asked on this page in any of its language versions."""
        return Question.objects.filter(
            page__translation_key=self.translation_key, status=Question.Status.PUBLISHED
        ).order_by("-published_at", "-pk")

    def get_context(self, request, *args, form=None, **kwargs):
        from ..forms import QuestionForm

        context = super().get_context(request, *args, **kwargs)
        context["questions"] = Paginator(self.published_questions(), self.per_page).get_page(page_number(request))
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
    answered_by = staff_member(_("người trả lời"))
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    published_by = staff_member(_("người duyệt"))

    class Meta:
        db_table = "home_question"  # kept from when the sections lived in the home app
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
