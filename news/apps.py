from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("Tin tức – Sự kiện")

    def ready(self):
        from wagtail.signals import page_published

        from .signals import queue_portal_proposal

        page_published.connect(queue_portal_proposal, dispatch_uid="news.queue_portal_proposal")
