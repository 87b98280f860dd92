"""The rating form: receipt code plus phone or email (as on the lookup page), four scores, a comment."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

SCORES = [
    (5, _("5 – Rất hài lòng")),
    (4, _("4 – Hài lòng")),
    (3, _("3 – Bình thường")),
    (2, _("2 – Không hài lòng")),
    (1, _("1 – Rất không hài lòng")),
]

CODE_PREFIX = "HT"
CODE_LENGTH = 8
_CLEAN = re.compile(r"[^0-9A-Z]")


def normalise_code(text: str) -> str:
    """What people type (lower case, spaces, no dashes) → ``HT-XXXX-XXXX``; "" when it cannot be a code."""
    raw = _CLEAN.sub("", (text or "").upper())
    if raw.startswith(CODE_PREFIX):
        raw = raw[len(CODE_PREFIX) :]
    if len(raw) != CODE_LENGTH:
        return ""
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


def normalise_phone(value: str) -> str:
    """Digits only, the country code written as a leading 0: “+84 912 345 678” → “0912345678”."""
    digits = re.sub(r"[^\d+]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits.lstrip("+")


def score_field(label):
    return forms.TypedChoiceField(label=label, choices=SCORES, coerce=int, widget=forms.RadioSelect)


class RatingForm(forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=30, help_text=_("Ví dụ: HT-7KQ4-M9XP"))
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử đã khai khi nộp"),
        max_length=254,
    )
    ease = score_field(_("Mức độ thuận tiện, dễ thực hiện"))
    timeliness = score_field(_("Thời gian giải quyết"))
    attitude = score_field(_("Thái độ của cán bộ"))
    overall = score_field(_("Mức độ hài lòng chung"))
    comment = forms.CharField(
        label=_("Góp ý (không bắt buộc)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Không ghi thông tin cá nhân. Góp ý chỉ cơ quan giải quyết hồ sơ đọc được."),
    )
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Mã hồ sơ không đúng dạng (ví dụ: HT-7KQ4-M9XP)."))
        return code
