"""Online public services (level 3): the form attached to a procedure and the dossiers it takes.

A citizen fills in an ``OnlineServicePage`` (a Wagtail form page whose fields
editors define in the admin, with a file-upload field type Wagtail lacks —
wagtail #5284); each accepted submission becomes a ``Dossier`` with its files
(``DossierFile``, kept in private storage) and a status history
(``DossierStatusChange``). The tables keep their ``procedures_*`` names
(``Meta.db_table``): the models moved here from ``procedures`` with
state-only migrations.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField, FormMixin
from wagtail.models import Page

from core.models import BasePage
from sites.models import Agency

from .forms import OnlineServicePageAdminForm
from .storage import dossier_file_path, private_storage

FILE_FIELD_TYPE = "file"
SERVICE_FIELD_CHOICES = (*FORM_FIELD_CHOICES, (FILE_FIELD_TYPE, _("Tệp đính kèm")))

# Extensions an editor may allow on an upload field; each is checked by content.
SUPPORTED_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "doc", "xlsx", "odt"]
DEFAULT_EXTENSIONS = "pdf,jpg,jpeg,png"
DEFAULT_MAX_SIZE_MB = 10


class FieldRole(models.TextChoices):
    """What the dossier takes from a field, whatever its label says."""

    NONE = "", _("Không")
    APPLICANT_NAME = "applicant_name", _("Họ và tên người nộp")
    APPLICANT_PHONE = "applicant_phone", _("Số điện thoại người nộp")
    APPLICANT_EMAIL = "applicant_email", _("Thư điện tử người nộp")
    CONSENT = "consent", _("Cam kết, đồng ý")


class OnlineServiceField(AbstractFormField):
    """One field of an online-service form; upload fields carry their own limits."""

    page = ParentalKey("OnlineServicePage", related_name="form_fields", on_delete=models.CASCADE)
    field_type = models.CharField(_("loại trường"), max_length=16, choices=SERVICE_FIELD_CHOICES)
    field_type.required_on_save = True
    role = models.CharField(
        _("vai trò"),
        max_length=20,
        choices=FieldRole.choices,
        blank=True,
        default="",
        help_text=_("Trường nào chứa họ tên, điện thoại, thư điện tử của người nộp."),
    )
    allowed_extensions = models.CharField(
        _("định dạng cho phép"),
        max_length=100,
        blank=True,
        default=DEFAULT_EXTENSIONS,
        help_text=_(
            "Chỉ với trường tệp: các phần mở rộng, cách nhau bởi dấu phẩy (pdf, jpg, jpeg, png, docx, doc, xlsx, odt)."
        ),
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("dung lượng tối đa (MB)"), default=DEFAULT_MAX_SIZE_MB, help_text=_("Chỉ với trường tệp.")
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("role"),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
        FieldRowPanel([FieldPanel("allowed_extensions"), FieldPanel("max_size_mb")]),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("trường biểu mẫu")
        verbose_name_plural = _("trường biểu mẫu")
        db_table = "procedures_onlineservicefield"

    @property
    def extensions(self) -> list[str]:
        return [ext.strip().lower().lstrip(".") for ext in self.allowed_extensions.split(",") if ext.strip()]

    def clean(self):
        super().clean()
        if self.field_type == FILE_FIELD_TYPE:
            unknown = [ext for ext in self.extensions if ext not in SUPPORTED_EXTENSIONS]
            if unknown or not self.extensions:
                raise ValidationError(
                    {
                        "allowed_extensions": _("Định dạng không được hỗ trợ: %(ext)s. Chỉ dùng: %(supported)s.")
                        % {"ext": ", ".join(unknown) or "—", "supported": ", ".join(SUPPORTED_EXTENSIONS)}
                    }
                )
            if not 1 <= self.max_size_mb <= 50:
                raise ValidationError({"max_size_mb": _("Dung lượng tối đa phải từ 1 đến 50 MB.")})


class OnlineServicePage(FormMixin, BasePage):
    """The online form of one procedure (nộp hồ sơ trực tuyến): publishing it makes the procedure level 3."""

    intro = models.TextField(_("hướng dẫn"), blank=True)
    consent_text = models.TextField(
        _("ghi chú về dữ liệu cá nhân"),
        blank=True,
        default=_(
            "Thông tin và tệp đính kèm chỉ được dùng để giải quyết hồ sơ và chỉ cán bộ của cơ quan tiếp nhận được xem."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Các trường của biểu mẫu"), label=_("trường")),
        MultiFieldPanel([FieldPanel("consent_text")], heading=_("Dữ liệu cá nhân")),
    ]

    template = "online_services/online_service_page.html"
    landing_page_template = "online_services/receipt.html"

    parent_page_types = ["procedures.ProcedurePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("biểu mẫu nộp hồ sơ trực tuyến")
        verbose_name_plural = _("biểu mẫu nộp hồ sơ trực tuyến")
        db_table = "procedures_onlineservicepage"

    # Pre-fills one upload per dossier component, the applicant's contacts and consent.
    base_form_class = OnlineServicePageAdminForm

    @property
    def procedure(self):
        return self.get_parent().specific

    def get_form_class(self):
        from .forms import OnlineServiceFormBuilder

        return OnlineServiceFormBuilder(self.get_form_fields()).get_form_class()

    def serve(self, request, *args, **kwargs):
        from .submission import serve_service_page

        return serve_service_page(self, request)


class DossierQuerySet(models.QuerySet):
    def for_user(self, user):
        """The dossiers an officer may see: their agencies' only (all for superusers)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.has_perm("online_services.view_dossier"):
            return self.none()
        return self.filter(agency__officers_group__in=user.groups.values_list("pk", flat=True))


class InvalidTransition(ValidationError):
    pass


class Dossier(models.Model):
    """A dossier received online (hồ sơ), followed by its receipt code (Decree 61/2018)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        PROCESSING = "processing", _("Đang xử lý")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung hồ sơ")
        COMPLETED = "completed", _("Đã có kết quả")
        REJECTED = "rejected", _("Từ chối tiếp nhận")

    TRANSITIONS = {
        Status.RECEIVED: [Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.REJECTED],
        Status.PROCESSING: [Status.SUPPLEMENT_REQUESTED, Status.COMPLETED, Status.REJECTED],
        Status.SUPPLEMENT_REQUESTED: [Status.PROCESSING, Status.REJECTED],
        Status.COMPLETED: [],
        Status.REJECTED: [],
    }

    receipt_code = models.CharField(_("mã hồ sơ"), max_length=20, unique=True, editable=False)
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        verbose_name=_("thủ tục hành chính"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    service_page = models.ForeignKey(
        OnlineServicePage, null=True, on_delete=models.SET_NULL, related_name="dossiers", editable=False
    )
    # Kept on the row so the dossier reads the same after the procedure changes.
    procedure_code = models.CharField(_("mã thủ tục"), max_length=64)
    procedure_title = models.CharField(_("tên thủ tục"), max_length=255)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="dossiers")
    applicant_name = models.CharField(_("họ và tên người nộp"), max_length=255)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=10, default="vi")
    form_data = models.JSONField(_("nội dung tờ khai"), encoder=DjangoJSONEncoder, default=dict)
    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("ngày nộp"), default=timezone.now)
    due_date = models.DateField(_("ngày hẹn trả kết quả"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        db_table = "procedures_dossier"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["agency", "status", "-submitted_at"], name="dossier_queue_idx")]

    def __str__(self) -> str:
        return self.receipt_code

    @property
    def allowed_next(self) -> list[str]:
        return list(self.TRANSITIONS[self.Status(self.status)])

    def allowed_next_choices(self) -> list[tuple[str, str]]:
        return [(s, self.Status(s).label) for s in self.allowed_next]

    def transition(self, to_status: str, *, user=None, comment: str = "") -> DossierStatusChange:
        """Move the dossier to ``to_status``; raises InvalidTransition for a move the desk does not allow."""
        with transaction.atomic():
            locked = Dossier.objects.select_for_update().get(pk=self.pk)
            if to_status not in Dossier.Status.values or to_status not in locked.allowed_next:
                raise InvalidTransition(
                    _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
                    % {
                        "from": Dossier.Status(locked.status).label,
                        "to": Dossier.Status(to_status).label if to_status in Dossier.Status.values else to_status,
                    },
                    code="invalid_transition",
                )
            change = DossierStatusChange.objects.create(
                dossier=locked, from_status=locked.status, to_status=to_status, changed_by=user, comment=comment
            )
            locked.status = to_status
            locked.save(update_fields=["status", "updated_at"])
        self.status = to_status
        return change


class DossierFile(models.Model):
    """One uploaded file of a dossier, stored under PRIVATE_MEDIA_ROOT and never served by URL."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    field_name = models.CharField(_("trường"), max_length=255)
    label = models.CharField(_("thành phần hồ sơ"), max_length=255)
    file = models.FileField(_("tệp"), storage=private_storage, upload_to=dossier_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        db_table = "procedures_dossierfile"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class DossierStatusChange(models.Model):
    """One line of a dossier's history: who moved it, when, from which status to which, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("từ trạng thái"), max_length=24, choices=Dossier.Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=24, choices=Dossier.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    comment = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        db_table = "procedures_dossierstatuschange"
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_status} → {self.to_status}"
