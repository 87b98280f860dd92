from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    """Life-event journeys (dịch vụ công liên thông): procedures of several agencies as numbered steps."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "journeys"
    verbose_name = _("Dịch vụ công liên thông")
