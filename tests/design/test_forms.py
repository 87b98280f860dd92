"""The shared form-field include and the accent-colour rule."""

import re

import pytest

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from core.colors import contrast_ratio, safe_accent, validate_accent_color
from core.models import SiteSettings


class ApplicationForm(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Như trên căn cước.")
    channel = forms.ChoiceField(
        label="Cách nhận kết quả", choices=[("post", "Qua bưu chính"), ("desk", "Tại Bộ phận Một cửa")],
        widget=forms.RadioSelect, help_text="Chọn một cách.",
    )  # fmt: skip
    consent = forms.BooleanField(label="Tôi đồng ý")
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea)


def render(form):
    return render_to_string("includes/form.html", {"form": form})


def test_invalid_field_is_labelled_described_and_marked_invalid():
    html = render(ApplicationForm(data={}))
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input
    assert '<label for="id_name">Họ và tên <span class="required-mark" aria-hidden="true">*</span></label>' in html
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert '<span class="visually-hidden">Lỗi: </span>' in html
    # The error summary links every message to its control.
    assert 'href="#id_name"' in html and 'href="#id_channel_0"' in html and 'href="#id_consent"' in html


def test_radio_group_is_a_described_fieldset_and_checkbox_precedes_its_label():
    html = render(ApplicationForm(data={}))
    fieldset = re.search(r"<fieldset[^>]*>\s*<legend>Cách nhận kết quả", html)
    assert fieldset and 'aria-describedby="id_channel_helptext id_channel_error"' in fieldset.group(0)
    assert re.search(
        r'<div class="checkbox-row"><input type="checkbox"[^>]*id="id_consent"[^>]*><label for="id_consent">', html
    )


def test_valid_form_has_no_error_markup_and_optional_fields_no_star():
    form = ApplicationForm(data={"name": "An", "channel": "post", "consent": "on"})
    assert form.is_valid()
    html = render(form)
    assert "aria-invalid" not in html and "error-summary" not in html and "errorlist" not in html
    assert '<label for="id_note">Ghi chú</label>' in html


@pytest.mark.parametrize(
    ("color", "ok"),
    [("#a3161a", True), ("#0b4f9c", True), ("#767676", True), ("#777777", False), ("#ffcc00", False), ("red", False)],
)
def test_accent_colour_needs_4_5_to_1_under_white_text(color, ok):
    if ok:
        validate_accent_color(color)
        assert safe_accent(color) == color
    else:
        with pytest.raises(ValidationError):
            validate_accent_color(color)
        assert safe_accent(color) == "#a3161a"


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.django_db
def test_site_settings_refuse_a_light_accent(network):
    settings = SiteSettings.for_site(network["so-y-te"].site)
    settings.accent_color = "#f0a0a0"
    with translation.override("vi"):
        with pytest.raises(ValidationError) as error:
            settings.full_clean()
        # The message is lazy: read it while Vietnamese is active.
        assert "4,5:1" in error.value.message_dict["accent_color"][0]
