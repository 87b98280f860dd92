"""Alert banners (thông báo): a network-wide message from the province, or an agency's own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Alert(models.Model):
    class Level(models.TextChoices):
        INFO = "info", _("Thông tin")
        WARNING = "warning", _("Cảnh báo")
        EMERGENCY = "emergency", _("Khẩn cấp")

    agency = models.ForeignKey(
        "sites.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Để trống: thông báo trên toàn bộ các trang của tỉnh (chỉ quản trị viên cấp tỉnh)."),
    )
    level = models.CharField(_("mức độ"), max_length=16, choices=Level.choices, default=Level.INFO)
    title = models.CharField(_("tiêu đề"), max_length=120)
    message = models.TextField(_("nội dung"), max_length=600)
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=120, blank=True)
    message_en = models.TextField(_("nội dung (tiếng Anh)"), max_length=600, blank=True)
    link_url = models.URLField(_("liên kết"), blank=True)
    link_text = models.CharField(_("chữ trên liên kết"), max_length=80, blank=True)
    link_text_en = models.CharField(_("chữ trên liên kết (tiếng Anh)"), max_length=80, blank=True)
    starts_at = models.DateTimeField(_("bắt đầu hiển thị"), default=timezone.now)
    ends_at = models.DateTimeField(_("kết thúc hiển thị"))
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    panels = [
        FieldPanel("agency"),
        FieldPanel("level"),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("message"), FieldPanel("title_en"), FieldPanel("message_en")],
            heading=_("Nội dung"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Thời gian hiển thị")),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("link_text"), FieldPanel("link_text_en")], heading=_("Liên kết")
        ),
    ]

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-starts_at"]
        permissions = [("publish_network_alert", _("Đăng thông báo trên toàn bộ các trang của tỉnh"))]
        indexes = [models.Index(fields=["ends_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def dismissible(self) -> bool:
        return self.level != self.Level.EMERGENCY

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("Nhập chữ hiển thị trên liên kết.")})
