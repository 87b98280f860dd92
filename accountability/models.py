"""The citizen's satisfaction rating of a settled dossier (đánh giá mức độ hài lòng)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Rating(models.Model):
    """One rating per dossier, 1–5 on the criteria of the national public service portal; anonymous in public figures."""

    CRITERIA = ("ease", "timeliness", "attitude", "overall")

    dossier = models.OneToOneField(
        "online_services.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="satisfaction_rating",
    )
    ease = models.PositiveSmallIntegerField(_("mức độ thuận tiện, dễ thực hiện"), validators=SCORE)
    timeliness = models.PositiveSmallIntegerField(_("thời gian giải quyết"), validators=SCORE)
    attitude = models.PositiveSmallIntegerField(_("thái độ của cán bộ"), validators=SCORE)
    overall = models.PositiveSmallIntegerField(_("mức độ hài lòng chung"), validators=SCORE)
    comment = models.TextField(_("góp ý"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("thời điểm đánh giá"), default=timezone.now)

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ease__range=(1, 5))
                & models.Q(timeliness__range=(1, 5))
                & models.Q(attitude__range=(1, 5))
                & models.Q(overall__range=(1, 5)),
                name="rating_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.overall}/5"

    @property
    def average(self) -> float:
        return sum(getattr(self, c) for c in self.CRITERIA) / len(self.CRITERIA)
