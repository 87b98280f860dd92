"""Admin wiring of the online services: the officers' queue, the officers' model permissions, agency merges."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites import hooks as site_hooks

from . import admin_views
from .models import Dossier

admin_urlpatterns = (
    [
        path("", admin_views.index, name="index"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/tep/<int:file_pk>/", admin_views.download, name="file"),
    ],
    "online_services_admin",
)


@hooks.register("register_admin_urls")
def register_dossier_urls():
    return [path("ho-so/", include(admin_urlpatterns))]


class DossierMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("online_services.view_dossier")


@hooks.register("register_admin_menu_item")
def register_dossier_menu_item():
    return DossierMenuItem(
        _("Hồ sơ trực tuyến"), reverse("online_services_admin:index"), icon_name="folder-open-inverse", order=250
    )


@hooks.register(site_hooks.AGENCY_ROLE_PERMISSIONS)
def officer_permissions():
    """Officers of every agency process their agency's dossiers."""
    return {"officers": [("online_services", "view_dossier"), ("online_services", "change_dossier")]}


@hooks.register(site_hooks.MERGE_AGENCY)
def reassign_dossiers(source, target) -> None:
    Dossier.objects.filter(agency=source).update(agency=target)
