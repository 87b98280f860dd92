from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    """The sections Decree 42/2022/NĐ-CP requires on every agency's site."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sections"
    verbose_name = _("Chuyên mục theo Nghị định 42/2022")
