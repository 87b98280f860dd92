from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    """How the one-stop desks perform, in public: figures, charts, ratings, the Decision 766 index."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accountability"
    verbose_name = _("Tình hình giải quyết hồ sơ")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from .figures import bump_generation

        # Any change of a dossier or a rating makes the cached figures stale (a new generation).
        for label in ("online_services.Dossier", "accountability.Rating"):
            model = apps.get_model(label)
            post_save.connect(bump_generation, sender=model, dispatch_uid=f"accountability-{label}-save")
            post_delete.connect(bump_generation, sender=model, dispatch_uid=f"accountability-{label}-delete")
