"""The portal's own, privacy-preserving usage signal, and the editors' override.

``ProcedureViewDay`` counts views of a procedure page per day: one row per
page and day, a number, nothing else: no address, no cookie, no identifier of
the visitor. The count comes from a beacon the page sends once per browser
tab session (static/toptasks/count.js), because pages are served from the page
cache without running any view. ``TopTaskSettings`` lets each site's editors
pin procedures first, or hide some from the list.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


class ProcedureViewDay(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("sites.Agency", null=True, on_delete=models.SET_NULL, related_name="+")
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem thủ tục trong ngày")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="toptasks_one_row_per_page_and_day")]
        indexes = [models.Index(fields=["day", "agency"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"


@register_setting(icon="pick")
class TopTaskSettings(BaseSiteSetting, ClusterableModel):
    """What the site's home page shows first: procedures pinned by the editors, then the most used."""

    count = models.PositiveSmallIntegerField(
        _("số thủ tục hiển thị"),
        default=6,
        help_text=_("Thủ tục được ghim hiển thị trước, sau đó là thủ tục được xem nhiều."),
    )
    use_signals = models.BooleanField(
        _("bổ sung thủ tục được xem nhiều"),
        default=True,
        help_text=_("Bỏ chọn để chỉ hiển thị các thủ tục được ghim."),
    )

    panels = [
        FieldPanel("count"),
        FieldPanel("use_signals"),
        InlinePanel("pinned", heading=_("Thủ tục được ghim"), label=_("thủ tục")),
    ]

    class Meta:
        verbose_name = _("tác vụ thường dùng")


class PinnedProcedure(Orderable):
    setting = ParentalKey(TopTaskSettings, related_name="pinned", on_delete=models.CASCADE)
    procedure = models.ForeignKey(
        "procedures.ProcedurePage", verbose_name=_("thủ tục hành chính"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("procedure", "procedures.ProcedurePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("thủ tục được ghim")
