from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "security"
    verbose_name = _("An toàn thông tin")

    def ready(self):
        from . import audit  # noqa: F401  (dossier audit signals)
