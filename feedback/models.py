"""Answers to “Trang này có hữu ích không?”. No client address is stored (rate limiting keeps a hash for an hour)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    NOT_FOUND = "not_found", _("Không tìm thấy thông tin cần tìm")
    UNCLEAR = "unclear", _("Nội dung khó hiểu")
    OUTDATED = "outdated", _("Thông tin đã cũ hoặc sai")
    BROKEN = "broken", _("Liên kết hoặc mẫu đơn không dùng được")
    OTHER = "other", _("Lý do khác")


class PageFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(
        "sites.Agency", verbose_name=_("cơ quan"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    helpful = models.BooleanField(_("hữu ích"))
    reasons = models.CharField(_("lý do"), max_length=200, blank=True)
    comment = models.TextField(_("góp ý"), max_length=1000, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ý kiến về trang")
        verbose_name_plural = _("ý kiến về trang")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["agency", "helpful"])]

    def __str__(self) -> str:
        return f"{self.page_id}: {'có' if self.helpful else 'không'}"

    def reason_labels(self) -> list[str]:
        labels = dict(Reason.choices)
        return [str(labels[r]) for r in self.reasons.split(",") if r in labels]
