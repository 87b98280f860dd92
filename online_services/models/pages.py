"""The online form of a procedure: ``OnlineServicePage`` and its fields (``OnlineServiceField``).

A citizen fills in an ``OnlineServicePage`` (a Wagtail form page whose fields
editors define in the admin, with a file-upload field type Wagtail lacks —
wagtail #5284); each accepted submission becomes a ``Dossier`` (``dossiers.py``).
The page also says how the agency handles the dossiers after the receipt:
whether the result is delivered online, and which agencies a dossier may be
transferred to (liên thông).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField, FormMixin
from wagtail.models import Page

from core.models import BasePage
from sites.models import Agency

from ..forms import OnlineServicePageAdminForm

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

    results_online = models.BooleanField(
        _("trả kết quả trực tuyến"),
        default=False,
        help_text=_("Công dân tải tệp kết quả (PDF) khi tra cứu hồ sơ, thay vì nhận trực tiếp tại Bộ phận Một cửa."),
    )
    transfer_agencies = ParentalManyToManyField(
        Agency,
        verbose_name=_("cơ quan nhận hồ sơ liên thông"),
        blank=True,
        related_name="+",
        help_text=_("Ngoài cơ quan cấp trên, các cơ quan được chuyển hồ sơ của thủ tục này đến để giải quyết."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Các trường của biểu mẫu"), label=_("trường")),
        MultiFieldPanel([FieldPanel("consent_text")], heading=_("Dữ liệu cá nhân")),
        MultiFieldPanel([FieldPanel("results_online"), FieldPanel("transfer_agencies")], heading=_("Giải quyết hồ sơ")),
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
        from ..forms import OnlineServiceFormBuilder

        return OnlineServiceFormBuilder(self.get_form_fields()).get_form_class()

    def serve(self, request, *args, **kwargs):
        from ..submission import serve_service_page

        return serve_service_page(self, request)
