from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopTasksConfig(AppConfig):
    """Top tasks on every home page: procedure search, the three entry points, most-used procedures, journeys."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "toptasks"
    verbose_name = _("Tác vụ thường dùng")
