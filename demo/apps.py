from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Hà Tĩnh demo network: ``manage.py load_demo``. Imported by nothing else."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo"
