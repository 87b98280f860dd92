"""Admin wiring of the online services: the queue, the dossier page, the dashboard panel, the outbox, the calendar."""

from django.urls import include, path

from wagtail import hooks

from sites import hooks as site_hooks

from . import admin_views
from .models import Dossier
from .panels import DossierPanel
from .viewsets import calendar_viewset, dossier_viewset, outbox_viewset

admin_urlpatterns = (
    [
        # The queue's old name, kept for links and bookmarks: the same view as ``dossier_queue:index``.
        path("", dossier_viewset.index_view, name="index"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/tep/<int:file_pk>/", admin_views.download, name="file"),
        path("<int:pk>/phieu-xin-loi/<int:appointment_pk>/", admin_views.apology, name="apology"),
    ],
    "online_services_admin",
)


@hooks.register("register_admin_urls")
def register_dossier_urls():
    return [path("ho-so/", include(admin_urlpatterns))]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [dossier_viewset, outbox_viewset, calendar_viewset]


@hooks.register("construct_homepage_panels")
def add_dossier_panel(request, panels):
    if DossierPanel.applies_to(request.user):
        panels.append(DossierPanel(request))


@hooks.register(site_hooks.AGENCY_ROLE_PERMISSIONS)
def officer_permissions():
    """Officers of every agency process their agency's dossiers."""
    return {"officers": [("online_services", "view_dossier"), ("online_services", "change_dossier")]}


@hooks.register(site_hooks.MERGE_AGENCY)
def reassign_dossiers(source, target) -> None:
    Dossier.objects.filter(agency=source).update(agency=target)
