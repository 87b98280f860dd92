"""Public forms of the Decree 42 sections: the library filter, questions and comments."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ConsultationComment, DocumentIssuer, DocumentStatus, DocumentType, Question, in_force_q

REQUIRED = {"required": _("Vui lòng nhập thông tin này.")}
INVALID_CHOICE = {"invalid_choice": _("Giá trị đã chọn không hợp lệ.")}


def _label(item) -> str:
    if (get_language() or "vi").startswith("en") and item.name_en:
        return item.name_en
    return item.name


class DocumentFilterForm(forms.Form):
    """Filters of a document library; every choice comes from the library's own documents."""

    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=100)
    type = forms.TypedChoiceField(label=_("Loại văn bản"), required=False, coerce=int, error_messages=INVALID_CHOICE)
    issuer = forms.TypedChoiceField(
        label=_("Cơ quan ban hành"), required=False, coerce=int, error_messages=INVALID_CHOICE
    )
    year = forms.TypedChoiceField(label=_("Năm ban hành"), required=False, coerce=int, error_messages=INVALID_CHOICE)
    status = forms.ChoiceField(
        label=_("Tình trạng hiệu lực"),
        required=False,
        choices=[("", _("Tất cả"))] + list(DocumentStatus.choices),
        error_messages=INVALID_CHOICE,
    )

    def __init__(self, data=None, *, documents, **kwargs):
        # An empty form is a valid one: no filter, every document.
        super().__init__(data if data is not None else {}, **kwargs)
        used = documents.order_by()
        everything = [("", _("Tất cả"))]
        self.fields["type"].choices = everything + [
            (t.pk, _label(t)) for t in DocumentType.objects.filter(pk__in=used.values("document_type_id"))
        ]
        self.fields["issuer"].choices = everything + [
            (i.pk, _label(i)) for i in DocumentIssuer.objects.filter(pk__in=used.values("issuer_id"))
        ]
        self.fields["year"].choices = everything + [
            (d.year, str(d.year)) for d in used.dates("issued_date", "year", order="DESC")
        ]

    def apply(self, documents):
        data = self.cleaned_data
        if data.get("q"):
            documents = documents.filter(
                Q(number__icontains=data["q"]) | Q(summary__icontains=data["q"]) | Q(title__icontains=data["q"])
            )
        if data.get("type") not in (None, ""):
            documents = documents.filter(document_type_id=data["type"])
        if data.get("issuer") not in (None, ""):
            documents = documents.filter(issuer_id=data["issuer"])
        if data.get("year") not in (None, ""):
            documents = documents.filter(issued_date__year=data["year"])
        if data.get("status") == DocumentStatus.IN_FORCE:
            documents = documents.filter(in_force_q())
        elif data.get("status") == DocumentStatus.EXPIRED:
            documents = documents.exclude(in_force_q())
        return documents

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def query_string(self) -> str:
        """The active filters, to carry over to the pagination links."""
        if not self.is_valid():
            return ""
        pairs = [(name, value) for name, value in self.cleaned_data.items() if value not in (None, "")]
        return urlencode(pairs)


class HoneypotMixin(forms.Form):
    """A field people never see (it is inside a hidden block); robots fill it in."""

    website = forms.CharField(label=_("Để trống ô này"), required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class QuestionForm(HoneypotMixin, forms.ModelForm):
    question = forms.CharField(
        label=_("Nội dung câu hỏi"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=REQUIRED,
    )

    class Meta:
        model = Question
        fields = ["name", "email", "phone", "title", "question"]
        labels = {
            "name": _("Họ và tên"),
            "email": _("Thư điện tử"),
            "phone": _("Điện thoại"),
            "title": _("Tiêu đề câu hỏi"),
            "question": _("Nội dung câu hỏi"),
        }
        help_texts = {
            "email": _("Không công khai; dùng để cơ quan liên hệ khi cần."),
            "phone": _("Không công khai."),
        }
        error_messages = {
            "name": REQUIRED,
            "title": REQUIRED,
            "question": REQUIRED,
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 6})}

    field_order = ["name", "email", "phone", "title", "question", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["phone"].widget.input_type = "tel"

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.has_error("email"):
            raise forms.ValidationError(_("Vui lòng để lại thư điện tử hoặc số điện thoại để cơ quan liên hệ."))
        return data


class ConsultationCommentForm(HoneypotMixin, forms.ModelForm):
    body = forms.CharField(
        label=_("Nội dung góp ý"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=REQUIRED,
    )

    class Meta:
        model = ConsultationComment
        fields = ["name", "organisation", "email", "body"]
        labels = {
            "name": _("Họ và tên"),
            "organisation": _("Cơ quan, tổ chức (nếu có)"),
            "email": _("Thư điện tử"),
            "body": _("Nội dung góp ý"),
        }
        help_texts = {"email": _("Không công khai.")}
        error_messages = {
            "name": REQUIRED,
            "body": REQUIRED,
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    field_order = ["name", "organisation", "email", "body", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
