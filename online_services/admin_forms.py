"""The one-stop desk's forms on a dossier: each step of ``workflow`` has its own, carrying the version seen."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .uploads import DossierFileField

SUPPLEMENT_ROWS = 5
RESULT_MAX_MB = 20


class StepForm(forms.Form):
    """Every step form: ``version`` is the dossier's version when the page was drawn (two officers, one wins)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, dossier, **kwargs):
        kwargs.setdefault("initial", {})["version"] = dossier.version
        super().__init__(*args, **kwargs)
        self.dossier = dossier


class StatusChangeForm(StepForm):
    to_status = forms.ChoiceField(label=_("Chuyển sang trạng thái"))
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["to_status"].choices = dossier.allowed_next_choices()


class SupplementRequestForm(StepForm):
    """One line per missing document; each may be tied to a dossier component."""

    message = forms.CharField(
        label=_("Lời nhắn cho công dân"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dossier, components: list[str], **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        choices = [("", _("— Không gắn với thành phần hồ sơ —")), *[(c, c) for c in components]]
        self.rows = []
        for i in range(1, SUPPLEMENT_ROWS + 1):
            self.fields[f"item_{i}"] = forms.CharField(
                label=_("Giấy tờ cần bổ sung %(n)s") % {"n": i}, required=False, max_length=500
            )
            self.fields[f"component_{i}"] = forms.ChoiceField(
                label=_("Thành phần hồ sơ %(n)s") % {"n": i}, required=False, choices=choices
            )
            self.rows.append((self[f"item_{i}"], self[f"component_{i}"]))

    def items(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"item_{i}"], self.cleaned_data[f"component_{i}"])
            for i in range(1, SUPPLEMENT_ROWS + 1)
            if self.cleaned_data.get(f"item_{i}", "").strip()
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.items():
            raise forms.ValidationError(_("Vui lòng ghi ít nhất một giấy tờ cần bổ sung."), code="no_items")
        return cleaned


class ResultForm(StepForm):
    result_file = DossierFileField(
        label=_("Tệp kết quả (PDF)"), required=False, extensions=["pdf"], max_size=RESULT_MAX_MB * 1024 * 1024
    )
    note = forms.CharField(
        label=_("Nơi và thời gian nhận kết quả"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: Bộ phận Một cửa Sở Giao thông vận tải, quầy số 3, từ 8 giờ ngày 12/3."),
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if dossier.results_online:
            self.fields["result_file"].required = True


class TransferForm(StepForm):
    to_agency = forms.ModelChoiceField(label=_("Chuyển đến cơ quan"), queryset=None)
    note = forms.CharField(label=_("Lý do chuyển hồ sơ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, dossier, targets, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        from sites.models import Agency

        # Any agency may be posted; workflow.transfer refuses one the procedure does not allow.
        self.fields["to_agency"].queryset = Agency.objects.filter(is_active=True)
        self.fields["to_agency"].choices = [("", "—"), *[(a.pk, a.name) for a in targets]]


class AppointmentForm(StepForm):
    new_date = forms.DateField(label=_("Ngày hẹn lại"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Lý do chậm"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_new_date(self):
        value = self.cleaned_data["new_date"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("Ngày hẹn lại phải sau hôm nay."))
        return value


class AssignForm(StepForm):
    officer = forms.ModelChoiceField(label=_("Cán bộ thụ lý"), queryset=None, required=False)

    def __init__(self, *args, dossier, officers, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].initial = dossier.assigned_to_id
        self.fields["officer"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
