from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reason


class FeedbackForm(forms.Form):
    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    helpful = forms.TypedChoiceField(
        label=_("Trang này có hữu ích không?"),
        choices=[("yes", _("Có")), ("no", _("Không"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Điều gì chưa ổn?"), choices=Reason.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    comment = forms.CharField(
        label=_("Góp ý thêm (không bắt buộc)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Không ghi thông tin cá nhân như số điện thoại, số định danh. Trang này không trả lời góp ý."),
    )
    # A field people never see: a bot that fills it in is ignored.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
