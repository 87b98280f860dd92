"""Admin wiring of the online services (imported by procedures/wagtail_hooks.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .services import admin_views

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
        return request.user.is_superuser or request.user.has_perm("procedures.view_dossier")


@hooks.register("register_admin_menu_item")
def register_dossier_menu_item():
    return DossierMenuItem(
        _("Hồ sơ trực tuyến"), reverse("online_services_admin:index"), icon_name="folder-open-inverse", order=250
    )
