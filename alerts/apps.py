from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Alert banners: one message on every site of the network, or on one agency's, on time."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = _("Thông báo khẩn")

    def ready(self):
        from . import schedule

        schedule.connect()
