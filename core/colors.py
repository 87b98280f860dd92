"""Accent colours of the agency sites: parsed, measured and checked against WCAG 2.1.

The header, the primary buttons and the footer rule print white text on an
agency's accent colour, so a colour is only accepted when white text on it
reaches the 4.5:1 contrast ratio of WCAG 2.1 AA for normal text (1.4.3).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_ACCENT = "#a3161a"
MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    channels = []
    for i in (1, 3, 5):
        c = int(color[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_usable_accent(color: str | None) -> bool:
    return bool(color) and bool(_HEX.match(color)) and contrast_ratio("#ffffff", color) >= MIN_CONTRAST


def safe_accent(color: str | None) -> str:
    """The colour itself when it is a valid, readable accent; the network default otherwise.

    The value goes into an inline ``<style>``: nothing but ``#rrggbb`` may pass.
    """
    return color.lower() if is_usable_accent(color) else DEFAULT_ACCENT


def validate_accent_color(value: str) -> None:
    if not _HEX.match(value or ""):
        raise ValidationError(_("Nhập mã màu dạng #rrggbb, ví dụ #a3161a."), code="invalid_color")
    ratio = contrast_ratio("#ffffff", value)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "Chữ trắng trên màu %(color)s chỉ đạt độ tương phản %(ratio).2f:1; cần tối thiểu 4,5:1 "
                "(WCAG 2.1 AA). Hãy chọn màu đậm hơn."
            ),
            code="low_contrast",
            params={"color": value, "ratio": ratio},
        )
