from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "online_services"
    verbose_name = _("Dịch vụ công trực tuyến")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .signals import follow_published_form, follow_unpublished_form

        # Level 3 follows the published form.
        page_published.connect(follow_published_form, dispatch_uid="online_services.follow_published_form")
        page_unpublished.connect(follow_unpublished_form, dispatch_uid="online_services.follow_unpublished_form")
