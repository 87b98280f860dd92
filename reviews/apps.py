from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Content review dates: the pages each agency must review, due or overdue."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = _("Rà soát nội dung")
