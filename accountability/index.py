"""The service index (Bộ chỉ số phục vụ người dân, doanh nghiệp, Decision 766/QĐ-TTg): what the portal can measure.

Each component carries its formula, shown on the page. The components the
portal holds no data for are listed with the reason, never estimated
(docs/statistics.md).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _


def procedure_figures(agency_ids=None) -> dict:
    """Published procedures of the scope (Vietnamese pages, live), and how many are offered online (one query)."""
    ProcedurePage = apps.get_model("procedures", "ProcedurePage")
    qs = ProcedurePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by()
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.aggregate(
        published=Count("pk"),
        online=Count("pk", filter=Q(level__gte=3)),
        full_online=Count("pk", filter=Q(level__gte=4)),
    )


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def components(totals: dict, procedures: dict) -> list[dict]:
    """The rows of the index table: group, component, formula, value (a percentage) or why it is not measured."""
    unresolved_overdue = totals["in_progress_overdue"]
    in_progress = totals["in_progress"]
    return [
        {
            "group": _("Công khai, minh bạch"),
            "name": _("Thủ tục hành chính được công khai trên cổng"),
            "formula": _("số thủ tục đang công khai (số liệu, không tính tỷ lệ)"),
            "value": procedures["published"],
            "unit": "",
        },
        {
            "group": _("Tiến độ giải quyết"),
            "name": _("Tỷ lệ hồ sơ giải quyết đúng hạn"),
            "formula": _("hồ sơ giải quyết đúng hạn ÷ hồ sơ đã giải quyết trong kỳ × 100"),
            "value": totals["on_time_rate"],
            "unit": "%",
        },
        {
            "group": _("Tiến độ giải quyết"),
            "name": _("Tỷ lệ hồ sơ đang giải quyết chưa quá hạn"),
            "formula": _("hồ sơ đang giải quyết chưa đến hạn ÷ hồ sơ đang giải quyết × 100"),
            "value": _rate(in_progress - unresolved_overdue, in_progress),
            "unit": "%",
        },
        {
            "group": _("Dịch vụ công trực tuyến"),
            "name": _("Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến"),
            "formula": _("thủ tục mức độ 3 trở lên ÷ thủ tục đang công khai × 100"),
            "value": _rate(procedures["online"], procedures["published"]),
            "unit": "%",
        },
        {
            "group": _("Dịch vụ công trực tuyến"),
            "name": _("Tỷ lệ hồ sơ tiếp nhận trực tuyến"),
            "formula": _("hồ sơ nộp trực tuyến ÷ tổng hồ sơ tiếp nhận (trực tuyến và trực tiếp) × 100"),
            "value": None,
            "unit": "%",
            "reason": _(
                "Chưa đo được: cổng chỉ lưu hồ sơ nộp trực tuyến; hồ sơ nộp trực tiếp được ghi trên "
                "Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh."
            ),
        },
        {
            "group": _("Mức độ hài lòng"),
            "name": _("Tỷ lệ người dân, doanh nghiệp hài lòng"),
            "formula": _("lượt đánh giá “Hài lòng” hoặc “Rất hài lòng” (mức 4–5) ÷ tổng lượt đánh giá × 100"),
            "value": totals["satisfied_rate"],
            "unit": "%",
        },
        {
            "group": _("Số hóa hồ sơ"),
            "name": _("Tỷ lệ hồ sơ được số hóa, kết quả được số hóa"),
            "formula": _("theo Quyết định 766/QĐ-TTg"),
            "value": None,
            "unit": "%",
            "reason": _("Chưa đo được: cổng không lưu kho dữ liệu số hóa kết quả giải quyết."),
        },
    ]
