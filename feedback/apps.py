from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """“Trang này có hữu ích không?”: a yes or no on procedure, news and section pages."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"
    verbose_name = _("Ý kiến về trang")
