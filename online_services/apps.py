from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "online_services"
    verbose_name = _("Dịch vụ công trực tuyến")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.signals import page_published, page_unpublished

        from .signals import follow_published_form, follow_unpublished_form, forget_calendar_year

        # Level 3 follows the published form.
        page_published.connect(follow_published_form, dispatch_uid="online_services.follow_published_form")
        page_unpublished.connect(follow_unpublished_form, dispatch_uid="online_services.follow_unpublished_form")
        # The working-day calendar is cached per year; an edited day clears its year.
        calendar_day = self.get_model("CalendarDay")
        post_save.connect(forget_calendar_year, sender=calendar_day, dispatch_uid="online_services.calendar_save")
        post_delete.connect(forget_calendar_year, sender=calendar_day, dispatch_uid="online_services.calendar_delete")
