from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "portal_search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401

        signal_handlers.register()
