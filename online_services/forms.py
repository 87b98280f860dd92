"""The public form of an online service and the admin form that pre-fills it.

Wagtail's form builder has no upload field (wagtail #5284): the builder here
adds the ``file`` type (``DossierFileField``), applies the per-role checks
(phone number, email) and adds a honeypot field that people never see.
"""

from __future__ import annotations

import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm
from wagtail.contrib.forms.utils import get_field_clean_name

from .uploads import DossierFileField

HONEYPOT_FIELD = "homepage_url"
PHONE_RE = re.compile(r"^(?:\+?84|0)\d{9,10}$")


def normalise_phone(value: str) -> str:
    """Digits only, the country code written as a leading 0: “+84 912 345 678” → “0912345678”."""
    digits = re.sub(r"[^\d+]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits.lstrip("+")


class PhoneField(forms.CharField):
    default_error_messages = {"invalid": _("Số điện thoại không hợp lệ (ví dụ: 0912 345 678).")}

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        phone = normalise_phone(value)
        if not PHONE_RE.match(phone):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return phone


class ServiceBaseForm(BaseForm):
    """Every online-service form: the builder's fields plus a honeypot."""

    honeypot_error = _("Không thể tiếp nhận hồ sơ. Vui lòng tải lại trang và thử lại.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Để trống ô này"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.honeypot_error, code="honeypot")
        return cleaned

    def visible_builder_fields(self):
        return [f for f in self if f.name != HONEYPOT_FIELD]

    def file_field_names(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, DossierFileField)]


class OnlineServiceFormBuilder(FormBuilder):
    def create_file_field(self, field, options):
        options.pop("initial", None)
        size = field.max_size_mb * 1024 * 1024
        hint = gettext("Định dạng: %(types)s; tối đa %(size)s MB.") % {
            "types": ", ".join(f".{e}" for e in field.extensions),
            "size": field.max_size_mb,
        }
        options["help_text"] = f"{options['help_text']} {hint}".strip() if options.get("help_text") else hint
        return DossierFileField(extensions=field.extensions, max_size=size, **options)

    @property
    def formfields(self):
        fields = super().formfields
        for field in self.fields:
            name = field.clean_name or field.get_field_clean_name()
            if field.role == "applicant_phone":
                fields[name] = PhoneField(
                    label=field.label, required=True, help_text=fields[name].help_text, max_length=20
                )
                fields[name].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
            elif field.role == "applicant_name":
                fields[name].required = True
                fields[name].widget.attrs["autocomplete"] = "name"
            elif field.role == "applicant_email":
                fields[name].widget.attrs["autocomplete"] = "email"
        return fields

    def get_form_class(self):
        return type("OnlineServiceForm", (ServiceBaseForm,), self.formfields)


def default_fields(procedure, language: str = "vi") -> list:
    """One upload per dossier component, the applicant's name, phone and email, and a consent box."""
    from .models import FILE_FIELD_TYPE, FieldRole, OnlineServiceField

    fields = []
    with translation.override(language):
        for component in procedure.dossier_components.all():
            fields.append(
                OnlineServiceField(
                    label=component.name[:255],
                    field_type=FILE_FIELD_TYPE,
                    required=True,
                    help_text=gettext("Số lượng: %(copies)s bản.") % {"copies": component.copies},
                )
            )
        fields += [
            OnlineServiceField(label=gettext("Họ và tên người nộp hồ sơ"), field_type="singleline", role=FieldRole.APPLICANT_NAME),
            OnlineServiceField(label=gettext("Số điện thoại"), field_type="singleline", role=FieldRole.APPLICANT_PHONE),
            OnlineServiceField(label=gettext("Thư điện tử"), field_type="email", role=FieldRole.APPLICANT_EMAIL,
                               help_text=gettext("Giấy tiếp nhận hồ sơ được gửi đến địa chỉ này.")),
            OnlineServiceField(
                label=gettext("Tôi cam đoan nội dung khai là đúng sự thật và đồng ý để cơ quan tiếp nhận xử lý dữ liệu cá nhân của tôi để giải quyết hồ sơ"),
                field_type="checkbox",
                role=FieldRole.CONSENT,
            ),
        ]  # fmt: skip
    taken: set[str] = set()
    for index, field in enumerate(fields):
        name = get_field_clean_name(field.label)[:60].rstrip("_") or f"truong_{index + 1}"
        while name in taken:
            name = f"{name}_{index + 1}"
        taken.add(name)
        field.clean_name = name
        field.sort_order = index
    return fields


class OnlineServicePageAdminForm(WagtailAdminFormPageForm):
    """On creation under a procedure, start from the procedure's default fields and title."""

    def __init__(self, data=None, files=None, parent_page=None, *args, **kwargs):
        instance = kwargs.get("instance")
        if data is None and instance is not None and instance.pk is None and parent_page is not None:
            procedure = parent_page.specific
            if hasattr(procedure, "dossier_components") and not instance.form_fields.all():
                language = procedure.locale.language_code if procedure.locale_id else "vi"
                instance.form_fields = default_fields(procedure, language)
                with translation.override(language):
                    instance.title = instance.title or gettext("Nộp hồ sơ trực tuyến")
                instance.slug = instance.slug or "nop-ho-so-truc-tuyen"
        super().__init__(data, files, parent_page, *args, **kwargs)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=30,
        help_text=_("In trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ HT-7KQ4-M9XP."),
        error_messages={"required": _("Vui lòng nhập mã hồ sơ.")},
    )
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử đã khai khi nộp"),
        max_length=254,
        error_messages={"required": _("Vui lòng nhập số điện thoại hoặc thư điện tử.")},
    )


class SupplementReplyForm(forms.Form):
    """The citizen's answer to a supplement request: one upload per requested item, and a reply.

    The uploads go through ``DossierFileField``, the checks of the first
    submission (name, extension, size, content); an item tied to a dossier
    component takes that upload field's formats and size limit.
    """

    reply = forms.CharField(
        label=_("Ý kiến gửi cơ quan giải quyết"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, request_obj, items, service_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import DEFAULT_EXTENSIONS, DEFAULT_MAX_SIZE_MB, FILE_FIELD_TYPE

        limits = {}
        if service_page is not None:
            for field in service_page.form_fields.all():
                if field.field_type == FILE_FIELD_TYPE:
                    limits[field.label] = (field.extensions, field.max_size_mb)
        default = (DEFAULT_EXTENSIONS.split(","), DEFAULT_MAX_SIZE_MB)
        self.item_fields = []
        for item in items:
            extensions, size_mb = limits.get(item.component, default)
            name = f"item_{item.pk}"
            self.fields[name] = DossierFileField(
                label=item.description,
                required=False,
                extensions=extensions,
                max_size=size_mb * 1024 * 1024,
                help_text=gettext("Định dạng: %(types)s; tối đa %(size)s MB.")
                % {"types": ", ".join(f".{e}" for e in extensions), "size": size_mb},
            )
            self.item_fields.append((item, name))
        self.fields["reply"] = self.fields.pop("reply")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("reply") and not any(cleaned.get(n) for _i, n in self.item_fields):
            raise forms.ValidationError(
                _("Vui lòng đính kèm giấy tờ cần bổ sung hoặc ghi ý kiến gửi cơ quan giải quyết."), code="empty"
            )
        return cleaned

    def uploads(self) -> dict:
        return {item.pk: self.cleaned_data.get(name) for item, name in self.item_fields}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
