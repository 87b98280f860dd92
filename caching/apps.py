from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Bộ nhớ đệm")

    def ready(self):
        from . import signals

        signals.connect()
