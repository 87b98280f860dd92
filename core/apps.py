from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared bases of every feature app: base page, site settings, blocks, colours, text folding."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        from . import admin_cache, admin_fragments, localize_buttons

        localize_buttons.install()
        admin_cache.install()
        admin_fragments.install()
